// plasticore sweep: the Cartesian product of --set overrides, each point a compare of two
// layers, in parallel, resumable and shardable; or --merge of shard directories; or, with --slurm
// or --emit-slurm, a Slurm array job of shards (sweep_slurm.cpp) (docs/sweep.md).

#include <fmt/format.h>

#include <mutex>

#include "commands.hpp"
#include "progress_bar.hpp"
#include "sweep_slurm.hpp"
#include "sweep/sweep.hpp"

namespace plasticore::cli {

int sweep_command(const sweep_command_options& options) {
    namespace sw = plasticore::sweep;
    if (!options.merge_dirs.empty()) {
        if (!options.experiment_path.empty() || !options.sets.empty())
            throw sw::sweep_error("--merge takes sweep directories only, no experiment or --set");
        if (options.slurm_shards > 0) throw sw::sweep_error("--merge cannot be combined with --slurm or --emit-slurm");
        std::vector<std::filesystem::path> dirs(options.merge_dirs.begin(), options.merge_dirs.end());
        sw::merge_sweeps(dirs, options.out_dir);
        if (!options.quiet) fmt::print("merged {} director{} into {}\n", dirs.size(), dirs.size() == 1 ? "y" : "ies", options.out_dir);
        return 0;
    }
    if (options.experiment_path.empty()) throw sw::sweep_error("an experiment file is required (or --merge DIRS)");

    sw::sweep_spec spec;
    spec.experiment_path = options.experiment_path;
    for (const auto& s: options.sets) spec.axes.push_back(sw::parse_set(s));
    spec.seeds_given = options.seeds > 0;
    spec.seeds = options.seeds > 0 ? options.seeds : 1;
    spec.seed_base = options.seed_base;
    if (options.seed_base && !spec.seeds_given) throw sw::sweep_error("--seed-base needs --seeds");
    spec.reference = options.reference;
    spec.candidate = options.candidate;
    spec.compare.van_rossum_tau = options.van_rossum_tau_ms;
    spec.compare.statistics = options.statistics;
    spec.capacity = options.capacity;
    spec.capacity_tolerance = options.capacity_tolerance;
    if (options.slurm_shards > 0) return sweep_on_slurm(spec, options);
    if (!options.sbatch_options.empty()) throw sw::sweep_error("--sbatch needs --slurm or --emit-slurm");

    sw::run_options run;
    run.jobs = options.jobs;
    if (!options.shard.empty()) run.shard = sw::parse_shard(options.shard);
    progress_bar bar(fmt::format("sweep {}", options.experiment_path));
    bar.show_counts("points");
    if (!options.quiet) run.progress = [&](std::size_t done, std::size_t total) {
        bar.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
    };
    const sw::run_stats stats = sw::run_sweep(spec, options.out_dir, run);
    bar.finish();
    if (!options.quiet)
        fmt::print("{} points x {} seed{}; this shard: {} runs, {} done before, {} run now ({} reference runs) "
                   "in {:.2f} s; results in {}/sweep.csv\n",
                   stats.points, spec.seeds, spec.seeds == 1 ? "" : "s", stats.runs_in_shard, stats.runs_skipped,
                   stats.runs_executed, stats.reference_runs, stats.wall_seconds, options.out_dir);
    return 0;
}

}  // namespace plasticore::cli
