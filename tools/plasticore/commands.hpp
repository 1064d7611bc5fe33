#pragma once
// The subcommands of the plasticore command line.

#include <cstdint>
#include <optional>
#include <string>

namespace plasticore::cli {

struct run_options {
    std::string experiment_path;
    std::string model = "golden";
    std::string out_dir;
    std::optional<double> duration_ms;
    std::optional<std::uint64_t> seed;
    std::string precision = "double";
    bool write_inputs = false;
    bool quiet = false;
};

int run_command(const run_options& options);
int validate_command(const std::string& experiment_path);

}  // namespace plasticore::cli
