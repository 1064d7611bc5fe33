// plasticore: the command line. Each subcommand lives in its own file; this one only wires
// CLI11 to them and turns every error into a one-line message and a documented exit status
// (exit_codes.hpp): no exception, ours, the library's or SystemC's, leaves unexplained.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <new>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "experiment/experiment_error.hpp"
#include "layers/run_model.hpp"
#include "resources/memory_estimate.hpp"
#include "results/result_directory.hpp"
#include "sweep/sweep.hpp"

namespace {

// --duration and --seed of run, compare, cosim and capacity, --scale of all but capacity (whose
// --scale names the key it searches): strings, so that the loader checks them.
void add_overrides(CLI::App* cmd, plasticore::cli::experiment_overrides_options& o, bool network_scale = true) {
    cmd->add_option("--duration", o.duration_ms, "override simulation.duration_ms [ms] (checked like the file)");
    cmd->add_option("--seed", o.seed, "override simulation.seed, an integer in [0, 2^63 - 1]");
    if (network_scale)
        cmd->add_option("--scale", o.scale,
                        "simulate the network of the file at this fraction, in (0, 1]: sets [scale] neurons and "
                        "in_degrees (sizes, in-degrees, weights / sqrt, compensating DC; docs/experiment-format.md)");
}

// The spike statistics' options of compare and sweep (docs/compare.md). They are checked by the
// command against each run's dt and duration (check_statistics_options), so that every bad value
// names its flag the same way.
void add_statistics_options(CLI::App* cmd, plasticore::statistics_options& o) {
    cmd->add_option("--analysis-start", o.analysis_start,
                    "start of the window of the spike statistics (rate, CV ISI, correlation) [ms]")
        ->capture_default_str();
    cmd->add_option_function<double>(
        "--analysis-stop", [&o](const double& v) { o.analysis_stop = v; },
        "end of that window, exclusive [ms] (default: the end of the run)");
    cmd->add_option("--correlation-bin", o.correlation_bin,
                    "bin of the spike counts whose pairwise correlations are compared [ms], rounded to whole steps")
        ->capture_default_str();
    cmd->add_option("--correlation-sample", o.correlation_sample,
                    "neurons per population whose pairs are correlated, drawn from the seed")
        ->capture_default_str();
    cmd->add_option("--cv-min-spikes", o.cv_min_spikes,
                    "neurons with fewer spikes in the window have no CV ISI (at least 3)")
        ->capture_default_str();
}

int run_subcommand(const std::function<int()>& command) {
    using namespace plasticore;
    try {
        return command();
    }
    catch (const experiment_error& e) {
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return cli::exit_bad_input;
    }
    catch (const sweep::sweep_error& e) {
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return cli::exit_bad_input;
    }
    catch (const cli::usage_error& e) {
        fmt::print(stderr, "plasticore: usage error: {}\n", e.what());
        return cli::exit_usage;
    }
    catch (const memory_limit_error& e) {
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return cli::exit_memory;
    }
    catch (const std::bad_alloc&) {
        fmt::print(stderr, "plasticore: error: out of memory (the estimate of `plasticore validate` was too low; "
                           "please report the input)\n");
        return cli::exit_memory;
    }
    catch (const output_directory_error& e) {
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return cli::exit_output;
    }
    catch (const std::filesystem::filesystem_error& e) {
        // Output that cannot be written (a file where a directory should be, no permission, a
        // full disk): the place, not the input nor a defect.
        fmt::print(stderr, "plasticore: error: cannot write the output: {}\n", e.what());
        return cli::exit_output;
    }
    catch (const std::invalid_argument& e) {
        // A parameter the loader accepted but a model layer cannot represent (e.g. a constant that
        // does not fit its [hardware] format): the input, not a defect.
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return cli::exit_bad_input;
    }
    catch (const std::exception& e) {
        fmt::print(stderr, "plasticore: internal error: {}\n", e.what());
        return cli::exit_internal;
    }
    catch (...) {
        fmt::print(stderr, "plasticore: internal error: an exception of unknown type\n");
        return cli::exit_internal;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"plasticore: a cycle-accurate neuromorphic core simulator with a golden "
                 "floating-point reference model"};
    app.footer(plasticore::cli::exit_code_help);
    app.require_subcommand(1);
    app.set_version_flag("--version", "plasticore 0.1.0");

    plasticore::cli::run_options run;
    auto* run_cmd = app.add_subcommand("run", "simulate an experiment and write its result files");
    run_cmd->add_option("experiment", run.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    run_cmd->add_option("--model", run.model, "model layer to run")
        ->check(CLI::IsMember(plasticore::model_names()))->capture_default_str();
    run_cmd->add_option("--out", run.out_dir, "output directory (created if missing; one run at a time)")->required();
    add_overrides(run_cmd, run.overrides);
    run_cmd->add_flag("--allow-memory", run.allow_memory,
                      "run even if the memory estimate exceeds the memory available (see validate)");
    run_cmd->add_option("--precision", run.precision, "golden scalar type: double, or high (50 decimal digits)")
        ->check(CLI::IsMember({"double", "high"}))->capture_default_str();
    run_cmd->add_option("--threads", run.threads,
                        "threads for building the network and for golden's and fixed's synapse delivery "
                        "(results do not depend on it)")
        ->check(CLI::Range(1u, 256u))->capture_default_str();
    run_cmd->add_option("--final-weights", run.overrides.final_weights,
                        "whose final weights weights.csv holds (overrides [record] final_weights): all (the "
                        "default), plastic (projections with a rule and those in [[record.weights]]) or recorded "
                        "(only those in [[record.weights]]); summary.json's weight statistics cover every projection")
        ->check(CLI::IsMember({"all", "plastic", "recorded"}));
    run_cmd->add_flag("--write-inputs", run.write_inputs,
                      "also write the input spike trains (stimulus.csv), every synapse with its "
                      "initial weight and delay (network.csv) and the plastic projections' rules with "
                      "their Brian2 code and the reward events (plasticity.json), for external simulators");
    run_cmd->add_flag("-q,--quiet", run.quiet, "print nothing but warnings and errors");
    run_cmd->add_option("--vcd", run.vcd_path, "--model core: write a SystemC VCD of the core's signals");
    run_cmd->add_option("--vcd-window", run.vcd_window, "--model core: VCD window FROM:TO [ms]");
    run_cmd->add_option("--rtl-unit", run.rtl_unit,
                        "--model core-rtl: the verilated synapse-update unit: engine (the learning engine with the "
                        "rule's microcode; every rule) or pair (the smaller dedicated "
                        "stdp_update_unit; stdp_pair only)")
        ->check(CLI::IsMember({"engine", "pair"}))->capture_default_str();

    plasticore::cli::compare_command_options cmp;
    auto* compare_cmd = app.add_subcommand(
        "compare", "run a reference and a candidate model layer on the same input and compare them");
    compare_cmd->add_option("experiment", cmp.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    // Model names are checked by the command, against the layers this build knows.
    compare_cmd->add_option("--reference", cmp.reference, "reference model layer")->capture_default_str();
    compare_cmd->add_option("--candidate", cmp.candidate, "candidate model layer")->capture_default_str();
    compare_cmd->add_option("--out", cmp.out_dir, "output directory (created if missing)")->required();
    compare_cmd->add_option("--van-rossum-tau", cmp.van_rossum_tau_ms, "van Rossum kernel time constant [ms]")
        ->check(CLI::PositiveNumber)->capture_default_str();
    add_statistics_options(compare_cmd, cmp.statistics);
    add_overrides(compare_cmd, cmp.overrides);
    compare_cmd->add_flag("--allow-memory", cmp.allow_memory,
                          "run even if the memory estimate exceeds the memory available (see validate)");
    compare_cmd->add_flag("-q,--quiet", cmp.quiet, "print nothing but warnings and errors");

    plasticore::cli::sweep_command_options swp;
    auto* sweep_cmd = app.add_subcommand(
        "sweep", "compare a candidate against a reference layer over the Cartesian product of key overrides "
                 "(docs/sweep.md)");
    sweep_cmd->add_option("experiment", swp.experiment_path, "experiment file (TOML)")->check(CLI::ExistingFile);
    sweep_cmd->add_option("--set", swp.sets,
                          "KEY=VALUES: a dotted TOML key path and a list (a,b,c) or integer range (4..16, 4..16:2); "
                          "repeatable, the first varies slowest")->allow_extra_args(false);
    sweep_cmd->add_option("--seeds", swp.seeds, "seeds per point: seed base + 0..N-1")->check(CLI::PositiveNumber);
    sweep_cmd->add_option("--seed-base", swp.seed_base, "first seed (default: the experiment's simulation.seed)");
    sweep_cmd->add_option("-j,--jobs", swp.jobs,
                          "worker threads (default: all cores); with --slurm/--emit-slurm each array task's CPUs and "
                          "threads (default 1)")->check(CLI::NonNegativeNumber);
    sweep_cmd->add_option("--shard", swp.shard, "K/N: run only the points whose index % N == K-1");
    sweep_cmd->add_option("--reference", swp.reference, "reference model layer")->capture_default_str();
    sweep_cmd->add_option("--candidate", swp.candidate, "candidate model layer")->capture_default_str();
    sweep_cmd->add_option("--van-rossum-tau", swp.van_rossum_tau_ms, "van Rossum kernel time constant [ms]")
        ->check(CLI::PositiveNumber)->capture_default_str();
    add_statistics_options(sweep_cmd, swp.statistics);
    sweep_cmd->add_flag("--capacity", swp.capacity,
                        "also find each point's real-time capacity (model/capacity: 10-20 core runs per point; "
                        "docs/sweep.md, \"Design metrics\")");
    sweep_cmd->add_option("--capacity-tolerance", swp.capacity_tolerance,
                          "relative width of the capacity bracket, in [1e-6, 0.5]")
        ->check(CLI::Range(1e-6, 0.5))->capture_default_str();
    sweep_cmd->add_option("--merge", swp.merge_dirs, "join these sweep directories (shards) into --out")->take_all();
    sweep_cmd->add_option("--out", swp.out_dir, "output directory (created if missing; rerun to resume)")->required();
    sweep_cmd->add_flag("-q,--quiet", swp.quiet, "print nothing but errors");
    auto* slurm_opt = sweep_cmd->add_option(
        "--slurm", swp.slurm_shards,
        "N: split the sweep into N shards and submit them as a Slurm array job, plus a job that merges them into "
        "--out when the array has ended; rerun to resubmit only the incomplete shards")->check(CLI::PositiveNumber);
    auto* emit_opt = sweep_cmd->add_option(
        "--emit-slurm", swp.slurm_shards,
        "N: as --slurm, but only write the sbatch scripts (OUT/slurm/sweep.sbatch, merge.sbatch) and print how to "
        "submit them")->check(CLI::PositiveNumber);
    slurm_opt->excludes(emit_opt);
    sweep_cmd->add_option("--sbatch", swp.sbatch_options,
                          "OPTION: an extra sbatch option for the --slurm/--emit-slurm jobs, e.g. "
                          "--sbatch=--time=00:30:00 (repeatable)")->allow_extra_args(false);

    plasticore::cli::plot_command_options plt;
    auto* plot_cmd = app.add_subcommand(
        "plot", "render the figures of a sweep, capacity grid, run or compare directory into DIR/plots/ (PNG, SVG)");
    plot_cmd->add_option("dir", plt.sweep_dir, "a directory written by plasticore sweep, capacity --out, run or compare")
        ->required()->check(CLI::ExistingDirectory);
    plot_cmd->add_option("--script", plt.script,
                         "plotting script (default: tools/plot/plot_sweep.py for a sweep, plot_capacity.py for a "
                         "capacity grid, tools/plot/plot_run.py for a run or compare directory, of the source tree)");
    plot_cmd->add_option("--metrics", plt.metrics,
                         "sweep only: comma-separated metric columns to draw against the swept key (default: all)");
    plot_cmd->add_option("--accuracy", plt.accuracy,
                         "sweep only: the metric on the accuracy-loss axis of the Pareto fronts (default: the first "
                         "PROJECTION.weight_w1_na, else van_rossum_mean; docs/sweep.md)");

    plasticore::cli::cosim_command_options cos;
    auto* cosim_cmd = app.add_subcommand(
        "cosim", "run the core with the C++ and the verilated RTL synapse-update unit in lockstep and report "
                 "the first mismatch (docs/rtl.md)");
    cosim_cmd->add_option("experiment", cos.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    add_overrides(cosim_cmd, cos.overrides);
    cosim_cmd->add_flag("--allow-memory", cos.allow_memory,
                        "run even if the memory estimate exceeds the memory available (see validate)");
    cosim_cmd->add_option("--vcd", cos.vcd_path, "write the RTL unit's waveform (Verilator VCD) to this file");
    cosim_cmd->add_option("--rtl-seed-xor", cos.rtl_seed_xor,
                          "XOR this into the RTL generator state (a deliberate fault: the checker must fail)");
    cosim_cmd->add_option("--rtl-unit", cos.rtl_unit,
                          "the verilated unit: engine (the learning engine with the rule's microcode; every rule) or "
                          "pair (the dedicated stdp_update_unit; stdp_pair only)")
        ->check(CLI::IsMember({"engine", "pair"}))->capture_default_str();
    cosim_cmd->add_flag("--rtl-engine-altered", cos.rtl_engine_altered,
                        "a test of the checker: run the engine verilated with a deliberately altered term (term 0's "
                        "first product rounds nearest_even as floor; reference widths only)");
    cosim_cmd->add_flag("-q,--quiet", cos.quiet, "no progress bar");

    plasticore::cli::rules_command_options rls;
    auto* rules_cmd = app.add_subcommand(
        "rules", "list the plasticity rules: parameters (key, unit, default, allowed values), state, events "
                 "(docs/plasticity.md)");
    rules_cmd->add_option("rule", rls.rule, "one rule (default: all)");
    rules_cmd->add_flag("--json", rls.json, "machine-readable output");
    rules_cmd->add_flag("--markdown", rls.markdown, "the parameter tables of docs/experiment-format.md");

    plasticore::cli::capacity_command_options cap;
    auto* capacity_cmd = app.add_subcommand(
        "capacity", "the largest scaling of the Poisson input rates for which the core meets its real-time tick "
                    "budget (every tick, and 99% of ticks), by bisection over the core (docs/energy.md)");
    capacity_cmd->add_option("experiment", cap.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    add_overrides(capacity_cmd, cap.overrides, false);
    capacity_cmd->add_option("--tolerance", cap.tolerance, "relative width of the final bracket, in [1e-6, 0.5]")
        ->check(CLI::Range(1e-6, 0.5))->capture_default_str();
    capacity_cmd->add_option("--clock-mhz", cap.clock_mhz_list,
                             "a list (50,100,200) or integer range (50..200:50) of core clocks [MHz]: one search "
                             "per clock and lane count, written to --out");
    capacity_cmd->add_option("--lanes", cap.lanes_list, "a list or integer range of neuron-update lane counts, as --clock-mhz");
    capacity_cmd->add_option("--out", cap.out_dir,
                             "with --clock-mhz or --lanes: directory for capacity.csv and capacity.json "
                             "(plasticore plot DIR draws them)");
    capacity_cmd->add_option("--scale", cap.scale_key,
                             "KEY: find the largest integer value of KEY instead of a rate factor, e.g. "
                             "source.inputs.size (the fan-in of an all-to-all projection) or population.post.size "
                             "(the neuron count); doubling from 1, then exact bisection");
    capacity_cmd->add_option("--max-size", cap.max_size, "with --scale: the largest value tried")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40))->capture_default_str();
    capacity_cmd->add_flag("--json", cap.json, "machine-readable output");
    capacity_cmd->add_flag("--allow-memory", cap.allow_memory,
                           "run even if the memory estimate exceeds the memory available (see validate)");

    std::string validate_path;
    auto* validate_cmd = app.add_subcommand("validate", "check an experiment file and summarise what it describes");
    validate_cmd->add_option("experiment", validate_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);

    try {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0; every real one is a usage error.
        if (e.get_exit_code() == 0) return app.exit(e);
        app.exit(e);
        return plasticore::cli::exit_usage;
    }
    return run_subcommand([&] {
        if (*run_cmd) return plasticore::cli::run_command(run);
        if (*compare_cmd) return plasticore::cli::compare_command(cmp);
        if (*validate_cmd) return plasticore::cli::validate_command(validate_path);
        if (*capacity_cmd) return plasticore::cli::capacity_command(cap);
        if (*sweep_cmd) {
            swp.slurm_submit = slurm_opt->count() > 0;
            return plasticore::cli::sweep_command(swp);
        }
        if (*cosim_cmd) return plasticore::cli::cosim_command(cos);
        if (*plot_cmd) return plasticore::cli::plot_command(plt);
        if (*rules_cmd) return plasticore::cli::rules_command(rls);
        return 0;
    });
}
