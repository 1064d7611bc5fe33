#pragma once
// exp(-k dt / tau) for whole numbers of steps k, evaluated in Real: read from a table for
// k < size (the values it holds are exactly exp_of(rate * k)), computed beyond it. A trace
// decayed with it is x * exp(-(n - m) dt / tau), as Brian2's (event-driven) variables.

#include <cstdint>
#include <vector>

#include "math/scalar.hpp"

namespace plasticore::golden {

template <typename Real>
class decay_table {
public:
    static constexpr std::int64_t size = 4096;  // [steps]

    // rate = -dt / tau
    explicit decay_table(const Real& rate): rate_(rate) {
        factor_.reserve(size);
        for (std::int64_t k = 0; k < size; ++k) factor_.push_back(math::exp_of(Real(rate_ * Real(k))));
    }

    // exp(rate * k), k >= 0.
    Real operator()(std::int64_t k) const {
        if (k < size) return factor_[static_cast<std::size_t>(k)];
        return math::exp_of(Real(rate_ * Real(k)));
    }
    // x decayed from step `since` to step `now`; exact when x is 0 or no time passed.
    Real decayed(const Real& x, std::int64_t since, std::int64_t now) const {
        if (x == Real(0) || now == since) return x;
        const std::int64_t k = now - since;
        if (k < size) return Real(x * factor_[static_cast<std::size_t>(k)]);
        return Real(x * math::exp_of(Real(rate_ * Real(k))));
    }
    const Real* data() const { return factor_.data(); }

private:
    Real rate_;
    std::vector<Real> factor_;
};

}  // namespace plasticore::golden
