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

// plasticore compare (docs/compare.md)
struct compare_command_options {
    std::string experiment_path;
    std::string reference = "golden";
    std::string candidate = "fixed";
    std::string out_dir;
    double van_rossum_tau_ms = 10.0;  // [ms]
    std::optional<double> duration_ms;
    std::optional<std::uint64_t> seed;
    bool quiet = false;
};

int run_command(const run_options& options);
int compare_command(const compare_command_options& options);
int validate_command(const std::string& experiment_path);

}  // namespace plasticore::cli
