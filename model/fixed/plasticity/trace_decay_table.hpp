#pragma once
// Decay of a trace over `delta` steps (docs/datapath.md, "Trace decay").
//   lut:      x * lut[delta >> shift] with lut[i] = round(2^f exp(-(i << shift) dt / tau)) in
//             u1.f (f = trace fraction bits, round = floor or nearest, on the host in double),
//             the table as long as its entries are non-zero, padded to an even length, and 0
//             beyond it; `shift` is the smallest that keeps the table within lut_size entries
//             (SpiNNaker: 154 entries for tau = 20 ms, dt = 1 ms, f = 11).
//   multiply: x * F_b for every set bit b of delta, F_b = exp(-2^b dt / tau) in the propagator
//             format (nearest, on the host); 0 once a set bit has F_b = 0.
// Every product rounds by the product rounding into the trace format.

#include <cstdint>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/hoisted_spec.hpp"
#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

class trace_decay_table {
public:
    // Throws std::invalid_argument naming tau for tau <= 0.
    trace_decay_table(double tau_ms, double dt_ms, const hardware_config& h);
    // The same for a value in `value_format` (an eligibility or modulator level): LUT factors
    // get max(value, trace) fraction bits.
    trace_decay_table(double tau_ms, double dt_ms, const hardware_config& h, const fixed_point::format& value_format);

    // x decayed over delta >= 0 steps. LUT: one product (one draw if stochastic), except
    // beyond the table (0, no product). Multiply: popcount(delta) products.
    PLASTICORE_FX_INLINE std::int64_t decay(std::int64_t x, std::int64_t delta,
                                            const fixed_point::result_spec& trace_spec,
                                            fixed_point::overflow_counter& c,
                                            fixed_point::xorshift32* rng) const {
        return fixed_point::detail::with_rounding(trace_spec.round, [&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
            return decay_as<decltype(mode)::value>(x, delta, hoisted_spec(trace_spec), c, rng);
        });
    }
    // decay() with trace.spec.round = R fixed at compile time and the trace format's bounds
    // computed at set-up, for loops that resolve the product rounding once (a kernel's row
    // segment) instead of in every product.
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE std::int64_t decay_as(std::int64_t x, std::int64_t delta, const hoisted_spec& trace,
                                               fixed_point::overflow_counter& c,
                                               fixed_point::xorshift32* rng) const {
        namespace fp = fixed_point;
        const fp::result_spec& trace_spec = trace.spec;
        if (kind_ == trace_decay_kind::lut) {
            const std::int64_t index = delta >> shift_;
            if (index >= static_cast<std::int64_t>(table_.size())) return 0;
            const std::int64_t f = table_[static_cast<std::size_t>(index)];
            // The library's multiply with its format arithmetic done once, at set-up.
            if (narrow_) return requantize_hoisted<R>(x * f, factor_format_.frac_bits(), trace, c, rng);
            return fp::multiply({x, trace_spec.fmt}, {f, factor_format_}, trace_spec, c, rng).raw;
        }
        if (delta >= (std::int64_t{1} << table_.size()) || delta < 0) return 0;
        for (std::size_t b = 0; delta != 0; ++b, delta >>= 1) {
            if ((delta & 1) == 0) continue;
            x = fp::multiply({x, trace_spec.fmt}, {table_[b], factor_format_}, trace_spec, c, rng).raw;
        }
        return x;
    }

    trace_decay_kind kind() const { return kind_; }
    int shift() const { return shift_; }            // LUT index shift [steps, log2]
    std::size_t size() const { return table_.size(); }  // entries (LUT) or bit factors (multiply)
    const std::vector<std::int64_t>& entries() const { return table_; }
    const fixed_point::format& factor_format() const { return factor_format_; }

private:
    trace_decay_kind kind_;
    int shift_ = 0;
    fixed_point::format factor_format_;
    std::vector<std::int64_t> table_;
    bool narrow_ = false;  // trace x factor is exact in int64
};

// A trace after its own spike `delta` steps after its last update: x(delta) + 1.0, the sum exact
// and fitted by the trace overflow mode (one decay product: one draw if stochastic). R is
// trace_spec.round, fixed at compile time.
template <fixed_point::rounding R>
PLASTICORE_FX_INLINE std::int64_t bumped_trace_as(const trace_decay_table& table, std::int64_t x, std::int64_t delta,
                                                  const hoisted_spec& trace, std::int64_t impulse,
                                                  fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) {
    namespace fp = fixed_point;
    const std::int64_t decayed = table.decay_as<R>(x, delta, trace, c, rng);
    return fp::detail::fit<fp::int128>(fp::int128{decayed} + impulse, trace.spec.fmt, trace.spec.overflow, c);
}

PLASTICORE_FX_INLINE std::int64_t bumped_trace(const trace_decay_table& table, std::int64_t x, std::int64_t delta,
                                               const fixed_point::result_spec& trace_spec, std::int64_t impulse,
                                               fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) {
    return fixed_point::detail::with_rounding(trace_spec.round, [&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
        return bumped_trace_as<decltype(mode)::value>(table, x, delta, hoisted_spec(trace_spec), impulse, c, rng);
    });
}

}  // namespace plasticore::fixed
