#pragma once
// Stimulus for checks of reward-modulated STDP's arithmetic (stdp_reward_unit) against a second
// implementation (the learning engine's C++ model in tests/fixed/test_learning_engine.cpp, the
// verilated engine in testbench/engine_diff.cpp): set-ups that sweep the roundings on
// pair_stimulus's hardware configurations, both pairings and eligibility overflow rules, with
// random time constants (tau_c 50 ms to 5 s, tau_d 10 ms to 2 s) and amplitudes; and
// transactions at the edges (every operation x its table x edge values of what it decays, edge
// deltas of that table, weights, eligibilities, modulator levels and amounts) plus random ones.

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fixed/plasticity/stdp_reward_unit.hpp"
#include "plasticity/stdp_reward.hpp"
#include "support/pair_stdp_stimulus.hpp"

namespace plasticore::testing {

struct reward_setup {
    setup hw;  // hardware, weight scale, dt and seed (hw.p's bounds and amplitudes are the rule's)
    stdp_reward_params p;

    std::string describe() const {
        std::ostringstream o;
        o << "product=" << hw.h.product_rounding << " weight_rounding=" << hw.h.weight_rounding
          << " trace_overflow=" << hw.h.trace_overflow << " eligibility_overflow=" << hw.h.eligibility_overflow
          << " trace=" << hw.h.trace_format.to_string() << " g=" << hw.h.weight_guard_bits << " dt=" << hw.dt_ms
          << " seed=" << hw.seed << " | "
          << (p.pairing == stdp_reward_params::pairing_kind::nearest ? "nearest" : "all_to_all")
          << " tau+=" << p.tau_plus << " tau-=" << p.tau_minus << " tau_c=" << p.tau_c << " tau_d=" << p.tau_d
          << " a+=" << p.a_plus << " a-=" << p.a_minus << " w=[" << p.w_min << "," << p.w_max << "]";
        return o.str();
    }
};

class reward_stimulus {
public:
    using unit = fixed::stdp_reward_unit;

    reward_stimulus(const widths& w, std::uint64_t seed): w_(w), pairs_(w, seed) {}

    // Block b: b % 25 the product x write-back rounding, (b / 25) % 2 the pairing
    // (pair_stimulus::make_setup); the eligibility's overflow rule, tau_c, tau_d and the
    // amplitudes (up to a quarter of the weight range, sometimes the whole) random.
    reward_setup make_setup(int b) {
        reward_setup s;
        s.hw = pairs_.make_setup(b % 25 + 50 * ((b / 25) % 2));
        s.hw.h.eligibility_overflow =
            pairs_.uniform(0, 3) == 0 ? fixed_point::overflow_mode::wrap : fixed_point::overflow_mode::saturate;
        s.p.pairing = s.hw.p.pairing == stdp_pair_params::pairing_kind::nearest ? stdp_reward_params::pairing_kind::nearest
                                                                                 : stdp_reward_params::pairing_kind::all_to_all;
        s.p.tau_plus = s.hw.p.tau_plus;
        s.p.tau_minus = s.hw.p.tau_minus;
        s.p.tau_c = static_cast<double>(pairs_.uniform(50, 5000));
        s.p.tau_d = static_cast<double>(pairs_.uniform(10, 2000));
        const double amax = pairs_.uniform(0, 4) == 0 ? 1.0 : 0.25;
        s.p.a_plus = amax * static_cast<double>(pairs_.uniform(0, 1000000)) / 1e6;
        s.p.a_minus = amax * static_cast<double>(pairs_.uniform(0, 1000000)) / 1e6;
        s.p.w_min = s.hw.p.w_min;
        s.p.w_max = s.hw.p.w_max;
        return s;
    }

    // Edge transactions, then n random ones.
    std::vector<fixed::synapse_request> transactions(const unit& ref, std::size_t n) {
        using fixed::synapse_op;
        std::vector<synapse_request> out;
        const std::vector<std::int64_t> traces = values_of(ref.trace_spec().fmt), c = values_of(ref.eligibility_spec().fmt),
                                        d = values_of(ref.modulator_spec().fmt);
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, w_.weight_top()};
        for (std::uint8_t t = unit::x_pre; t <= unit::mod; ++t)
            for (std::int64_t x : t <= unit::x_post ? traces : t == unit::elig ? c : d)
                for (std::int64_t delta : deltas(ref, t)) out.push_back(request(synapse_op::decay, t, 0, x, delta, 0));
        for (std::uint8_t t = unit::x_pre; t <= unit::x_post; ++t)
            for (std::int64_t x : traces)
                for (std::int64_t delta : deltas(ref, t)) {
                    out.push_back(request(synapse_op::bump, t, 0, x, delta, 0));
                    for (std::int64_t e : c) out.push_back(request(synapse_op::eligibility_add, t, 0, x, delta, e));
                }
        for (std::int64_t level : d)
            for (std::int64_t delta : deltas(ref, unit::mod)) {
                out.push_back(request(synapse_op::modulator_at, 0, 0, level, delta, 0));
                for (std::int64_t amount : d) out.push_back(request(synapse_op::modulate, unit::mod, 0, level, delta, amount));
            }
        for (std::int64_t wt : weights) {
            for (std::int64_t big_d : d)
                for (std::int64_t delta : deltas(ref, unit::mod_integral))
                    for (std::int64_t e : c) out.push_back(request(synapse_op::integrate, 0, wt, big_d, delta, e));
            out.push_back(request(synapse_op::write_back, 0, wt, 0, 0, 0));
        }
        for (std::size_t i = 0; i < n; ++i) out.push_back(random_request(ref));
        return out;
    }

private:
    using synapse_request = fixed::synapse_request;

    static synapse_request request(fixed::synapse_op op, std::uint8_t table, std::int64_t weight, std::int64_t trace,
                                   std::int64_t delta, std::int64_t operand) {
        synapse_request r = make_request(op, weight, trace, delta, operand);
        r.table = table;
        return r;
    }
    // Edge values of a signed format: 0, +-1 LSB, 1.0, its ends, a third of its top.
    static std::vector<std::int64_t> values_of(const fixed_point::format& f) {
        const std::int64_t top = (std::int64_t{1} << (f.width() - 1)) - 1;
        const std::int64_t one = f.frac_bits() < f.width() - 1 ? std::int64_t{1} << f.frac_bits() : top;
        return {0, 1, -1, one, top, -top - 1, top / 3};
    }
    // Edge deltas of table t: 0, 1, its last entry, just before and at its end, the largest.
    static std::vector<std::int64_t> deltas(const unit& ref, std::uint8_t t) {
        const fixed::trace_decay_table& tab = ref.table(static_cast<unit::table_id>(t));
        const std::int64_t end = table_end(tab);
        const std::int64_t last = (static_cast<std::int64_t>(tab.size()) - 1) << tab.shift();
        return {0, 1, last, end - 1, end, 0xFFFFFFFF};
    }
    // A value of format f: mostly small (within 4.0), sometimes anywhere in it or at its ends.
    std::int64_t value(const fixed_point::format& f) {
        const std::int64_t top = (std::int64_t{1} << (f.width() - 1)) - 1;
        const std::int64_t small = std::min(top, std::int64_t{4} << std::min(f.frac_bits(), 58));
        const std::int64_t r = pairs_.uniform(0, 9);
        return r < 6 ? pairs_.uniform(-small, small) : r < 9 ? pairs_.uniform(-top - 1, top) : (pairs_.uniform(0, 1) ? top : -top - 1);
    }
    std::int64_t delta_of(const unit& ref, std::uint8_t t) {
        const std::int64_t end = table_end(ref.table(static_cast<unit::table_id>(t)));
        const std::int64_t rd = pairs_.uniform(0, 19);
        return rd < 14 ? pairs_.uniform(0, end - 1) : rd < 17 ? pairs_.uniform(end, 0xFFFFFFFFll) : pairs_.uniform(0, 10);
    }

    synapse_request random_request(const unit& ref) {
        using fixed::synapse_op;
        const fixed_point::format &tf = ref.trace_spec().fmt, &cf = ref.eligibility_spec().fmt,
                                  &df = ref.modulator_spec().fmt;
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weight = pairs_.uniform(0, 9) < 8 ? pairs_.uniform(wmin, wmax) : pairs_.uniform(0, w_.weight_top());
        const auto side = static_cast<std::uint8_t>(pairs_.uniform(unit::x_pre, unit::x_post));
        const std::int64_t r = pairs_.uniform(0, 99);
        if (r < 25) return request(synapse_op::integrate, 0, weight, value(df), delta_of(ref, unit::mod_integral), value(cf));
        if (r < 40) return request(synapse_op::modulator_at, 0, 0, value(df), delta_of(ref, unit::mod), 0);
        if (r < 55) return request(synapse_op::eligibility_add, side, 0, value(tf), delta_of(ref, side), value(cf));
        if (r < 65) return request(synapse_op::modulate, unit::mod, 0, value(df), delta_of(ref, unit::mod), value(df));
        if (r < 75) return request(synapse_op::bump, side, 0, value(tf), delta_of(ref, side), 0);
        if (r < 85) return request(synapse_op::write_back, 0, weight, 0, 0, 0);
        const auto t = static_cast<std::uint8_t>(pairs_.uniform(unit::x_pre, unit::mod));
        const std::int64_t x = t <= unit::x_post ? value(tf) : t == unit::elig ? value(cf) : value(df);
        return request(synapse_op::decay, t, 0, x, delta_of(ref, t), 0);
    }

    widths w_;
    pair_stimulus pairs_;  // hardware set-ups and the random source
};

}  // namespace plasticore::testing
