#pragma once
// Per population, the distributions of firing rate, CV ISI and pairwise spike-count correlation
// in a reference and a candidate run, and the distances between them (Kolmogorov-Smirnov,
// Wasserstein-1): the comparison van Albada et al. (2018) made between NEST and SpiNNaker.
// Definitions and the origin of the defaults: docs/compare.md, "Spike statistics".

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "compare/metrics.hpp"
#include "compare/spike_statistics.hpp"

namespace plasticore {

struct statistics_options {
    double analysis_start = 0.0;          // start of the analysis window [ms]
    std::optional<double> analysis_stop;  // end of the window, exclusive [ms]; none: end of the run
    double correlation_bin = 2.0;         // bin of the spike counts correlated [ms], rounded to whole steps
    int correlation_sample = 200;         // neurons per population whose pairs are correlated
    int cv_min_spikes = 3;                // fewer spikes in the window: no CV ISI for that neuron
};

// Throws std::invalid_argument naming the option and its command-line flag for a value that
// cannot be used with a run of `steps` steps of `dt` [ms]: an empty window or one past the run's
// end, a bin that rounds to no step, a sample below 2, a CV minimum below 3. (A window shorter
// than one bin is allowed: it has no correlations.)
void check_statistics_options(const statistics_options& options, double dt, std::int64_t steps);

// The correlation bin in steps: the nearest whole number (any dt works, as a swept dt may not
// divide the bin; compare.json records the steps used).
std::int64_t correlation_bin_steps(const statistics_options& options, double dt);

// The analysis window in steps: each end at the nearest step. Checks the options first.
step_window analysis_steps(const statistics_options& options, double dt, std::int64_t steps);

struct distribution_summary {
    std::size_t n = 0;
    double mean = 0.0;  // NaN for n = 0
    double sd = 0.0;    // sample standard deviation (n - 1); NaN for n < 2
};

distribution_summary summarize(const std::vector<double>& values);

// One statistic of one population in both runs.
struct statistic_comparison {
    std::vector<double> reference, candidate;  // one value per neuron (rate, CV) or per pair
    distribution_summary reference_summary, candidate_summary;
    std::optional<ks_result> ks;         // none if either run has no value
    std::optional<double> wasserstein1;  // in the statistic's unit; none likewise
};

struct population_statistics {
    statistic_comparison rate;         // [Hz], every neuron of the population
    statistic_comparison cv_isi;       // [1], neurons with at least cv_min_spikes spikes
    statistic_comparison correlation;  // [1], pairs of the sampled neurons with both defined
    std::vector<std::uint32_t> correlation_neurons;  // the sample, ascending, the same in both runs
};

// `reference` and `candidate` hold each neuron's ascending spike steps (all neurons of the
// population); `sample_seed` and `population` key the correlation sample.
population_statistics compare_population_statistics(const std::vector<std::vector<std::int64_t>>& reference,
                                                    const std::vector<std::vector<std::int64_t>>& candidate,
                                                    const statistics_options& options, double dt,
                                                    std::int64_t steps, std::uint64_t sample_seed,
                                                    const std::string& population);

// The per-neuron values as CSV rows "population,run,model,statistic,value" (run: reference or
// candidate; statistic: rate_hz, cv_isi, correlation), values in shortest round-trip form.
void write_distribution_rows(std::ostream& out, const std::string& population, const population_statistics& s,
                             const std::string& reference_model, const std::string& candidate_model);

}  // namespace plasticore
