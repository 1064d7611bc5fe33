#include "random/poisson_counts.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace plasticore::random {

poisson_counts::poisson_counts(std::uint64_t master_seed, std::string_view name, double mean):
    mean_(mean),
    key_(splitmix64(master_seed ^ splitmix64(fnv1a("background") ^ fnv1a(name)))) {
    if (!(mean >= 0.0 && mean <= max_poisson_mean_per_step))
        throw std::invalid_argument("background of '" + std::string(name) + "': mean spikes per step " +
                                    std::to_string(mean) + " is outside [0, " +
                                    std::to_string(max_poisson_mean_per_step) + "]");
    // P(K = k) by the recurrence p_k = p_{k-1} mean / k from p_0 = exp(-mean), summed in order.
    // The table stops where the sum rounds to 1 (a uniform in [0, 1) is always below it) or the
    // terms vanish past the mode (the remaining tail is then below 2^-53 and u never reaches it).
    double p = std::exp(-mean);
    double sum = p;
    for (std::uint32_t k = 1;; ++k) {
        if (sum >= 1.0) break;
        cdf_.push_back(sum);
        p *= mean / k;
        if (k > mean && p < 0x1.0p-60) break;
        sum += p;
    }
    cdf_.push_back(2.0);
    guide_.resize(guide_buckets);
    std::uint32_t k = 0;
    for (std::size_t b = 0; b < guide_buckets; ++b) {
        const double start = static_cast<double>(b) / guide_buckets;  // exact: a power-of-two denominator
        while (start >= cdf_[k]) ++k;
        guide_[b] = k;
    }
}

}  // namespace plasticore::random
