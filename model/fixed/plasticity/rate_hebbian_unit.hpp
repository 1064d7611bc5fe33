#pragma once
// The synapse-update unit of the rate rules, bounded Hebbian, Oja's rule and BCM
// (docs/datapath.md, "Rate-based Hebbian unit"). Traces x (pre) and y (post) in the trace
// format with one decay table (tau). Operations:
//   bump_pre, bump_post(x, delta)   x(delta) + 1
//   decay(y, delta)                 y(delta) (a neuron's y at the sweep)
//   theta_target(y)                 BCM: the threshold's target T = c y^2 rounded into s(2i+9).f
//   slide_threshold(Theta, T)       BCM: Theta + a (T - Theta) in the trace format: T - Theta
//                                   exact in s(2i+10).f, a (T - Theta) rounded into s(2i+10).f,
//                                   the sum fitted by trace_overflow (two operations, so that
//                                   each is one product chain of the learning engine)
//   post_factor(Theta, y)           BCM: phi = y (y - Theta) rounded into s(2i+2).f
//   rate_update(w, x, delta, v)     hebbian: w + K' x(delta) v               (v = y)
//                                   oja:     w + K' x(delta) v - (K v^2) w   (v = y)
//                                   bcm:     w + K' x(delta) v               (v = phi)
//                                   clipped; x v exact, K' = K / LSB in the additive amplitude
//                                   format, K v^2 in s1.(f+16), both products rounded by
//                                   product_rounding into the working weight
//   write_back(w)
// K = eta P / tau^2 (BCM: eta P / tau^3; P the period, tau in s) in u4.(f+16); a = P / tau_theta
// in u1.(f+16), c = 1 / (tau rho0) in u8.(f+8) (f: trace fraction bits, i: trace integer bits).
//
// Random stream: one xorshift32 per unit; one step per stochastic rounding, in this order
// within an operation: the trace decay product, then K' x v, then (Oja) K v^2, then (Oja) its
// product with w; theta_target: c y^2; slide_threshold: a (T - Theta); post_factor: its product;
// write_back draws once when g > 0.

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
    // Throws std::invalid_argument naming the parameter if K (or a, c, Theta0) does not fit its format.
    rate_hebbian_unit(const hebbian_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);
    rate_hebbian_unit(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);
    rate_hebbian_unit(const bcm_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
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
        case synapse_op::theta_target: {
            // The threshold's saturations count as the post trace's (it lives beside y).
            const std::uint64_t before = counters_.post_trace.total();
            const fp::value yy{r.operand * r.operand, yy_format_};  // exact
            const std::int64_t target =
                fp::multiply({c_, c_format_}, yy, target_spec_, counters_.post_trace, &rng_).raw;
            return {0, target, saturated(counters_.post_trace, before)};
        }
        case synapse_op::slide_threshold: {
            const std::uint64_t before = counters_.post_trace.total();
            const fp::value error = fp::subtract({r.operand, target_spec_.fmt}, {r.trace, trace_spec_.fmt},
                                                 exact_spec(error_format_), counters_.post_trace);
            const fp::value step = fp::multiply({a_, a_format_}, error, step_spec_, counters_.post_trace, &rng_);
            const std::int64_t theta = fp::add({r.trace, trace_spec_.fmt}, step, theta_fit_spec_, counters_.post_trace).raw;
            return {0, theta, saturated(counters_.post_trace, before)};
        }
        case synapse_op::post_factor: {
            const std::uint64_t before = counters_.post_trace.total();
            const fp::value diff{r.operand - r.trace, error_format_};  // y - Theta, exact
            const std::int64_t phi =
                fp::multiply({r.operand, trace_spec_.fmt}, diff, factor_spec_, counters_.post_trace, &rng_).raw;
            return {0, phi, saturated(counters_.post_trace, before)};
        }
        case synapse_op::rate_update: {
            const std::int64_t x = decay_.decay(r.trace, r.delta, trace_spec_, counters_.pre_trace, &rng_);
            const std::uint64_t before = counters_.weight_update.total();
            const fp::value xv{x * r.operand, product_format_};  // exact: x times y (or phi)
            std::int64_t dw = fp::multiply({k_lsb_, amp_format_}, xv, weights_.update_spec(), counters_.weight_update,
                                           &rng_).raw;
            if (kind_ == rate_rule_kind::oja) {
                const fp::value yy{r.operand * r.operand, yy_format_};
                const std::int64_t f = fp::multiply({k_, k_format_}, yy, oja_spec_, counters_.weight_update, &rng_).raw;
                dw -= fp::multiply({r.weight, weights_.update_spec().fmt}, {f, oja_spec_.fmt}, weights_.update_spec(),
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

    rate_rule_kind kind() const { return kind_; }
    bool oja() const { return kind_ == rate_rule_kind::oja; }
    std::int64_t initial_theta() const { return theta0_; }  // BCM: Theta0 in the trace format
    const weight_path& weights() const { return weights_; }
    const trace_decay_table& decay() const { return decay_; }
    const stdp_counters& counters() const { return counters_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    fixed_point::xorshift32& generator() { return rng_; }

    // The host set-up, for the learning engine's compiler (learning_engine/compile_rate_hebbian.hpp).
    std::int64_t gain_lsb() const { return k_lsb_; }  // K' [weight LSB], in amp_format()
    const fixed_point::format& amp_format() const { return amp_format_; }
    std::int64_t oja_gain() const { return k_; }  // Oja's K [1/trace^2], in k_format()
    const fixed_point::format& k_format() const { return k_format_; }
    const fixed_point::result_spec& oja_spec() const { return oja_spec_; }
    std::int64_t theta_step() const { return a_; }   // BCM's a, in a_format()
    const fixed_point::format& a_format() const { return a_format_; }
    std::int64_t theta_scale() const { return c_; }  // BCM's c, in c_format()
    const fixed_point::format& c_format() const { return c_format_; }
    const fixed_point::result_spec& target_spec() const { return target_spec_; }
    const fixed_point::result_spec& step_spec() const { return step_spec_; }
    const fixed_point::result_spec& theta_fit_spec() const { return theta_fit_spec_; }
    const fixed_point::result_spec& factor_spec() const { return factor_spec_; }

private:
    rate_hebbian_unit(rate_rule_kind kind, double gain, double tau, double w_min, double w_max,
                      const weight_scale& scale, double dt_ms, const hardware_config& h, std::uint32_t seed);
    static std::uint8_t saturated(const fixed_point::overflow_counter& c, std::uint64_t before) {
        return c.total() != before ? flag_saturated : 0;
    }
    static fixed_point::result_spec exact_spec(const fixed_point::format& f) {
        return {f, fixed_point::rounding::floor, fixed_point::overflow_mode::saturate};
    }
    PLASTICORE_FX_INLINE synapse_response bumped(std::int64_t trace, std::int64_t delta, fixed_point::overflow_counter& c) {
        const std::uint64_t before = c.total();
        const std::int64_t y = bumped_trace(decay_, trace, delta, trace_spec_, impulse_, c, &rng_);
        return {0, y, saturated(c, before)};
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    rate_rule_kind kind_;
    weight_path weights_;
    trace_decay_table decay_;
    fixed_point::result_spec trace_spec_;   // trace format, product rounding, trace overflow
    fixed_point::format yy_format_;         // y^2: s(2i+1).(2f), exact
    fixed_point::format product_format_;    // x v: s(2i+1).(2f); BCM (v = phi) s(3i+3).(2f)
    fixed_point::format amp_format_;        // K' (weight LSBs): the additive amplitude format
    fixed_point::format k_format_;          // K: u4.(f+16)
    fixed_point::result_spec oja_spec_;     // K y^2: s1.(f+16), product rounding, saturate
    // BCM's threshold
    fixed_point::format a_format_;          // a = P / tau_theta: u1.(f+16)
    fixed_point::format c_format_;          // c = 1 / (tau rho0): u8.(f+8)
    fixed_point::result_spec target_spec_;  // c y^2: s(2i+9).f, product rounding, saturate
    fixed_point::format error_format_;      // c y^2 - Theta, y - Theta: s(2i+10).f, exact
    fixed_point::result_spec step_spec_;    // a (c y^2 - Theta): s(2i+10).f, product rounding, saturate
    fixed_point::result_spec theta_fit_spec_;  // Theta + step: trace format, trace overflow (no bits dropped)
    fixed_point::result_spec factor_spec_;  // phi = y (y - Theta): s(2i+2).f, product rounding, saturate
    std::int64_t impulse_;                  // 1.0 in the trace format
    std::int64_t k_lsb_ = 0, k_ = 0;
    std::int64_t a_ = 0, c_ = 0, theta0_ = 0;
    stdp_counters counters_;                // pre_trace, post_trace (and Theta, phi); weight_update: the products
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
