#pragma once
// Quantization sweeps (docs/sweep.md): the Cartesian product of KEY=VALUES overrides of an
// experiment, each point (and seed) a comparison of a candidate layer against a reference
// layer (compare/compare.hpp). Parallel over a thread pool, deterministic per point, resumable
// (one file per finished point, written atomically), shardable across machines and mergeable.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/compare.hpp"
#include "experiment/load_with_overrides.hpp"

namespace plasticore::sweep {

// Bad sweep input (a value list, a range, a shard, a directory that holds another sweep).
struct sweep_error: std::runtime_error {
    explicit sweep_error(const std::string& message): std::runtime_error(message) {}
};

// One swept key and its values, as text (typed when applied, see load_with_overrides.hpp).
struct axis {
    std::string key;
    std::vector<std::string> values;
};

// "a,b,c" (a list) or "4..16" / "4..16:2" (an integer range, both ends included, step > 0).
std::vector<std::string> parse_values(const std::string& text);
// "KEY=VALUES".
axis parse_set(const std::string& text);

// "K/N", 1 <= K <= N: this shard runs the points whose index % N == K - 1.
struct shard_spec {
    int k = 1, n = 1;
};
shard_spec parse_shard(const std::string& text);

// Every combination of the axes' values; the first axis varies slowest. An empty axis list
// gives one point without overrides.
std::vector<std::vector<std::string>> cartesian_product(const std::vector<axis>& axes);

struct sweep_spec {
    std::string experiment_path;
    std::vector<axis> axes;
    int seeds = 1;                          // seeds per point
    std::optional<std::uint64_t> seed_base; // seeds seed_base + k; none: the experiment's seed
    bool seeds_given = false;               // --seeds given: simulation.seed is overridden
    std::string reference = "golden";
    std::string candidate = "fixed";
    compare_options compare;
    // Real-time capacity of every point (docs/sweep.md, "Design metrics"): the bisection of
    // model/capacity over the point's experiment, about 10-20 core runs per point. Off by default.
    bool capacity = false;
    double capacity_tolerance = 0.05;  // relative width of the final bracket
};

struct run_options {
    int jobs = 0;  // threads; 0 = std::thread::hardware_concurrency()
    shard_spec shard;
    // Called from worker threads, serialised: (finished runs, runs to do in this invocation).
    std::function<void(std::size_t, std::size_t)> progress;
};

struct run_stats {
    std::size_t points = 0;          // in the whole sweep
    std::size_t runs_in_shard = 0;   // (point, seed) pairs of this shard
    std::size_t runs_skipped = 0;    // already finished (resumed)
    std::size_t runs_executed = 0;   // run now
    std::size_t reference_runs = 0;  // reference runs made (fewer than runs_executed when cached)
    double wall_seconds = 0.0;
};

// The spike statistics' options that differ from their defaults, as command-line flags and
// values (docs/compare.md): what sweep_spec.json records and the Slurm tasks are given.
std::vector<std::pair<std::string, std::string>> statistics_arguments(const statistics_options& o);

// The seeds of the sweep, in order.
std::vector<std::uint64_t> sweep_seeds(const sweep_spec& spec);

// How big a sweep is: points (the Cartesian product of the axes) and seeds per point.
struct sweep_size {
    std::size_t points = 0;
    std::size_t seeds = 0;
};

// Checks the spec without running anything: the models exist, no key is swept twice, and every
// point loads with every seed. Throws sweep_error naming the offending point, as run_sweep does.
sweep_size check_sweep(const sweep_spec& spec);

// Makes `out` the directory of this sweep: creates it and writes out/sweep_spec.json, or checks
// that the sweep_spec.json already there describes the same sweep (sweep_error if not).
void claim_sweep_directory(const sweep_spec& spec, const std::filesystem::path& out);

// Checks the spec (models, every point loads), runs the points of the shard not already in
// OUT/points, then rebuilds OUT/sweep.csv, sweep.json and sweep_summary.csv from the points
// present. Throws sweep_error or experiment_error naming the offending input.
run_stats run_sweep(const sweep_spec& spec, const std::filesystem::path& out, const run_options& options = {});

// Joins the points of several sweep directories of the same spec (shards) into `out` and
// writes its result files; the result equals that of a single run. Throws if the specs
// differ or points are missing.
void merge_sweeps(const std::vector<std::filesystem::path>& dirs, const std::filesystem::path& out);

// Rebuilds the result files of `dir` from dir/sweep_spec.json and dir/points/.
void write_results(const std::filesystem::path& dir);

// Writes `text` to a temporary file beside `p` and renames it into place: a reader sees the
// old file or the whole new one, never a part.
void write_file_atomically(const std::filesystem::path& p, const std::string& text);

// Student t quantile for a two-sided 95% interval with `df` degrees of freedom.
double t_quantile_95(int df);

}  // namespace plasticore::sweep
