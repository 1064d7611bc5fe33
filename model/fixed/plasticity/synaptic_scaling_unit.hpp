#pragma once
// The synapse-update unit of synaptic scaling (docs/datapath.md, "Synaptic scaling unit").
//   bump_post(x, delta)       the rate estimate after a postsynaptic spike: x(delta) + 1
//   rate_error(x, delta)      e = G (X - x(delta)), in the factor format s1.(f + 8)
//                             (f: trace fraction bits), product rounding, saturating
//   scale(w, e)               w + w e, the product into the working-weight format, clipped
//   write_back(w)
// x is a trace in the trace format with its own decay table (tau_rate). G = eta / tau_rate in
// the gain format u4.(f + 8) and X = target tau_rate in the trace format are host constants;
// X - x is exact (the trace format signed, one more integer bit).
//
// Random stream: one xorshift32 per unit; one step per stochastic rounding, in this order
// within an operation: the trace decay product, then the gain or weight product; write_back
// draws once when g > 0. Deterministic modes never step it.

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
#include "plasticity/synaptic_scaling.hpp"

namespace plasticore::fixed {

class synaptic_scaling_unit {
public:
    // Throws std::invalid_argument naming the parameter if G or X does not fit its format.
    synaptic_scaling_unit(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                          const hardware_config& h, std::uint32_t seed);

    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        namespace fp = fixed_point;
        switch (r.op) {
        case synapse_op::bump_post: {
            const std::uint64_t before = counters_.post_trace.total();
            const std::int64_t y = bumped_trace(decay_, r.trace, r.delta, trace_spec_, impulse_, counters_.post_trace, &rng_);
            return {0, y, saturated(counters_.post_trace, before)};
        }
        case synapse_op::rate_error: {
            const std::int64_t x = decay_.decay(r.trace, r.delta, trace_spec_, counters_.post_trace, &rng_);
            const std::uint64_t before = counters_.weight_update.total();
            const std::int64_t e = fp::multiply({gain_, gain_format_}, {target_ - x, diff_format_}, factor_spec_,
                                                counters_.weight_update, &rng_).raw;
            return {0, e, saturated(counters_.weight_update, before)};
        }
        case synapse_op::scale: {
            const std::uint64_t before = counters_.weight_update.total();
            const std::int64_t dw = fp::multiply({r.weight, weights_.update_spec().fmt}, {r.operand, factor_spec_.fmt},
                                                 weights_.update_spec(), counters_.weight_update, &rng_).raw;
            std::uint8_t flags = saturated(counters_.weight_update, before);
            const std::int64_t w = weights_.clip(r.weight + dw, flags, counters_.weight_clip_max, counters_.weight_clip_min);
            return {w, 0, flags};
        }
        case synapse_op::write_back: return {weights_.write_back(r.weight, rng_), 0, 0};
        default: return unsupported(r.op);
        }
    }

    std::int64_t load(std::int64_t stored) const { return weights_.load(stored); }
    std::int64_t transmitted(std::int64_t working) const { return weights_.transmitted(working); }

    const weight_path& weights() const { return weights_; }
    std::int64_t gain() const { return gain_; }      // in gain_format()
    std::int64_t target() const { return target_; }  // in the trace format
    const fixed_point::format& gain_format() const { return gain_format_; }
    const fixed_point::format& factor_format() const { return factor_spec_.fmt; }
    const trace_decay_table& decay() const { return decay_; }
    const stdp_counters& counters() const { return counters_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    fixed_point::xorshift32& generator() { return rng_; }

private:
    static std::uint8_t saturated(const fixed_point::overflow_counter& c, std::uint64_t before) {
        return c.total() != before ? flag_saturated : 0;
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    weight_path weights_;
    trace_decay_table decay_;              // the rate estimate's, tau_rate
    fixed_point::result_spec trace_spec_;  // trace format, product rounding, trace overflow
    fixed_point::format diff_format_;      // X - x: the trace format signed, one more integer bit
    fixed_point::format gain_format_;      // u4.(f + 8)
    fixed_point::result_spec factor_spec_; // s1.(f + 8), product rounding, saturate
    std::int64_t impulse_;                 // 1.0 in the trace format
    std::int64_t gain_;                    // G = eta / tau_rate
    std::int64_t target_;                  // X = target tau_rate, trace format
    stdp_counters counters_;               // post_trace: the rate estimate; weight_update: e and w e
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
