#pragma once
// The subcommands of the plasticore command line.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compare/population_statistics.hpp"
#include "experiment/experiment.hpp"

namespace plasticore {
struct run_result;
}

namespace plasticore::cli {

// A malformed command-line argument that CLI11 could not check (exit status 2).
struct usage_error: std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Command-line overrides of the experiment: applied to the TOML document before it is checked,
// so they meet exactly the checks of the file (load_with_overrides.hpp).
struct experiment_overrides_options {
    std::optional<std::string> duration_ms;  // simulation.duration_ms
    std::optional<std::string> seed;         // simulation.seed
    std::optional<std::string> scale;        // scale.neurons and scale.in_degrees
    std::optional<std::string> final_weights;  // record.final_weights (run only)
};

struct run_options {
    std::string experiment_path;
    std::string model = "golden";
    std::string out_dir;
    experiment_overrides_options overrides;
    bool allow_memory = false;  // run even if the estimate exceeds the available memory
    std::string precision = "double";
    unsigned threads = 1;    // network build and golden/fixed synapse delivery
    bool write_inputs = false;
    bool quiet = false;      // nothing on stdout; warnings and errors still on stderr
    std::string vcd_path;    // --model core: SystemC VCD of the core's signals
    std::string vcd_window;  // "FROM:TO" [ms]
    std::string rtl_unit = "engine";  // --model core-rtl: "engine" or "pair"
};

// plasticore compare (docs/compare.md)
struct compare_command_options {
    std::string experiment_path;
    std::string reference = "golden";
    std::string candidate = "fixed";
    std::string out_dir;
    double van_rossum_tau_ms = 10.0;  // [ms]
    statistics_options statistics;    // window, bin and sample of the spike statistics
    experiment_overrides_options overrides;
    bool allow_memory = false;
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
    statistics_options statistics;     // window, bin and sample of the spike statistics
    bool capacity = false;             // --capacity: real-time capacity per point
    double capacity_tolerance = 0.05;  // --capacity-tolerance
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
    std::string metrics;   // a sweep's metric figures to draw (comma-separated); empty: all that vary
    std::string accuracy;  // a sweep's metric on the accuracy axis of the Pareto fronts; empty: the default
};

// plasticore cosim (docs/rtl.md, "Co-simulation")
struct cosim_command_options {
    std::string experiment_path;
    experiment_overrides_options overrides;
    bool allow_memory = false;
    std::string vcd_path;            // Verilator VCD of the RTL unit
    std::uint32_t rtl_seed_xor = 0;  // deliberately alter the RTL generator (checker test)
    std::string rtl_unit = "engine";  // "engine" (learning engine) or "pair" (stdp_update_unit)
    bool rtl_engine_altered = false;  // run the deliberately altered engine (checker test)
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

// plasticore capacity (docs/energy.md, "Real-time capacity").
struct capacity_command_options {
    std::string experiment_path;
    experiment_overrides_options overrides;
    double tolerance = 0.01;  // relative width of the final bracket
    // A grid of core configurations (docs/energy.md, "Capacity against clock and lanes"): each
    // list, when given, replaces [core] clock_mhz / lanes; the grid goes to out_dir.
    std::string clock_mhz_list, lanes_list;
    std::string out_dir;
    // --scale KEY: capacity in an integer key (a source's or population's size) instead of the
    // Poisson rates, up to --max-size.
    std::string scale_key;
    std::int64_t max_size = 1 << 20;
    bool json = false;
    bool allow_memory = false;
};
int capacity_command(const capacity_command_options& options);
int sweep_command(const sweep_command_options& options);
int plot_command(const plot_command_options& options);
int compare_command(const compare_command_options& options);
int validate_command(const std::string& experiment_path);

// "plasticore: warning: ..." on stderr for each of the run's warnings (degenerate formats).
void print_warnings(const run_result& res);

// Runs `f`; a std::invalid_argument or std::domain_error out of it (a value the loader accepted
// but a model layer cannot represent: a constant too large for its [hardware] format, a
// configuration no verilated RTL implements) becomes an experiment_error naming the file.
void blame_input(const experiment& ex, const std::function<void()>& f);

// The experiment at `path` with the command-line overrides applied and checked.
experiment load_for_command(const std::string& path, const experiment_overrides_options& overrides);

}  // namespace plasticore::cli
