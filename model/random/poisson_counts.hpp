#pragma once
// The on-line Poisson background of a population (docs/semantics.md, "Poisson background"):
// in every step each neuron receives k ~ Poisson(rate dt) background spikes. k is a function
// of (master seed, population name, neuron, step) alone, drawn from a counter-based stream, so
// every layer (golden, fixed, core, chip) sees the same counts whatever the order in which it
// visits neurons, the number of threads or how a chip cuts the population into slices.
//
// Stream: neuron j of a population has the SplitMix64 state s_j = splitmix64(key ^
// splitmix64(j)), key = the population's "background" stream seed (streams.hpp); its draw for
// step n is SplitMix64's (n+1)-th output, splitmix64(s_j + n * gamma), which SplitMix64 reaches
// by random access. Sampling: inversion of the Poisson CDF tabulated once in double, from the
// top 53 bits of the draw (exact up to the double rounding of the table, below 1e-15 per value),
// the search started from a guide table.

#include <cstdint>
#include <string_view>
#include <vector>

#include "random/streams.hpp"

namespace plasticore::random {

// Largest mean per step the generator accepts (the loader's limit on rate x dt): it bounds the
// table (about mean + 10 sqrt(mean) + 20 entries).
inline constexpr double max_poisson_mean_per_step = 100.0;

class poisson_counts {
public:
    // mean: expected spikes per step (rate x dt), in [0, max_poisson_mean_per_step].
    // Throws std::invalid_argument naming `name` otherwise.
    poisson_counts(std::uint64_t master_seed, std::string_view name, double mean);

    double mean() const { return mean_; }

    // The per-neuron state s_j; draw it once per neuron and step with count_at.
    std::uint64_t neuron_state(std::uint32_t neuron) const { return splitmix64(key_ ^ splitmix64(neuron)); }

    // Spikes of the neuron whose state is `state` in step `step` (>= 0).
    std::uint32_t count_at(std::uint64_t state, std::int64_t step) const {
        constexpr std::uint64_t gamma = 0x9e3779b97f4a7c15ULL;
        const std::uint64_t bits = splitmix64(state + static_cast<std::uint64_t>(step) * gamma);
        const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
        // Inversion with a guide table (Chen & Asau 1974): the search starts at the smallest k
        // whose F(k) exceeds the start of u's bucket, so it almost never moves and its branch
        // is predicted (a plain search from 0 mispredicts about once per draw).
        std::uint32_t k = guide_[static_cast<std::size_t>(u * guide_buckets)];
        while (u >= cdf_[k]) ++k;  // the 2.0 after the last entry stops it
        return k;
    }
    std::uint32_t count(std::uint32_t neuron, std::int64_t step) const {
        return count_at(neuron_state(neuron), step);
    }

private:
    double mean_;
    std::uint64_t key_;
    static constexpr std::size_t guide_buckets = 1024;
    // cdf_[k] = P(K <= k), up to the first k where it rounds to 1 (u < 1 always stops there),
    // then one entry 2.0, above every u.
    std::vector<double> cdf_;
    // guide_[b] = the smallest k with cdf_[k] > b / guide_buckets: where the search for a u in
    // [b / guide_buckets, (b + 1) / guide_buckets) starts (the answer is never smaller).
    std::vector<std::uint32_t> guide_;
};

}  // namespace plasticore::random
