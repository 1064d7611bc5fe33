#pragma once
// Shards of a sweep: which runs (point, seed) shard K/N holds, and, for a sweep split into one
// directory per shard (OUT/shards/K, as `plasticore sweep --slurm` lays it out, docs/sweep.md),
// which shards are not complete yet. A run is complete when its point file exists: point files
// are written atomically, so a task killed half-way leaves complete points or none.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep.hpp"

namespace plasticore::sweep {

// Shard K/N holds the points whose index % N == K - 1, with all their seeds.
bool in_shard(std::size_t point_index, const shard_spec& shard);

// The file of one finished run in DIR/points: "pIIIIII-kK.json".
std::string point_file_name(std::size_t point_index, std::size_t seed_index);

// The runs of `shard` that have no point file in dir/points (all of them if dir does not exist).
std::size_t missing_runs(const std::filesystem::path& dir, const sweep_size& size, const shard_spec& shard);

// OUT/shards/K: the directory shard K of a sweep split into shard directories runs into.
std::filesystem::path shard_directory(const std::filesystem::path& out, int k);

// The shards K (ascending, 1..n) of a sweep split into n shard directories under `out` that
// still miss runs.
std::vector<int> incomplete_shards(const std::filesystem::path& out, const sweep_size& size, int n);

}  // namespace plasticore::sweep
