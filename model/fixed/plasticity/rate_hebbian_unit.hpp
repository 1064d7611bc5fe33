#pragma once
// The synapse-update unit of the rate-based Hebbian rules, bounded Hebbian and Oja's rule
// (docs/datapath.md, "Rate-based Hebbian unit"). Traces x (pre) and y (post) in the trace
// format with one decay table (tau). Operations:
//   bump_pre, bump_post(x, delta)   x(delta) + 1
//   decay(y, delta)                 y(delta) (a neuron's y at the sweep)
//   rate_update(w, x, delta, y)     hebbian: w + K' x(delta) y
//                                   oja:     w + K' x(delta) y - (K y^2) w
//                                   clipped; x y exact, K' = K / LSB in the additive amplitude
//                                   format, K y^2 in s1.(f+16), both products rounded by
//                                   product_rounding into the working weight
//   write_back(w)
// K = eta P / tau^2 (P the period, tau in s) in u4.(f+16) (f: trace fraction bits).
//
// Random stream: one xorshift32 per unit; one step per stochastic rounding, in this order
// within an operation: the trace decay product, then K' x y, then (Oja) K y^2, then (Oja) its
// product with w; write_back draws once when g > 0.

#include <cstdint>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/plasticity/weight_path.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_point/ops.hpp"
#include "plasticity/rate_rules.hpp"

namespace plasticore::fixed {

class rate_hebbian_unit {
public:
    // Throws std::invalid_argument naming the parameter if K does not fit its format.
    rate_hebbian_unit(const hebbian_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);
    rate_hebbian_unit(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);

    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        namespace fp = fixed_point;
        switch (r.op) {
        case synapse_op::bump_pre: return bumped(r.trace, r.delta, counters_.pre_trace);
        case synapse_op::bump_post: return bumped(r.trace, r.delta, counters_.post_trace);
        case synapse_op::decay: {
            const std::uint64_t before = counters_.post_trace.total();
            const std::int64_t y = decay_.decay(r.trace, r.delta, trace_spec_, counters_.post_trace, &rng_);
            return {0, y, saturated(counters_.post_trace, before)};
        }
        case synapse_op::rate_update: {
            const std::int64_t x = decay_.decay(r.trace, r.delta, trace_spec_, counters_.pre_trace, &rng_);
            const std::uint64_t before = counters_.weight_update.total();
            const fp::value xy{x * r.operand, product_format_};  // exact: two trace-format values
            std::int64_t dw = fp::multiply({k_lsb_, amp_format_}, xy, weights_.update_spec(), counters_.weight_update,
                                           &rng_).raw;
            if (oja_) {
                const fp::value yy{r.operand * r.operand, product_format_};
                const std::int64_t f = fp::multiply({k_, k_format_}, yy, factor_spec_, counters_.weight_update, &rng_).raw;
                dw -= fp::multiply({r.weight, weights_.update_spec().fmt}, {f, factor_spec_.fmt}, weights_.update_spec(),
                                   counters_.weight_update, &rng_).raw;
            }
            std::uint8_t flags = saturated(counters_.weight_update, before);
            const std::int64_t w = weights_.clip(r.weight + dw, flags, counters_.weight_clip_max, counters_.weight_clip_min);
            return {w, x, flags};
        }
        case synapse_op::write_back: return {weights_.write_back(r.weight, rng_), 0, 0};
        default: return unsupported(r.op);
        }
    }

    std::int64_t load(std::int64_t stored) const { return weights_.load(stored); }
    std::int64_t transmitted(std::int64_t working) const { return weights_.transmitted(working); }

    bool oja() const { return oja_; }
    const weight_path& weights() const { return weights_; }
    const trace_decay_table& decay() const { return decay_; }
    const stdp_counters& counters() const { return counters_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    fixed_point::xorshift32& generator() { return rng_; }

private:
    rate_hebbian_unit(bool oja, double gain, double tau, double w_min, double w_max, const weight_scale& scale,
                      double dt_ms, const hardware_config& h, std::uint32_t seed);
    static std::uint8_t saturated(const fixed_point::overflow_counter& c, std::uint64_t before) {
        return c.total() != before ? flag_saturated : 0;
    }
    PLASTICORE_FX_INLINE synapse_response bumped(std::int64_t trace, std::int64_t delta, fixed_point::overflow_counter& c) {
        const std::uint64_t before = c.total();
        const std::int64_t y = bumped_trace(decay_, trace, delta, trace_spec_, impulse_, c, &rng_);
        return {0, y, saturated(c, before)};
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    bool oja_;
    weight_path weights_;
    trace_decay_table decay_;
    fixed_point::result_spec trace_spec_;   // trace format, product rounding, trace overflow
    fixed_point::format product_format_;    // x y: s(2i+1).(2f)
    fixed_point::format amp_format_;        // K' (weight LSBs): the additive amplitude format
    fixed_point::format k_format_;          // K: u4.(f+16)
    fixed_point::result_spec factor_spec_;  // K y^2: s1.(f+16), product rounding, saturate
    std::int64_t impulse_;                  // 1.0 in the trace format
    std::int64_t k_lsb_ = 0, k_ = 0;
    stdp_counters counters_;                // pre_trace, post_trace; weight_update: the products
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
