#pragma once
// The subcommands of the plasticore command line.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
    std::string vcd_path;    // --model core: SystemC VCD of the core's signals
    std::string vcd_window;  // "FROM:TO" [ms]
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

// plasticore sweep (docs/sweep.md)
struct sweep_command_options {
    std::string experiment_path;
    std::vector<std::string> sets;  // KEY=VALUES
    int seeds = 0;                  // 0: not given, the experiment's own seed
    std::optional<std::uint64_t> seed_base;
    int jobs = 0;                   // 0 = hardware concurrency
    std::string shard;              // K/N
    std::string reference = "golden";
    std::string candidate = "fixed";
    double van_rossum_tau_ms = 10.0;  // [ms]
    std::vector<std::string> merge_dirs;
    std::string out_dir;
    bool quiet = false;
    // --slurm N (write the sbatch scripts and submit them) or --emit-slurm N (write them only):
    // N shards, one Slurm array task each (docs/sweep.md, "Slurm array jobs").
    int slurm_shards = 0;
    bool slurm_submit = false;
    std::vector<std::string> sbatch_options;  // --sbatch OPTION: extra #SBATCH lines
};

// plasticore plot (docs/sweep.md)
struct plot_command_options {
    std::string sweep_dir;
    std::string script;  // empty: the compiled-in tools/plot/plot_sweep.py
};

// plasticore cosim (docs/rtl.md, "Co-simulation")
struct cosim_command_options {
    std::string experiment_path;
    std::optional<double> duration_ms;
    std::optional<std::uint64_t> seed;
    std::string vcd_path;            // Verilator VCD of the RTL unit
    std::uint32_t rtl_seed_xor = 0;  // deliberately alter the RTL generator (checker test)
    bool quiet = false;
};

// plasticore rules (docs/plasticity.md)
struct rules_command_options {
    std::string rule;  // empty: every rule
    bool json = false;
    bool markdown = false;  // the parameter tables of docs/experiment-format.md
};

int rules_command(const rules_command_options& options);
int cosim_command(const cosim_command_options& options);
int run_command(const run_options& options);
int sweep_command(const sweep_command_options& options);
int plot_command(const plot_command_options& options);
int compare_command(const compare_command_options& options);
int validate_command(const std::string& experiment_path);

}  // namespace plasticore::cli
