#pragma once
// The synapse-update unit of reward-modulated STDP (docs/datapath.md, "Reward-modulated STDP
// unit"). Formats: traces x_pre, x_post in the trace format; the eligibility c in weight LSBs
// (eligibility_format); the modulator d [1/s] (modulator_format). Decay tables: 0 x_pre
// (tau_plus), 1 x_post (tau_minus), 2 c (tau_c), 3 d (tau_d), 4 D (tau_cd). Operations:
//   decay(table, x, delta); bump(0|1, x, delta)         traces; decay(2, c, delta) is c over a piece
//   eligibility_add(0|1, x, delta, c)                    c + A+ R x_pre(delta)  or  c - A- R x_post(delta)
//   modulate(d, delta, amount)                           d(delta) + amount
//   modulator_at(d_ref, delta)                           D = d tau_cd [1], d = d_ref(delta): the modulator
//        at the start of a piece that begins `delta` steps after its reference value d_ref
//   integrate(w, D, delta, c)                            w <- clip(w + c G), G = D - D(delta)
//        = d tau_cd (1 - exp(-delta/tau_cd)): the integral of c d over a piece of `delta` steps
//   write_back(w)
// One piece of the kernel's catch-up is modulator_at, integrate, decay(2): three transactions,
// so that each is one product chain with one decay (the learning engine's microprogram,
// learning_engine/compile_stdp_reward.cpp); the roundings and draws are those of the product
// d tau_cd (1 - E_cd(delta)) c taken in that order.
// Draws (stochastic rounding) in the order the products are listed.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/plasticity/weight_path.hpp"
#include "fixed_point/ops.hpp"
#include "plasticity/stdp_reward.hpp"

namespace plasticore::fixed {

struct reward_counters {
    std::uint64_t weight_clip_max = 0, weight_clip_min = 0;
    fixed_point::overflow_counter weight_update;  // c x G
    fixed_point::overflow_counter trace;          // x_pre, x_post
    fixed_point::overflow_counter eligibility;    // c
    fixed_point::overflow_counter modulator;      // d, D
};

class stdp_reward_unit {
public:
    enum table_id : std::uint8_t { x_pre = 0, x_post = 1, elig = 2, mod = 3, mod_integral = 4 };

    stdp_reward_unit(const stdp_reward_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                     std::uint32_t seed);

    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) {
        namespace fp = fixed_point;
        switch (r.op) {
        case synapse_op::decay: {
            const fp::result_spec& spec = spec_of(r.table);
            fp::overflow_counter& c = counter_of(r.table);
            const std::uint64_t before = c.total();
            const std::int64_t x = tables_[r.table].decay(r.trace, r.delta, spec, c, &rng_);
            return {0, x, saturated(c, before)};
        }
        case synapse_op::bump: {
            if (nearest_) return {0, impulse_, 0};
            const std::uint64_t before = counters_.trace.total();
            const std::int64_t x = tables_[r.table].decay(r.trace, r.delta, trace_spec_, counters_.trace, &rng_);
            const std::int64_t y = fp::detail::fit<fp::int128>(fp::int128{x} + impulse_, trace_spec_.fmt,
                                                               trace_spec_.overflow, counters_.trace);
            return {0, y, saturated(counters_.trace, before)};
        }
        case synapse_op::eligibility_add: {
            const bool plus = r.table == x_pre;
            const std::int64_t x = tables_[r.table].decay(r.trace, r.delta, trace_spec_, counters_.trace, &rng_);
            const std::uint64_t before = counters_.eligibility.total();
            const std::int64_t dc = fp::multiply({plus ? amp_plus_ : amp_minus_, amp_format_}, {x, trace_spec_.fmt},
                                                 elig_spec_, counters_.eligibility, &rng_).raw;
            const std::int64_t c = fp::detail::fit<fp::int128>(fp::int128{r.operand} + (plus ? dc : -dc), elig_spec_.fmt,
                                                               elig_spec_.overflow, counters_.eligibility);
            return {0, c, saturated(counters_.eligibility, before)};
        }
        case synapse_op::modulate: {
            const std::uint64_t before = counters_.modulator.total();
            const std::int64_t d = tables_[mod].decay(r.trace, r.delta, mod_spec_, counters_.modulator, &rng_);
            const std::int64_t y = fp::detail::fit<fp::int128>(fp::int128{d} + r.operand, mod_spec_.fmt,
                                                               mod_spec_.overflow, counters_.modulator);
            return {0, y, saturated(counters_.modulator, before)};
        }
        case synapse_op::modulator_at: {
            const std::uint64_t before = counters_.modulator.total();
            const std::int64_t d = tables_[mod].decay(r.trace, r.delta, mod_spec_, counters_.modulator, &rng_);
            const std::int64_t big_d =
                fp::multiply({d, mod_spec_.fmt}, {tau_cd_, tau_format_}, mod_spec_, counters_.modulator, &rng_).raw;
            return {0, big_d, saturated(counters_.modulator, before)};
        }
        case synapse_op::integrate: return integrate(r.weight, r.trace, r.delta, r.operand);
        case synapse_op::write_back: return {weights_.write_back(r.weight, rng_), 0, 0};
        default: return unsupported(r.op);
        }
    }

    const weight_path& weights() const { return weights_; }
    std::int64_t load(std::int64_t stored) const { return weights_.load(stored); }
    std::int64_t transmitted(std::int64_t working) const { return weights_.transmitted(working); }
    // A reward amount [1/s] in the modulator format (host, nearest); saturations counted.
    std::int64_t amount_raw(double amount);
    const reward_counters& counters() const { return counters_; }
    // For the learning engine's compiler (learning_engine/compile_stdp_reward.cpp).
    bool nearest() const { return nearest_; }
    const trace_decay_table& table(table_id t) const { return tables_[t]; }
    const fixed_point::result_spec& trace_spec() const { return trace_spec_; }
    const fixed_point::result_spec& eligibility_spec() const { return elig_spec_; }
    const fixed_point::result_spec& modulator_spec() const { return mod_spec_; }
    const fixed_point::format& amp_format() const { return amp_format_; }
    std::int64_t amp_plus() const { return amp_plus_; }
    std::int64_t amp_minus() const { return amp_minus_; }
    const fixed_point::format& tau_format() const { return tau_format_; }
    std::int64_t tau_cd() const { return tau_cd_; }
    fixed_point::xorshift32& generator() { return rng_; }
    // Host constants that quantize to something that defeats them (fixed/host_constant.hpp).
    const std::vector<std::string>& warnings() const { return warnings_; }

private:
    PLASTICORE_FX_INLINE synapse_response integrate(std::int64_t w, std::int64_t big_d, std::int64_t delta,
                                                    std::int64_t c) {
        namespace fp = fixed_point;
        const std::uint64_t before = counters_.modulator.total() + counters_.weight_update.total();
        const std::int64_t rest = tables_[mod_integral].decay(big_d, delta, mod_spec_, counters_.modulator, &rng_);
        const std::int64_t gain = big_d - rest;  // exact: |rest| <= |D|
        const std::int64_t dw = fp::multiply({c, elig_spec_.fmt}, {gain, mod_spec_.fmt}, weights_.update_spec(),
                                             counters_.weight_update, &rng_).raw;
        std::uint8_t flags =
            counters_.modulator.total() + counters_.weight_update.total() != before ? flag_saturated : 0;
        const std::int64_t w_new = weights_.clip(w + dw, flags, counters_.weight_clip_max, counters_.weight_clip_min);
        return {w_new, 0, flags};
    }
    const fixed_point::result_spec& spec_of(std::uint8_t table) const {
        return table <= x_post ? trace_spec_ : table == elig ? elig_spec_ : mod_spec_;
    }
    fixed_point::overflow_counter& counter_of(std::uint8_t table) {
        return table <= x_post ? counters_.trace : table == elig ? counters_.eligibility : counters_.modulator;
    }
    static std::uint8_t saturated(const fixed_point::overflow_counter& c, std::uint64_t before) {
        return c.total() != before ? flag_saturated : 0;
    }
    [[noreturn]] static synapse_response unsupported(synapse_op op);

    bool nearest_;
    weight_path weights_;
    std::array<trace_decay_table, 5> tables_;
    fixed_point::result_spec trace_spec_;  // trace format, product rounding, trace overflow
    fixed_point::result_spec elig_spec_;   // eligibility format [weight LSB], product rounding, eligibility overflow
    fixed_point::result_spec mod_spec_;    // modulator format [1/s, or 1 for D], product rounding, saturate
    fixed_point::format amp_format_;       // additive amplitude format (weight LSBs)
    fixed_point::format tau_format_;       // tau_cd [s]: u8.(modulator fraction bits + 8)
    std::int64_t tau_cd_;                  // in tau_format_
    std::int64_t impulse_;                 // 1.0 in the trace format
    std::int64_t amp_plus_, amp_minus_;    // A R / LSB, in amp_format_
    reward_counters counters_;
    fixed_point::xorshift32 rng_;
    std::vector<std::string> warnings_;
};

}  // namespace plasticore::fixed
