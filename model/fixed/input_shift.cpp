#include "fixed/input_shift.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace plasticore::fixed {

namespace {
// sPyNNaker's POSSION_SIGMA_SUMMATION_LIMIT: how far above lambda (in SDs) the sum over the
// Poisson count runs when it weighs the weight variance.
constexpr double poisson_summation_sigmas = 3.0;
}  // namespace

double poisson_cdf(long n, double lambda) {
    if (n < 0) return 0.0;
    if (lambda <= 0.0) return 1.0;
    // Terms in log space: lambda may be large enough that e^-lambda underflows.
    double sum = 0.0;
    const double log_lambda = std::log(lambda);
    for (long k = 0; k <= n; ++k)
        sum += std::exp(-lambda + static_cast<double>(k) * log_lambda - std::lgamma(static_cast<double>(k) + 1.0));
    return std::min(sum, 1.0);
}

double expected_input_bound(const std::vector<projection_input>& inputs, double dt_ms, double sigma) {
    if (!(sigma > 0.0) || !std::isfinite(sigma))
        throw std::invalid_argument("input_sigma must be a finite number > 0");
    double n = 0.0, w_sum = 0.0, w2_sum = 0.0, rate_sum = 0.0, total = 0.0, top = 0.0;
    bool delays_vary = false;
    for (const auto& p: inputs) {
        const double k = static_cast<double>(p.fan_in);
        n += k;
        w_sum += k * p.weight_mean;
        w2_sum += k * (p.weight_var + p.weight_mean * p.weight_mean);
        rate_sum += k * p.rate_hz;
        // At most one spike per presynaptic neuron and step reaches a slot (a source or
        // neuron spikes at most once per step), so sPyNNaker's spikes-per-tick factor is 1.
        total += k * p.weight_top;
        top = std::max(top, p.weight_top);
        if (p.delay_var > 0.0) delays_vary = true;
    }
    if (n <= 0.0) return top;
    if (!delays_vary) return std::max(total, top);
    const double mean = w_sum / n;
    const double var = std::max(0.0, w2_sum / n - mean * mean);
    const double rate = rate_sum / n;
    const double lambda = n * rate * dt_ms * 1e-3;  // expected arrivals per step
    const long upper = std::lround(lambda + poisson_summation_sigmas * std::sqrt(lambda));
    const double weight_variance = var > 0.0 ? lambda * var * poisson_cdf(upper - 1, lambda) : 0.0;
    const double poisson = lambda * mean + sigma * std::sqrt(lambda * mean * mean + weight_variance);
    return std::max(std::min(poisson, total), top);
}

int expected_input_slot_shift(double bound_na, int ring_buffer_bits) {
    int p = 0;
    if (bound_na > 0.0) {
        p = static_cast<int>(std::ceil(std::max(0.0, std::log2(bound_na))));
        if (std::ldexp(1.0, p) <= bound_na) ++p;  // the range is [0, 2^p): 2^p itself does not fit
    }
    return p + 1 - ring_buffer_bits;
}

}  // namespace plasticore::fixed
