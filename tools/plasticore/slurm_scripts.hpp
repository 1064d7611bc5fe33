#pragma once
// The sbatch scripts of a sweep run as a Slurm array job (docs/sweep.md, "Slurm array jobs"):
// an array script whose task K runs shard K of N into OUT/shards/K, and a merge script that
// joins the shards into OUT once the array has ended. Pure text generation: nothing here talks
// to Slurm (sweep_slurm.cpp does).

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep.hpp"

namespace plasticore::cli {

struct slurm_job_options {
    int shards = 1;                      // N: the sweep is split into N shards, one array task each
    int cpus_per_task = 1;               // each task's --cpus-per-task and sweep --jobs
    std::vector<std::string> sbatch;     // extra sbatch options for both jobs, one #SBATCH line each
    std::filesystem::path plasticore;    // absolute path of the plasticore binary the jobs run
    std::filesystem::path working_dir;   // the jobs' --chdir: a relative experiment path resolves here
    std::filesystem::path out;           // absolute sweep directory
    bool submit = true;                  // --slurm (submit) or --emit-slurm (write the scripts only)
};

// "1-3,5,7-8" for {1, 2, 3, 5, 7, 8}: sbatch's --array syntax. `ks` ascending, non-empty.
std::string array_ranges(const std::vector<int>& ks);

// `s` as one word of a POSIX shell, in single quotes unless it needs none.
std::string shell_quote(const std::string& s);

// Refuses an extra sbatch option the scripts set themselves (--array, --output, --chdir, ...)
// or one that is not an option at all; the message names it.
void check_sbatch_option(const std::string& option);

// The plasticore arguments (from "sweep" on) that reproduce this sweep's spec, without
// --jobs, --shard or --out: the experiment, every --set, --seeds, --seed-base, the models and
// the compare options. Throws sweep_error for a value a script line cannot hold (a newline).
std::vector<std::string> sweep_arguments(const sweep::sweep_spec& spec);

// The command that writes the scripts again (and with --slurm resubmits the incomplete shards):
// "cd WORKING_DIR && PLASTICORE sweep ... --slurm N --out OUT".
std::string regenerate_command(const sweep::sweep_spec& spec, const slurm_job_options& o);

// The array script: #SBATCH --array=<shards>, task K runs `sweep ... --shard K/N --out OUT/shards/K`.
std::string shard_array_script(const sweep::sweep_spec& spec, const slurm_job_options& o, const std::vector<int>& shards);

// The merge script: `sweep --merge OUT/shards/*/ --out OUT`; on failure it says how to resubmit.
std::string merge_script(const sweep::sweep_spec& spec, const slurm_job_options& o);

}  // namespace plasticore::cli
