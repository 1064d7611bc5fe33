#pragma once
// plasticore sweep --slurm N / --emit-slurm N: the sweep as a Slurm array job of N shards plus a
// merge job (docs/sweep.md, "Slurm array jobs").

#include "commands.hpp"
#include "sweep/sweep.hpp"

namespace plasticore::cli {

// Checks the sweep, writes OUT/slurm/sweep.sbatch (an array of the shards still incomplete) and
// OUT/slurm/merge.sbatch, and with --slurm submits both (the merge after the array). When every
// shard is complete it submits nothing and merges them into OUT at once.
int sweep_on_slurm(const sweep::sweep_spec& spec, const sweep_command_options& options);

}  // namespace plasticore::cli
