#include "capacity/capacity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/core_model.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::capacity {

bool probe::meets_all() const { return max_busy <= budget; }
bool probe::meets_p99() const { return p99_busy <= budget; }

experiment with_rate_factor(const experiment& ex, double factor) {
    experiment out = ex;
    for (auto& s: out.sources)
        if (auto* p = std::get_if<poisson_source>(&s.kind)) p->rate *= factor;
    return out;
}

probe run_core_at(const experiment& ex, double factor) {
    const experiment scaled = with_rate_factor(ex, factor);
    const stimulus stim = generate_stimulus(scaled);
    const network net = build_network(scaled);
    const run_result r = core::run(scaled, stim, net);
    probe p;
    p.factor = factor;
    p.budget = static_cast<std::uint64_t>(std::llround(scaled.simulation.dt * scaled.core.clock_mhz * 1000.0));
    std::vector<std::uint32_t> busy = r.busy_cycles_per_tick;
    if (!busy.empty()) {
        p.max_busy = *std::max_element(busy.begin(), busy.end());
        // The same 99th percentile as summary.json core.busy_cycles_per_tick.p99.
        const std::size_t i =
            std::min(busy.size() - 1, static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(busy.size()))) - 1);
        std::nth_element(busy.begin(), busy.begin() + static_cast<std::ptrdiff_t>(i), busy.end());
        p.p99_busy = busy[i];
    }
    return p;
}

namespace {
// Largest factor in [lo, max_factor] meeting `meets`, given that lo meets it.
double search(const experiment& ex, const core_runner& run, double tolerance, double max_factor,
              bool (probe::*meets)() const, std::vector<probe>& probes, bool& capped) {
    auto at = [&](double f) {
        for (const auto& p: probes)
            if (p.factor == f) return (p.*meets)();
        probes.push_back(run(ex, f));
        return (probes.back().*meets)();
    };
    double lo = 0.0, hi = 1.0;
    while (at(hi)) {
        lo = hi;
        if (hi >= max_factor) {
            capped = true;
            return lo;
        }
        hi = std::min(max_factor, hi * 2.0);
    }
    while (hi - lo > tolerance * hi) {
        const double mid = 0.5 * (lo + hi);
        if (at(mid)) lo = mid;
        else hi = mid;
    }
    return lo;
}
}  // namespace

result find_capacity(const experiment& ex, const core_runner& run, double tolerance, double max_factor) {
    bool any = false;
    for (const auto& s: ex.sources)
        if (const auto* p = std::get_if<poisson_source>(&s.kind); p && p->rate > 0) any = true;
    if (!any) throw std::invalid_argument("capacity: the experiment has no [[source]] of kind \"poisson\" with a rate to scale");
    if (!(tolerance > 0 && tolerance < 1)) throw std::invalid_argument("capacity: tolerance must be in (0, 1)");
    // A Poisson source spikes at most once per step: beyond rate dt = 1 nothing changes.
    double top = 0;
    for (const auto& s: ex.sources)
        if (const auto* p = std::get_if<poisson_source>(&s.kind)) top = std::max(top, p->rate * ex.simulation.dt * 1e-3);
    max_factor = std::min(max_factor, 1.0 / top);
    result r;
    r.factor_all = search(ex, run, tolerance, max_factor, &probe::meets_all, r.probes, r.capped_all);
    r.factor_p99 = search(ex, run, tolerance, max_factor, &probe::meets_p99, r.probes, r.capped_p99);
    if (!r.probes.empty()) r.budget = r.probes.front().budget;
    return r;
}

namespace {
std::int64_t search_sized(std::int64_t start, std::int64_t max_n, const sized_runner& run, bool (probe::*meets)() const,
                          std::vector<probe>& probes, bool& capped) {
    auto at = [&](std::int64_t n) {
        for (const auto& p: probes)
            if (p.factor == static_cast<double>(n)) return (p.*meets)();
        probes.push_back(run(n));
        probes.back().factor = static_cast<double>(n);
        return (probes.back().*meets)();
    };
    std::int64_t lo = 0, hi = std::clamp<std::int64_t>(start, 1, max_n);  // lo meets (0: vacuously), hi to test
    while (at(hi)) {
        lo = hi;
        if (hi >= max_n) {
            capped = true;
            return lo;
        }
        hi = std::min(max_n, hi * 2);
    }
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (at(mid)) lo = mid;
        else hi = mid;
    }
    return lo;
}
}  // namespace

sized_result find_sized_capacity(std::int64_t start, std::int64_t max_n, const sized_runner& run) {
    if (max_n < 1) throw std::invalid_argument("capacity: the largest size must be at least 1");
    sized_result r;
    r.n_all = search_sized(start, max_n, run, &probe::meets_all, r.probes, r.capped_all);
    r.n_p99 = search_sized(start, max_n, run, &probe::meets_p99, r.probes, r.capped_p99);
    if (!r.probes.empty()) r.budget = r.probes.front().budget;
    return r;
}

}  // namespace plasticore::capacity
