// plasticore: the command line. Each subcommand lives in its own file; this one only wires
// CLI11 to them and turns every error into a one-line message and a non-zero exit status.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

#include "commands.hpp"
#include "layers/run_model.hpp"

int main(int argc, char** argv) {
    CLI::App app{"plasticore: a cycle-accurate neuromorphic core simulator with a golden "
                 "floating-point reference model"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "plasticore 0.1.0");

    plasticore::cli::run_options run;
    auto* run_cmd = app.add_subcommand("run", "simulate an experiment and write its result files");
    run_cmd->add_option("experiment", run.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    run_cmd->add_option("--model", run.model, "model layer to run")
        ->check(CLI::IsMember(plasticore::model_names()))->capture_default_str();
    run_cmd->add_option("--out", run.out_dir, "output directory (created if missing)")->required();
    run_cmd->add_option("--duration", run.duration_ms, "override simulation.duration_ms [ms]")->check(CLI::PositiveNumber);
    run_cmd->add_option("--seed", run.seed, "override simulation.seed");
    run_cmd->add_option("--precision", run.precision, "golden scalar type: double, or high (50 decimal digits)")
        ->check(CLI::IsMember({"double", "high"}))->capture_default_str();
    run_cmd->add_flag("--write-inputs", run.write_inputs,
                      "also write the input spike trains (stimulus.csv), every synapse with its "
                      "initial weight and delay (network.csv) and the plastic projections' rules with "
                      "their Brian2 code and the reward events (plasticity.json), for external simulators");
    run_cmd->add_flag("-q,--quiet", run.quiet, "print nothing but errors");
    run_cmd->add_option("--vcd", run.vcd_path, "--model core: write a SystemC VCD of the core's signals");
    run_cmd->add_option("--vcd-window", run.vcd_window, "--model core: VCD window FROM:TO [ms]");

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
    compare_cmd->add_option("--duration", cmp.duration_ms, "override simulation.duration_ms [ms]")->check(CLI::PositiveNumber);
    compare_cmd->add_option("--seed", cmp.seed, "override simulation.seed");
    compare_cmd->add_flag("-q,--quiet", cmp.quiet, "print nothing but errors");

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
        "plot", "render the figures of a sweep, run or compare directory into DIR/plots/ (PNG, SVG)");
    plot_cmd->add_option("dir", plt.sweep_dir, "a directory written by plasticore sweep, run or compare")
        ->required()->check(CLI::ExistingDirectory);
    plot_cmd->add_option("--script", plt.script,
                         "plotting script (default: tools/plot/plot_sweep.py for a sweep, tools/plot/plot_run.py "
                         "for a run or compare directory, of the source tree)");

    plasticore::cli::cosim_command_options cos;
    auto* cosim_cmd = app.add_subcommand(
        "cosim", "run the core with the C++ and the verilated RTL synapse-update unit in lockstep and report "
                 "the first mismatch (docs/rtl.md)");
    cosim_cmd->add_option("experiment", cos.experiment_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);
    cosim_cmd->add_option("--duration", cos.duration_ms, "override simulation.duration_ms [ms]")->check(CLI::PositiveNumber);
    cosim_cmd->add_option("--seed", cos.seed, "override simulation.seed");
    cosim_cmd->add_option("--vcd", cos.vcd_path, "write the RTL unit's waveform (Verilator VCD) to this file");
    cosim_cmd->add_option("--rtl-seed-xor", cos.rtl_seed_xor,
                          "XOR this into the RTL generator state (a deliberate fault: the checker must fail)");
    cosim_cmd->add_flag("-q,--quiet", cos.quiet, "no progress bar");

    plasticore::cli::rules_command_options rls;
    auto* rules_cmd = app.add_subcommand(
        "rules", "list the plasticity rules: parameters (key, unit, default, allowed values), state, events "
                 "(docs/plasticity.md)");
    rules_cmd->add_option("rule", rls.rule, "one rule (default: all)");
    rules_cmd->add_flag("--json", rls.json, "machine-readable output");
    rules_cmd->add_flag("--markdown", rls.markdown, "the parameter tables of docs/experiment-format.md");

    std::string validate_path;
    auto* validate_cmd = app.add_subcommand("validate", "check an experiment file and summarise what it describes");
    validate_cmd->add_option("experiment", validate_path, "experiment file (TOML)")->required()->check(CLI::ExistingFile);

    CLI11_PARSE(app, argc, argv);
    try {
        if (*run_cmd) return plasticore::cli::run_command(run);
        if (*compare_cmd) return plasticore::cli::compare_command(cmp);
        if (*validate_cmd) return plasticore::cli::validate_command(validate_path);
        if (*sweep_cmd) {
            swp.slurm_submit = slurm_opt->count() > 0;
            return plasticore::cli::sweep_command(swp);
        }
        if (*cosim_cmd) return plasticore::cli::cosim_command(cos);
        if (*plot_cmd) return plasticore::cli::plot_command(plt);
        if (*rules_cmd) return plasticore::cli::rules_command(rls);
    }
    catch (const std::exception& e) {
        fmt::print(stderr, "plasticore: error: {}\n", e.what());
        return 1;
    }
    return 0;
}
