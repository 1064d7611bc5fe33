#pragma once
// The synapse-update unit of pair STDP: every arithmetic operation of the rule, behind the
// generic transaction (transaction.hpp) that the rule's kernel (stdp_pair_kernel.hpp) issues
// through the plasticity socket, so that the SystemC core and the RTL unit see the same
// stream of operations (docs/datapath.md, "Pair STDP unit"). Operations: potentiate,
// depress, write_back, bump_pre, bump_post.
//
// Weights inside the unit are *working* values: the stored n-bit magnitude shifted left by
// the guard bits g (load), updated by any number of potentiate/depress transactions, each
// clipped to [w_min, w_max], and rounded back to n bits once (write_back).
//
// Random stream: one xorshift32 per unit, seeded stream_seed(experiment seed, unit id), one
// step per stochastic rounding, in this order within a transaction: the trace decay
// product(s), then the amplitude product(s); write_back draws once when g > 0. Deterministic
// modes never step it.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_point/ops.hpp"
#include "plasticity/stdp_pair.hpp"

namespace plasticore::fixed {

// Events the unit counts (they go to run_result::counters).
struct stdp_counters {
    std::uint64_t weight_clip_max = 0;
    std::uint64_t weight_clip_min = 0;
    fixed_point::overflow_counter weight_update;  // weight-change products
    fixed_point::overflow_counter pre_trace;
    fixed_point::overflow_counter post_trace;
};

class stdp_pair_unit {
public:
    // Host set-up: LUTs, amplitudes and bounds in their formats (docs/datapath.md). Throws
    // std::invalid_argument naming the parameter if an amplitude does not fit its format.
    stdp_pair_unit(const stdp_pair_params& p, const weight_scale& scale, double dt_ms,
                   const hardware_config& h, std::uint32_t seed);

    // f(rounding_tag<R>{}) with the product rounding R as a compile-time constant: a kernel
    // resolves it once per row segment and runs execute_as<R> for each of its updates.
    template <class F>
    PLASTICORE_FX_INLINE decltype(auto) with_product_rounding(F&& f) const {
        return fixed_point::detail::with_rounding(trace_spec_.round, std::forward<F>(f));
    }
    // One transaction (the hot path: inlined with a constant op, the switch folds away).
    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        return with_product_rounding([&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
            return execute_as<decltype(mode)::value>(r);
        });
    }
    // execute() with the product rounding R (= the hardware's product_rounding) fixed.
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response execute_as(const synapse_request& r) {
        switch (r.op) {
        case synapse_op::potentiate: return update<R>(r.weight, r.trace, r.delta, true);
        case synapse_op::depress: return update<R>(r.weight, r.trace, r.delta, false);
        case synapse_op::write_back: return {write_back(r.weight), 0, 0};
        case synapse_op::bump_pre: return bumped<R>(r.trace, r.delta, decay_plus_, counters_.pre_trace);
        case synapse_op::bump_post: return bumped<R>(r.trace, r.delta, decay_minus_, counters_.post_trace);
        default: return unsupported(r.op);
        }
    }

    // potentiate (pot) or depress: w +- A f(w) x(delta), clipped; R: the product rounding.
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response update(std::int64_t weight, std::int64_t trace, std::int64_t delta, bool pot) {
        namespace fp = fixed_point;
        const stdp_pair_unit::request_view r{weight, trace, delta};
        const trace_decay_table& table = pot ? decay_plus_ : decay_minus_;
        const std::int64_t x = table.decay_as<R>(r.trace, r.delta, trace_fit_, pot ? counters_.pre_trace : counters_.post_trace, &rng_);
        std::int64_t dw;
        const std::uint64_t before = counters_.weight_update.total();
        if (!multiplicative_ && amp_narrow_) {
            // multiply() with its format arithmetic done once, at set-up
            dw = requantize_hoisted<R>((pot ? amp_plus_ : amp_minus_) * x, amp_shift_, update_fit_,
                                       counters_.weight_update, &rng_);
        }
        else if (!multiplicative_) {
            dw = fp::multiply({pot ? amp_plus_ : amp_minus_, amp_format_}, {x, trace_spec_.fmt}, update_spec_,
                              counters_.weight_update, &rng_).raw;
        }
        else {
            const std::int64_t y = fp::multiply({pot ? amp_plus_ : amp_minus_, amp_format_}, {x, trace_spec_.fmt},
                                                trace_spec_, counters_.weight_update, &rng_).raw;
            const std::int64_t range = pot ? w_max_ - r.weight : r.weight - w_min_;
            dw = fp::multiply({y, trace_spec_.fmt}, {range, update_spec_.fmt}, update_spec_,
                              counters_.weight_update, &rng_).raw;
        }
        std::uint8_t flags = counters_.weight_update.total() != before ? flag_saturated : 0;
        std::int64_t w = pot ? r.weight + dw : r.weight - dw;
        if (w > w_max_) {
            w = w_max_;
            flags |= flag_clipped_max;
            ++counters_.weight_clip_max;
        }
        else if (w < w_min_) {
            w = w_min_;
            flags |= flag_clipped_min;
            ++counters_.weight_clip_min;
        }
        return {w, x, flags};
    }

    // Stored n-bit weight -> working weight (exact).
    std::int64_t load(std::int64_t stored) const { return stored << guard_bits_; }
    // Working weight -> stored n-bit weight, rounded by the weight rounding (one draw if
    // stochastic and g > 0; with g = 0 nothing is rounded and nothing drawn).
    PLASTICORE_FX_INLINE std::int64_t write_back(std::int64_t working) {
        if (guard_bits_ == 0) return working;
        fixed_point::overflow_counter c;  // cannot overflow: working <= w_max << g
        // shift_right({working, update format}, 0, write_back_spec) with its format arithmetic
        // done at set-up: g bits discarded.
        return requantize_hoisted(working, guard_bits_, write_back_fit_, c, &rng_);
    }
    // The weight a transmission uses: the working weight rounded to nearest (ties up) into
    // n bits, a deterministic rounding that draws nothing.
    std::int64_t transmitted(std::int64_t working) const {
        if (guard_bits_ == 0) return working;
        return (working + (std::int64_t{1} << (guard_bits_ - 1))) >> guard_bits_;
    }


    // Host values, for tests and reports.
    std::int64_t amp_plus() const { return amp_plus_; }    // in amp_format()
    std::int64_t amp_minus() const { return amp_minus_; }
    const fixed_point::format& amp_format() const { return amp_format_; }
    std::int64_t w_min_working() const { return w_min_; }
    std::int64_t w_max_working() const { return w_max_; }
    int guard_bits() const { return guard_bits_; }
    const trace_decay_table& decay_plus() const { return decay_plus_; }
    const trace_decay_table& decay_minus() const { return decay_minus_; }
    const fixed_point::result_spec& trace_spec() const { return trace_spec_; }
    const stdp_counters& counters() const { return counters_; }
    // Amplitudes and decays whose quantization defeats them (host_constant.hpp).
    const std::vector<std::string>& warnings() const { return warnings_; }
    fixed_point::xorshift32& generator() { return rng_; }

private:
    struct request_view {
        std::int64_t weight, trace, delta;
    };
    // A trace after its own spike `delta` steps after its last update: decayed + 1 (all-to-all,
    // one decay product) or 1 (nearest, nothing drawn). Saturates or wraps by trace_overflow.
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response bumped(std::int64_t trace, std::int64_t delta, const trace_decay_table& table,
                                                 fixed_point::overflow_counter& c) {
        if (nearest_) return {0, impulse_, 0};
        const std::uint64_t before = c.total();
        const std::int64_t y = bumped_trace_as<R>(table, trace, delta, trace_fit_, impulse_, c, &rng_);
        return {0, y, static_cast<std::uint8_t>(c.total() != before ? flag_saturated : 0)};
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    bool nearest_;
    bool multiplicative_;
    int guard_bits_;
    trace_decay_table decay_plus_, decay_minus_;
    fixed_point::result_spec trace_spec_;        // trace format, product rounding, trace overflow
    fixed_point::result_spec update_spec_;       // working weight s(n+6).g, product rounding, saturate
    fixed_point::result_spec write_back_spec_;   // u(n).0, weight rounding, saturate
    hoisted_spec trace_fit_, update_fit_, write_back_fit_;  // the three above with their bounds
    fixed_point::format amp_format_;
    std::int64_t impulse_;                       // 1.0 in the trace format
    std::int64_t amp_plus_, amp_minus_;          // additive: A (w_max - w_min) / LSB; multiplicative: A
    std::int64_t w_min_, w_max_;                 // working bounds
    bool amp_narrow_;                            // amplitude x trace is exact in int64
    int amp_shift_;                              // bits that product discards
    stdp_counters counters_;
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
