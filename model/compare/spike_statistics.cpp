#include "compare/spike_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "random/streams.hpp"

namespace plasticore {

namespace {

// The spikes of `train` inside the window, as a range of its elements.
std::pair<std::vector<std::int64_t>::const_iterator, std::vector<std::int64_t>::const_iterator>
in_window(const std::vector<std::int64_t>& train, step_window window) {
    return {std::lower_bound(train.begin(), train.end(), window.start),
            std::lower_bound(train.begin(), train.end(), window.stop)};
}

// Uniform integer in [0, range) without modulo bias: draws above the largest multiple of
// `range` are rejected.
std::uint64_t bounded_draw(std::mt19937_64& rng, std::uint64_t range) {
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x;
    do x = rng();
    while (x >= limit);
    return x % range;
}

}  // namespace

double firing_rate(const std::vector<std::int64_t>& train, step_window window, double dt_ms) {
    if (window.stop <= window.start)
        throw std::invalid_argument("firing rate over an empty window [" + std::to_string(window.start) + ", " +
                                    std::to_string(window.stop) + ") steps");
    if (!(dt_ms > 0.0)) throw std::invalid_argument("firing rate with dt = " + std::to_string(dt_ms) + " ms");
    const auto [first, last] = in_window(train, window);
    const double seconds = static_cast<double>(window.stop - window.start) * dt_ms * 1e-3;
    return static_cast<double>(last - first) / seconds;
}

std::optional<double> cv_isi(const std::vector<std::int64_t>& train, step_window window, int min_spikes) {
    if (min_spikes < 3)
        throw std::invalid_argument("CV ISI needs at least 3 spikes per neuron, not " + std::to_string(min_spikes));
    const auto [first, last] = in_window(train, window);
    if (last - first < min_spikes) return std::nullopt;
    const double n = static_cast<double>(last - first - 1);  // intervals
    const double mean = static_cast<double>(*(last - 1) - *first) / n;
    double sum_sq = 0.0;
    for (auto it = first + 1; it != last; ++it) {
        const double d = static_cast<double>(*it - *(it - 1)) - mean;
        sum_sq += d * d;
    }
    return std::sqrt(sum_sq / n) / mean;
}

std::vector<double> binned_counts(const std::vector<std::int64_t>& train, step_window window, std::int64_t bin) {
    if (bin < 1) throw std::invalid_argument("bin of " + std::to_string(bin) + " steps");
    const std::int64_t bins = (window.stop - window.start) / bin;
    if (bins < 1)
        throw std::invalid_argument("a window of " + std::to_string(window.stop - window.start) +
                                    " steps holds no bin of " + std::to_string(bin));
    std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
    const std::int64_t end = window.start + bins * bin;
    for (auto [it, last] = in_window(train, {window.start, end}); it != last; ++it)
        counts[static_cast<std::size_t>((*it - window.start) / bin)] += 1.0;
    return counts;
}

namespace {

// x - mean(x), and the sum of its squares.
std::pair<std::vector<double>, double> centred(const std::vector<double>& x) {
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    std::vector<double> c(x.size());
    double ss = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        c[k] = x[k] - mean;
        ss += c[k] * c[k];
    }
    return {std::move(c), ss};
}

std::optional<double> correlation_of_centred(const std::pair<std::vector<double>, double>& x,
                                             const std::pair<std::vector<double>, double>& y) {
    if (x.second == 0.0 || y.second == 0.0) return std::nullopt;
    const double dot = std::inner_product(x.first.begin(), x.first.end(), y.first.begin(), 0.0);
    return dot / (std::sqrt(x.second) * std::sqrt(y.second));
}

}  // namespace

std::optional<double> pearson_correlation(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size())
        throw std::invalid_argument("correlation of series of " + std::to_string(x.size()) + " and " +
                                    std::to_string(y.size()) + " values");
    if (x.empty()) return std::nullopt;
    return correlation_of_centred(centred(x), centred(y));
}

std::vector<double> pairwise_correlations(const std::vector<std::vector<double>>& series) {
    std::vector<std::pair<std::vector<double>, double>> c;
    c.reserve(series.size());
    for (const auto& s: series) {
        if (s.size() != series.front().size())
            throw std::invalid_argument("pairwise correlations of series of different lengths");
        c.push_back(s.empty() ? std::pair<std::vector<double>, double>{} : centred(s));
    }
    std::vector<double> r;
    for (std::size_t i = 0; i < c.size(); ++i)
        for (std::size_t j = i + 1; j < c.size(); ++j)
            if (const auto rho = correlation_of_centred(c[i], c[j])) r.push_back(*rho);
    return r;
}

std::vector<std::uint32_t> sample_neurons(std::uint32_t n, std::uint32_t k, std::uint64_t seed,
                                          std::string_view name) {
    std::vector<std::uint32_t> all(n);
    std::iota(all.begin(), all.end(), 0u);
    if (k >= n) return all;
    auto rng = random::make_stream(seed, "correlation_sample", name);
    for (std::uint32_t i = 0; i < k; ++i) std::swap(all[i], all[i + bounded_draw(rng, n - i)]);
    all.resize(k);
    std::sort(all.begin(), all.end());
    return all;
}

}  // namespace plasticore
