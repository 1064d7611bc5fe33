#pragma once
// Compares a candidate model layer against a reference layer run on the same experiment,
// stimulus and network (docs/compare.md): spike counts, spike matching within a few steps,
// van Rossum distance, the first diverging spike, per-population distributions of rate, CV ISI
// and spike-count correlation with their distances, state RMSE, final-weight errors of plastic
// projections and every counter of both runs. A library first, so that a sweep compares
// thousands of points in one process; `plasticore compare` is a thin shell around it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/metrics.hpp"
#include "compare/population_statistics.hpp"
#include "experiment/experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"

namespace plasticore {

class result_directory;

struct compare_options {
    double van_rossum_tau = 10.0;     // van Rossum kernel time constant [ms]
    std::int64_t match_window = 1;    // spikes match within +-match_window steps
    statistics_options statistics;    // rate / CV ISI / correlation distributions
};

struct population_comparison {
    std::string name;
    int size = 0;
    bool recorded = false;                 // spikes recorded in both runs: timing metrics valid
    std::uint64_t reference_spikes = 0;    // from run_result::counts (recorded or not)
    std::uint64_t candidate_spikes = 0;
    std::int64_t difference = 0;           // candidate - reference
    // Timing metrics, only when recorded:
    std::uint64_t matched_spikes = 0;        // reference spikes matched one to one
    std::optional<double> match_fraction;    // matched / reference spikes; none without any
    double van_rossum_mean = 0.0;            // mean over all `size` neurons [1]
    double van_rossum_max = 0.0;             // largest per-neuron distance [1]
    std::optional<population_statistics> statistics;  // only when recorded (not for the total)
};

struct spike_divergence {
    std::int64_t step = 0;
    double time = 0.0;       // [ms]
    std::string population;
    std::uint32_t neuron = 0;
    std::string present_in;  // "reference" or "candidate": the run that has the spike
};

struct state_comparison {
    std::size_t samples = 0;            // samples present in both runs, compared
    std::size_t unmatched_samples = 0;  // samples present in only one run (not compared)
    error_stats v;     // [mV]
    error_stats i_e;   // [nA]
    error_stats i_i;   // [nA]
};

struct projection_comparison {
    std::string name;
    error_stats error;          // of final weights, candidate - reference [nA]
    double wasserstein1 = 0.0;  // between the two final weight distributions [nA]
};

struct compare_report {
    std::string experiment_path;
    std::string reference_model, candidate_model;
    std::string reference_precision, candidate_precision;
    double reference_wall_seconds = 0.0, candidate_wall_seconds = 0.0;
    double dt = 0.0;  // [ms]
    std::int64_t steps = 0;
    std::uint64_t seed = 0;
    compare_options options;

    std::vector<population_comparison> populations;  // experiment order
    population_comparison total;  // sums over populations; van Rossum over recorded neurons
    std::optional<spike_divergence> first_divergence;  // none: recorded spikes identical
    state_comparison state;
    std::map<std::string, state_comparison> state_by_population;
    std::vector<projection_comparison> projections;  // plastic projections, experiment order
    std::map<std::string, std::uint64_t> reference_counters, candidate_counters;
};

// Compares two runs of `ex` on the same stimulus and network. Throws std::invalid_argument if
// they do not describe the same run (step count, dt, synapse counts).
compare_report compare_runs(const experiment& ex, const run_result& reference, const run_result& candidate,
                            const compare_options& options = {});

// Generates the stimulus and builds the network once, runs both layers through run_model() and
// compares them. `run_options` is passed to both runs.
compare_report compare_models(const experiment& ex, const std::string& reference, const std::string& candidate,
                              const compare_options& options = {}, const model_options& run_options = {});

// A comparison directory as `plasticore compare` writes it: DIR/reference/ and DIR/candidate/
// (each a run's result files), then DIR/compare.json, which marks it complete (a stale one is
// removed first), with DIR/distributions.csv (every per-neuron value of the spike statistics)
// when a population was recorded. `out` is DIR taken with marker compare.json; the caller commits it.
// Used by the command line and the Python module.
void write_compare_files(result_directory& out, const experiment& ex, const network& net,
                         const run_result& reference, const run_result& candidate, const compare_report& report);
// The same, taking DIR itself (refused if another run holds it) and committing.
void write_compare_directory(const std::string& dir, const experiment& ex, const network& net,
                             const run_result& reference, const run_result& candidate,
                             const compare_report& report);

// compare.json (docs/compare.md). Undefined values (a match fraction without reference spikes,
// a standard error of fewer than two values) are null.
nlohmann::json to_json(const compare_report& report);

// The human-readable table that `plasticore compare` prints.
std::string format_table(const compare_report& report);

}  // namespace plasticore
