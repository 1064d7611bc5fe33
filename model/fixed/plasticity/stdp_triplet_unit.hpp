#pragma once
// The synapse-update unit of triplet STDP (docs/datapath.md, "Triplet STDP unit"). Four
// trace decay tables, all in the trace format: table 0 r1 (tau_plus), 1 r2 (tau_x), 2 o1
// (tau_minus), 3 o2 (tau_y). Amplitudes A2+-, A3+- in weight LSBs (additive amplitude format).
// Operations:
//   decay(table, x, delta)          x(delta)
//   bump(table, x, delta)           x(delta) + 1 (all-to-all) or 1 (nearest)
//   gain(0|1, x)                    A2+ + A3+ x  or  A2- + A3- x, in the gain format u(n+4).f
//   potentiate_gain(w, r1, delta, G)  w + G r1(delta), clipped
//   depress_gain(w, o1, delta, G)     w - G o1(delta), clipped
//   write_back(w)
// Draws (stochastic rounding), in this order within an operation: the decay product, then the
// amplitude or gain product; a write-back draws once when g > 0.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/plasticity/weight_path.hpp"
#include "fixed_point/ops.hpp"
#include "plasticity/stdp_triplet.hpp"

namespace plasticore::fixed {

struct triplet_counters {
    std::uint64_t weight_clip_max = 0, weight_clip_min = 0;
    fixed_point::overflow_counter weight_update;  // gain x trace products, gains
    fixed_point::overflow_counter trace;          // every trace decay and bump
};

class stdp_triplet_unit {
public:
    enum table_id : std::uint8_t { r1 = 0, r2 = 1, o1 = 2, o2 = 3 };

    stdp_triplet_unit(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                      std::uint32_t seed);

    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        namespace fp = fixed_point;
        switch (r.op) {
        case synapse_op::decay: {
            const std::uint64_t before = counters_.trace.total();
            const std::int64_t x = tables_[r.table].decay(r.trace, r.delta, trace_spec_, counters_.trace, &rng_);
            return {0, x, saturated(counters_.trace, before)};
        }
        case synapse_op::bump: {
            if (nearest_) return {0, impulse_, 0};
            const std::uint64_t before = counters_.trace.total();
            const std::int64_t x = tables_[r.table].decay(r.trace, r.delta, trace_spec_, counters_.trace, &rng_);
            const std::int64_t y = fp::detail::fit<fp::int128>(fp::int128{x} + impulse_, trace_spec_.fmt,
                                                               trace_spec_.overflow, counters_.trace);
            return {0, y, saturated(counters_.trace, before)};
        }
        case synapse_op::gain: {
            const bool plus = r.table == 0;
            const std::uint64_t before = counters_.weight_update.total();
            const std::int64_t a3x = fp::multiply({plus ? a3_plus_ : a3_minus_, amp_format_}, {r.trace, trace_spec_.fmt},
                                                  gain_spec_, counters_.weight_update, &rng_).raw;
            const std::int64_t g = fp::detail::fit<fp::int128>(fp::int128{a3x} + (plus ? a2_plus_ : a2_minus_),
                                                               gain_spec_.fmt, gain_spec_.overflow, counters_.weight_update);
            return {0, g, saturated(counters_.weight_update, before)};
        }
        case synapse_op::potentiate_gain:
        case synapse_op::depress_gain: {
            const bool pot = r.op == synapse_op::potentiate_gain;
            const std::int64_t x = tables_[pot ? r1 : o1].decay(r.trace, r.delta, trace_spec_, counters_.trace, &rng_);
            const std::uint64_t before = counters_.weight_update.total();
            const std::int64_t dw = fp::multiply({r.operand, gain_spec_.fmt}, {x, trace_spec_.fmt}, weights_.update_spec(),
                                                 counters_.weight_update, &rng_).raw;
            std::uint8_t flags = saturated(counters_.weight_update, before);
            const std::int64_t w =
                weights_.clip(pot ? r.weight + dw : r.weight - dw, flags, counters_.weight_clip_max, counters_.weight_clip_min);
            return {w, x, flags};
        }
        case synapse_op::write_back: return {weights_.write_back(r.weight, rng_), 0, 0};
        default: return unsupported(r.op);
        }
    }

    const weight_path& weights() const { return weights_; }
    std::int64_t load(std::int64_t stored) const { return weights_.load(stored); }
    std::int64_t transmitted(std::int64_t working) const { return weights_.transmitted(working); }
    const triplet_counters& counters() const { return counters_; }
    fixed_point::xorshift32& generator() { return rng_; }
    // Host constants that quantize to something that defeats them (fixed/host_constant.hpp).
    const std::vector<std::string>& warnings() const { return warnings_; }
    const fixed_point::format& gain_format() const { return gain_spec_.fmt; }
    // The host set-up, for the learning engine's compiler (learning_engine/compile_stdp_triplet.hpp).
    const fixed_point::result_spec& gain_spec() const { return gain_spec_; }
    const fixed_point::format& amp_format() const { return amp_format_; }
    const trace_decay_table& table(table_id t) const { return tables_[t]; }
    bool nearest() const { return nearest_; }
    std::int64_t a2_plus() const { return a2_plus_; }    // [amp_format]
    std::int64_t a3_plus() const { return a3_plus_; }
    std::int64_t a2_minus() const { return a2_minus_; }
    std::int64_t a3_minus() const { return a3_minus_; }

private:
    static std::uint8_t saturated(const fixed_point::overflow_counter& c, std::uint64_t before) {
        return c.total() != before ? flag_saturated : 0;
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    bool nearest_;
    weight_path weights_;
    std::array<trace_decay_table, 4> tables_;
    fixed_point::result_spec trace_spec_;  // trace format, product rounding, trace overflow
    fixed_point::format amp_format_;       // additive amplitude format (weight LSBs)
    fixed_point::result_spec gain_spec_;   // u(n+4).f, product rounding, saturate
    std::int64_t impulse_;                 // 1.0 in the trace format
    std::int64_t a2_plus_, a3_plus_, a2_minus_, a3_minus_;  // in amp_format_
    triplet_counters counters_;
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
