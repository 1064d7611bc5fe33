#pragma once
// The exit statuses of plasticore, documented in README.md ("Exit status") and --help.

namespace plasticore::cli {

enum exit_code : int {
    exit_ok = 0,
    exit_bad_input = 1,      // the experiment, a file it names, or a value (also --set, --seed, --duration)
    exit_usage = 2,          // the command line itself: unknown option, missing or malformed argument
    exit_memory = 3,         // the run needs more memory than is available (see --allow-memory)
    exit_output = 4,         // the output directory is in use by another run, or cannot be written
    exit_mismatch = 5,       // cosim: the C++ and RTL units disagree
    exit_internal = 70,      // a defect of plasticore (please report it with the input)
};

// Text for --help.
constexpr const char* exit_code_help =
    "Exit status: 0 success, 1 bad input (experiment, CSV files, values), 2 usage (command line), "
    "3 not enough memory for the run, 4 output directory in use or not writable, 5 cosim mismatch, "
    "70 internal error.";

}  // namespace plasticore::cli
