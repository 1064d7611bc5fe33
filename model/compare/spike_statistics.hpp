#pragma once
// Per-neuron spike-train statistics as van Albada et al. (2018, Front. Neurosci. 12:291) compare
// NEST and SpiNNaker with: firing rate, coefficient of variation of the inter-spike intervals and
// the Pearson correlation of binned spike counts. On plain numbers: a train is one neuron's
// ascending spike steps, a window is a half-open range of steps [start, stop). Working in whole
// steps keeps every bin edge exact (no rounding of step * dt). Definitions: docs/compare.md.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace plasticore {

// The half-open analysis window [start, stop) in steps.
struct step_window {
    std::int64_t start = 0;
    std::int64_t stop = 0;
};

// Spikes in the window divided by its length: spikes per second for a step of dt_ms [ms].
// Throws std::invalid_argument for an empty window or dt_ms <= 0.
double firing_rate(const std::vector<std::int64_t>& train, step_window window, double dt_ms);

// Coefficient of variation sd / mean of the inter-spike intervals between the spikes inside the
// window (sd with 1/n, as elephant.statistics.cv and scipy.stats.variation). None if the window
// holds fewer than `min_spikes` spikes; throws std::invalid_argument for min_spikes < 3 (two
// intervals are the least that can vary).
std::optional<double> cv_isi(const std::vector<std::int64_t>& train, step_window window, int min_spikes);

// Spike counts in consecutive bins of `bin` steps from window.start; a trailing part of the
// window shorter than a bin is left out (the bins are floor((stop - start) / bin)). Throws
// std::invalid_argument for bin < 1 or a window shorter than one bin.
std::vector<double> binned_counts(const std::vector<std::int64_t>& train, step_window window, std::int64_t bin);

// Pearson correlation coefficient of two equally long series. None when either has zero
// variance (a silent neuron, or one with the same count in every bin): the coefficient is 0/0
// there. Throws std::invalid_argument for series of different lengths.
std::optional<double> pearson_correlation(const std::vector<double>& x, const std::vector<double>& y);

// Pearson coefficients of every pair (i < j) of the series, in the order (0,1), (0,2), ...,
// (1,2), ...; pairs with an undefined coefficient are left out.
std::vector<double> pairwise_correlations(const std::vector<std::vector<double>>& series);

// `k` distinct indices of [0, n), ascending, drawn by a partial Fisher-Yates shuffle from the
// stream (seed, "correlation_sample", name); all n indices if k >= n. Only mt19937_64 draws and
// integer arithmetic: the same sample on every platform and for every run of one experiment.
std::vector<std::uint32_t> sample_neurons(std::uint32_t n, std::uint32_t k, std::uint64_t seed,
                                          std::string_view name);

}  // namespace plasticore
