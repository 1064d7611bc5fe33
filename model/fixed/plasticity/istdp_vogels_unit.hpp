#pragma once
// The synapse-update unit of inhibitory STDP (Vogels et al. 2011; docs/datapath.md,
// "Inhibitory STDP unit"). It speaks pair STDP's operations, so that the pair rule's deferred
// control (pair_trace_kernel, stdp_pair_kernel.hpp) drives it unchanged:
//   potentiate(w, x_pre, delta)   w + eta x_pre(delta), clipped        (a postsynaptic spike)
//   depress(w, x_post, delta)     w + eta (x_post(delta) - alpha), clipped (a presynaptic spike;
//                                 a depression while x_post < alpha)
//   bump_pre, bump_post           x(delta) + 1
//   write_back(w)
// Both traces share one decay table (one tau). eta is an additive amplitude in weight LSBs
// (additive_amp_format); alpha = 2 rho0 tau a host constant in the trace format; the
// difference x_post - alpha is exact (one more integer bit, signed). Weights go through the
// shared weight_path.
//
// Random stream: one xorshift32 per unit; one step per stochastic rounding, in this order within
// an operation: the trace decay product, then the amplitude product; write_back draws once when
// g > 0. Deterministic modes never step it.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/plasticity/weight_path.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_point/ops.hpp"
#include "plasticity/istdp_vogels.hpp"

namespace plasticore::fixed {

class istdp_vogels_unit {
public:
    // Throws std::invalid_argument naming the parameter if eta or alpha does not fit its format.
    istdp_vogels_unit(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);

    // f(rounding_tag<R>{}) with the product rounding R fixed at compile time (pair_trace_kernel
    // resolves it once per row segment).
    template <class F>
    PLASTICORE_FX_INLINE decltype(auto) with_product_rounding(F&& f) const {
        return fixed_point::detail::with_rounding(trace_spec_.round, std::forward<F>(f));
    }
    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        return with_product_rounding([&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
            return execute_as<decltype(mode)::value>(r);
        });
    }
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response execute_as(const synapse_request& r) {
        switch (r.op) {
        case synapse_op::potentiate: return update<R>(r.weight, r.trace, r.delta, counters_.pre_trace, 0);
        case synapse_op::depress: return update<R>(r.weight, r.trace, r.delta, counters_.post_trace, alpha_);
        case synapse_op::write_back: return {weights_.write_back(r.weight, rng_), 0, 0};
        case synapse_op::bump_pre: return bumped<R>(r.trace, r.delta, counters_.pre_trace);
        case synapse_op::bump_post: return bumped<R>(r.trace, r.delta, counters_.post_trace);
        default: return unsupported(r.op);
        }
    }

    std::int64_t load(std::int64_t stored) const { return weights_.load(stored); }
    std::int64_t transmitted(std::int64_t working) const { return weights_.transmitted(working); }

    const weight_path& weights() const { return weights_; }
    std::int64_t eta() const { return eta_; }      // in amp_format()
    std::int64_t alpha() const { return alpha_; }  // in the trace format
    const fixed_point::format& amp_format() const { return amp_format_; }
    const trace_decay_table& decay() const { return decay_; }
    const stdp_counters& counters() const { return counters_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    fixed_point::xorshift32& generator() { return rng_; }

private:
    // w + eta (x(delta) - offset), clipped; offset 0 (potentiate) or alpha (depress).
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response update(std::int64_t weight, std::int64_t trace, std::int64_t delta,
                                                 fixed_point::overflow_counter& trace_counter, std::int64_t offset) {
        namespace fp = fixed_point;
        const std::int64_t x = decay_.decay_as<R>(trace, delta, trace_fit_, trace_counter, &rng_);
        const std::uint64_t before = counters_.weight_update.total();
        const std::int64_t dw = fp::multiply({eta_, amp_format_}, {x - offset, diff_format_}, weights_.update_spec(),
                                             counters_.weight_update, &rng_).raw;
        std::uint8_t flags = counters_.weight_update.total() != before ? flag_saturated : 0;
        const std::int64_t w = weights_.clip(weight + dw, flags, counters_.weight_clip_max, counters_.weight_clip_min);
        return {w, x, flags};
    }
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE synapse_response bumped(std::int64_t trace, std::int64_t delta, fixed_point::overflow_counter& c) {
        const std::uint64_t before = c.total();
        const std::int64_t y = bumped_trace_as<R>(decay_, trace, delta, trace_fit_, impulse_, c, &rng_);
        return {0, y, static_cast<std::uint8_t>(c.total() != before ? flag_saturated : 0)};
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    weight_path weights_;
    trace_decay_table decay_;
    fixed_point::result_spec trace_spec_;  // trace format, product rounding, trace overflow
    hoisted_spec trace_fit_;               // trace_spec_ with its bounds
    fixed_point::format diff_format_;      // x - alpha: the trace format signed, one more integer bit
    fixed_point::format amp_format_;       // additive amplitude format (weight LSBs)
    std::int64_t impulse_;                 // 1.0 in the trace format
    std::int64_t eta_;                     // eta / LSB in amp_format_
    std::int64_t alpha_;                   // 2 rho0 tau in the trace format
    stdp_counters counters_;
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
