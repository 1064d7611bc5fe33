#pragma once
// The metrics behind `plasticore compare`, on plain numbers, so each can be checked against
// hand-computed values. Definitions, units and normalisations: docs/compare.md.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plasticore {

// van Rossum distance between two spike trains given as ascending spike times [ms], with
// kernel time constant tau [ms]: D^2 = (1/tau) * integral over all t of (f(t) - g(t))^2, where
// f and g are the trains filtered by H(t) exp(-t / tau). Dimensionless; one spike against none
// gives sqrt(1/2). Computed exactly in O(n) by integrating the difference trace piecewise
// between spike times. Throws std::invalid_argument for tau <= 0.
double van_rossum_distance(const std::vector<double>& a, const std::vector<double>& b, double tau);

// Reference spikes matched to candidate spikes within +-window steps, one to one, greedily in
// time order: each reference spike takes the earliest candidate spike not yet taken with
// |step difference| <= window. For a fixed window this greedy matching is a maximum matching.
// Both trains ascending (one neuron's spikes).
std::size_t count_matched_spikes(const std::vector<std::int64_t>& reference,
                                 const std::vector<std::int64_t>& candidate, std::int64_t window);

// Exact Wasserstein-1 (earth mover's) distance between the empirical distributions of the two
// samples: the integral of |F_a(x) - F_b(x)| dx, in the unit of the values. For samples of equal
// size n it is (1/n) * sum_k |a_(k) - b_(k)| over the sorted values. 0 if both are empty;
// throws std::invalid_argument if exactly one is.
double wasserstein1(std::vector<double> a, std::vector<double> b);

// Two-sample Kolmogorov-Smirnov test between the empirical distributions of two samples.
struct ks_result {
    double statistic = 0.0;  // D = max_x |F_a(x) - F_b(x)|, in [0, 1]
    double p_value = 1.0;    // asymptotic: Q_KS((sqrt(m) + 0.12 + 0.11 / sqrt(m)) D), m = n_a n_b / (n_a + n_b)
};

// Exact D over the merged sample; the p-value from the Kolmogorov distribution with Stephens'
// small-sample correction (Numerical Recipes, kstwo), good to a few percent for m >= 4 and
// conservative below. Throws std::invalid_argument if either sample is empty.
ks_result kolmogorov_smirnov(std::vector<double> a, std::vector<double> b);

// Element-wise errors e_k = candidate_k - reference_k.
struct error_stats {
    std::size_t n = 0;
    double rmse = 0.0;              // sqrt(mean(e^2))
    double max_abs = 0.0;           // max |e|
    double mean_signed = 0.0;       // bias: mean(e)
    double mean_signed_se = 0.0;    // standard error of the bias: s / sqrt(n), s the sample
                                    // standard deviation of e (n - 1); NaN for n < 2
};

// Throws std::invalid_argument if the sizes differ.
error_stats error_statistics(const std::vector<double>& reference, const std::vector<double>& candidate);

// Accumulates the same statistics one pair at a time (Welford), for long recordings.
class error_accumulator {
public:
    void add(double reference, double candidate);
    error_stats stats() const;

private:
    std::size_t n_ = 0;
    double sum_sq_ = 0.0;
    double max_abs_ = 0.0;
    double mean_ = 0.0;
    double m2_ = 0.0;
};

}  // namespace plasticore
