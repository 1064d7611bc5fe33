#include "compare/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace plasticore {

double van_rossum_distance(const std::vector<double>& a, const std::vector<double>& b, double tau) {
    if (!(tau > 0.0) || !std::isfinite(tau))
        throw std::invalid_argument("van Rossum tau must be positive and finite, not " + std::to_string(tau));
    // d(t) = f(t) - g(t) decays as exp(-t / tau) between spike times and jumps by +1 at a spike
    // of `a`, -1 at a spike of `b` (both at once at a shared time: no jump). Over a gap of
    // length L after a value d0: integral of d^2 = d0^2 * (tau / 2) * (1 - exp(-2 L / tau));
    // after the last spike: d0^2 * tau / 2. D^2 = (1 / tau) * the sum.
    double sum = 0.0;  // sum of d0^2 * (1 - exp(-2 L / tau)) terms, and the final d0^2
    double d = 0.0;
    double t_last = 0.0;
    bool started = false;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        const double t = j == b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        if (started) {
            const double gap = t - t_last;
            if (gap < 0.0) throw std::invalid_argument("van Rossum distance: spike times are not ascending");
            sum += d * d * -std::expm1(-2.0 * gap / tau);
            d *= std::exp(-gap / tau);
        }
        double jump = 0.0;
        while (i < a.size() && a[i] == t) { jump += 1.0; ++i; }
        while (j < b.size() && b[j] == t) { jump -= 1.0; ++j; }
        d += jump;
        t_last = t;
        started = true;
    }
    sum += d * d;
    return std::sqrt(0.5 * sum);
}

std::size_t count_matched_spikes(const std::vector<std::int64_t>& reference,
                                 const std::vector<std::int64_t>& candidate, std::int64_t window) {
    if (window < 0) throw std::invalid_argument("match window must not be negative");
    std::size_t matched = 0;
    std::size_t j = 0;  // earliest candidate spike not yet taken or passed over
    for (const std::int64_t r: reference) {
        // Candidate spikes before r - window can match no later reference spike either.
        while (j < candidate.size() && candidate[j] < r - window) ++j;
        if (j < candidate.size() && candidate[j] <= r + window) {
            ++matched;
            ++j;
        }
    }
    return matched;
}

double wasserstein1(std::vector<double> a, std::vector<double> b) {
    if (a.empty() && b.empty()) return 0.0;
    if (a.empty() || b.empty()) throw std::invalid_argument("Wasserstein-1 distance of an empty sample");
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a.size() == b.size()) {
        double s = 0.0;
        for (std::size_t k = 0; k < a.size(); ++k) s += std::abs(a[k] - b[k]);
        return s / static_cast<double>(a.size());
    }
    // Integral of |F_a - F_b| over the merged breakpoints.
    const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
    std::size_t i = 0, j = 0;
    double x = std::min(a[0], b[0]);
    double w = 0.0;
    while (i < a.size() || j < b.size()) {
        const double next = j == b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        w += std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb) * (next - x);
        while (i < a.size() && a[i] == next) ++i;
        while (j < b.size() && b[j] == next) ++j;
        x = next;
    }
    return w;
}

namespace {

// Q_KS(lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2), the Kolmogorov survival function.
double kolmogorov_survival(double lambda) {
    if (lambda < 0.2) return 1.0;  // the series converges slowly there; Q_KS(0.2) = 1 - 1e-11
    double sum = 0.0, sign = 1.0;
    for (int k = 1; k <= 100; ++k) {
        const double term = sign * std::exp(-2.0 * k * k * lambda * lambda);
        sum += term;
        if (std::abs(term) < 1e-16 * std::abs(sum)) break;
        sign = -sign;
    }
    return std::clamp(2.0 * sum, 0.0, 1.0);
}

}  // namespace

ks_result kolmogorov_smirnov(std::vector<double> a, std::vector<double> b) {
    if (a.empty() || b.empty()) throw std::invalid_argument("Kolmogorov-Smirnov test of an empty sample");
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
    std::size_t i = 0, j = 0;
    ks_result r;
    // Step both empirical CDFs past each distinct value; D is the largest gap after a step.
    while (i < a.size() && j < b.size()) {
        const double x = std::min(a[i], b[j]);
        while (i < a.size() && a[i] == x) ++i;
        while (j < b.size() && b[j] == x) ++j;
        r.statistic = std::max(r.statistic, std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb));
    }
    // Past the end of one sample the gap only shrinks: it was largest when that one ended.
    const double m = std::sqrt(na * nb / (na + nb));
    r.p_value = kolmogorov_survival((m + 0.12 + 0.11 / m) * r.statistic);
    return r;
}

void error_accumulator::add(double reference, double candidate) {
    const double e = candidate - reference;
    ++n_;
    sum_sq_ += e * e;
    max_abs_ = std::max(max_abs_, std::abs(e));
    const double delta = e - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (e - mean_);
}

error_stats error_accumulator::stats() const {
    error_stats s;
    s.n = n_;
    s.mean_signed_se = std::numeric_limits<double>::quiet_NaN();
    if (n_ == 0) return s;
    const double n = static_cast<double>(n_);
    s.rmse = std::sqrt(sum_sq_ / n);
    s.max_abs = max_abs_;
    s.mean_signed = mean_;
    if (n_ >= 2) s.mean_signed_se = std::sqrt(m2_ / (n - 1.0) / n);
    return s;
}

error_stats error_statistics(const std::vector<double>& reference, const std::vector<double>& candidate) {
    if (reference.size() != candidate.size())
        throw std::invalid_argument("error statistics of " + std::to_string(reference.size()) + " against " +
                                    std::to_string(candidate.size()) + " values");
    error_accumulator acc;
    for (std::size_t k = 0; k < reference.size(); ++k) acc.add(reference[k], candidate[k]);
    return acc.stats();
}

}  // namespace plasticore
