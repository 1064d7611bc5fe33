#pragma once
// Runs a program found on PATH and captures what it prints: how plasticore talks to Slurm
// (sbatch, squeue) without a shell in between, so no argument is ever re-parsed.

#include <string>
#include <vector>

namespace plasticore::cli {

struct program_output {
    int status = 0;    // exit status, or 128 + signal number
    std::string out;   // standard output
    std::string err;   // standard error
};

// Runs argv[0] (searched on PATH) with standard input from /dev/null and waits for it. Throws
// std::runtime_error naming the program if it cannot be started (e.g. not installed).
program_output run_program(const std::vector<std::string>& argv);

}  // namespace plasticore::cli
