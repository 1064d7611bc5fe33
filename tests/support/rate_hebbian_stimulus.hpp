#pragma once
// Stimulus for checks of the rate-based Hebbian rules' arithmetic (bounded Hebbian, Oja, BCM)
// against a second implementation (the learning engine's C++ model in
// tests/fixed/test_learning_engine.cpp, the verilated engine in testbench/engine_diff.cpp):
// set-ups that sweep the roundings on pair_stimulus's hardware configurations, with random
// tau, period and gain (K' from 2^-6 to 2^3.9 weight LSBs, so Oja's K fits its u4 format; BCM:
// tau_theta, rho0 and theta0 too), and transactions at the edges (every operation x edge
// traces, deltas, weights, post rates, thresholds and targets) plus random ones.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "fixed/plasticity/rate_hebbian_unit.hpp"
#include "plasticity/rate_rules.hpp"
#include "support/pair_stdp_stimulus.hpp"

namespace plasticore::testing {

// Params: hebbian_params, oja_params or bcm_params.
template <class Params>
struct rate_setup {
    setup hw;  // hardware, weight scale, dt and seed (hw.p's bounds are the rule's)
    Params p;

    std::string describe() const {
        std::ostringstream o;
        o << "product=" << hw.h.product_rounding << " weight_rounding=" << hw.h.weight_rounding
          << " trace_overflow=" << hw.h.trace_overflow << " trace=" << hw.h.trace_format.to_string()
          << " g=" << hw.h.weight_guard_bits << " dt=" << hw.dt_ms << " seed=" << hw.seed << " | eta=" << p.eta
          << " tau=" << p.tau << " period=" << p.period << " w=[" << p.w_min << "," << p.w_max << "]";
        if constexpr (std::is_same_v<Params, bcm_params>)
            o << " tau_theta=" << p.tau_theta << " rho0=" << p.rho0 << " theta0=" << p.theta0;
        return o.str();
    }
};

class rate_hebbian_stimulus {
public:
    rate_hebbian_stimulus(const widths& w, std::uint64_t seed): w_(w), pairs_(w, seed) {}

    // Block b: b % 25 the product x write-back rounding (pair_stimulus::make_setup); tau,
    // period and the gain K' (eta P / tau^2 / LSB; BCM: / tau^3) random; BCM's a = P / tau_theta
    // up to 1, c = 1 / (tau rho0) below 50 and Theta0 = theta0 tau below 1/4 of the trace range.
    template <class Params>
    rate_setup<Params> make_setup(int b) {
        rate_setup<Params> s;
        s.hw = pairs_.make_setup(b % 25);
        s.p.tau = static_cast<double>(pairs_.uniform(20, 500));
        s.p.period = static_cast<double>(pairs_.uniform(1, 20));
        const double k_lsb = std::ldexp(1.0, -6) * std::pow(2.0, static_cast<double>(pairs_.uniform(0, 990)) / 100.0);
        s.p.eta = 1.0;
        s.p.eta = k_lsb * s.hw.scale.lsb() / s.p.gain();
        if constexpr (std::is_same_v<Params, bcm_params>) {
            s.p.tau_theta = static_cast<double>(pairs_.uniform(static_cast<std::int64_t>(s.p.period), 5000));
            s.p.rho0 = static_cast<double>(pairs_.uniform(1, 50));
            const double trace_max = std::ldexp(1.0, w_.trace_int);
            s.p.theta0 = static_cast<double>(pairs_.uniform(0, 100)) / 100.0 * trace_max / 4.0 / (s.p.tau * 1e-3);
        }
        s.p.w_min = s.hw.p.w_min;
        s.p.w_max = s.hw.p.w_max;
        return s;
    }

    // Edge transactions, then n random ones.
    std::vector<fixed::synapse_request> transactions(const fixed::rate_hebbian_unit& ref, std::size_t n) {
        using fixed::synapse_op;
        std::vector<fixed::synapse_request> out;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t traces[] = {0, 1, -1, one, 3 * one + 7, w_.trace_max(), w_.trace_min()};
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, w_.weight_top()};
        const fixed::trace_decay_table& t = ref.decay();
        const std::int64_t end = table_end(t);
        const std::int64_t last = (static_cast<std::int64_t>(t.size()) - 1) << t.shift();
        const std::int64_t deltas[] = {0, 1, last, end - 1, end, 0xFFFFFFFF};
        for (synapse_op op : {synapse_op::bump_pre, synapse_op::bump_post, synapse_op::decay})
            for (std::int64_t tr : traces)
                for (std::int64_t d : deltas) out.push_back(make_request(op, 0, tr, d, 0));
        const bool bcm = ref.kind() == rate_rule_kind::bcm;
        if (bcm) {
            // The threshold's target and step (Theta the trace, y or T the operand), the factor.
            const std::int64_t t_top = top(ref.target_spec().fmt);
            const std::int64_t targets[] = {0, 1, -1, one, t_top, -t_top - 1, t_top / 3};
            for (std::int64_t y : traces) out.push_back(make_request(synapse_op::theta_target, 0, 0, 0, y));
            for (std::int64_t theta : traces) {
                for (std::int64_t target : targets)
                    out.push_back(make_request(synapse_op::slide_threshold, 0, theta, 0, target));
                for (std::int64_t y : traces) out.push_back(make_request(synapse_op::post_factor, 0, theta, 0, y));
            }
        }
        for (std::int64_t wt : weights) {
            for (std::int64_t tr : traces)
                for (std::int64_t d : {std::int64_t{0}, last, end})
                    for (std::int64_t y : traces) out.push_back(make_request(synapse_op::rate_update, wt, tr, d, y));
            if (bcm) {
                // phi spans s(2i+2).f.
                const std::int64_t phi_top = top(ref.factor_spec().fmt);
                for (std::int64_t phi : {phi_top, -phi_top - 1, phi_top / 5})
                    out.push_back(make_request(synapse_op::rate_update, wt, one, 0, phi));
            }
            out.push_back(make_request(synapse_op::write_back, wt, 0, 0, 0));
        }
        for (std::size_t i = 0; i < n; ++i) out.push_back(random_request(ref));
        return out;
    }

private:
    using synapse_request = fixed::synapse_request;
    // The largest raw value of a signed format.
    static std::int64_t top(const fixed_point::format& f) { return (std::int64_t{1} << (f.width() - 1)) - 1; }

    // A trace: mostly a plausible rate (0 .. 4.0), sometimes anywhere in the format or at its ends.
    std::int64_t trace() {
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t r = pairs_.uniform(0, 9);
        return r < 6 ? pairs_.uniform(0, std::min(w_.trace_max(), 4 * one))
             : r < 9 ? pairs_.uniform(w_.trace_min(), w_.trace_max()) : (pairs_.uniform(0, 1) ? w_.trace_max() : w_.trace_min());
    }

    synapse_request random_request(const fixed::rate_hebbian_unit& ref) {
        using fixed::synapse_op;
        const bool bcm = ref.kind() == rate_rule_kind::bcm;
        const std::int64_t r = pairs_.uniform(0, bcm ? 129 : 99);
        const synapse_op op = r < 45 ? synapse_op::rate_update : r < 65 ? synapse_op::write_back
                            : r < 77 ? synapse_op::bump_pre : r < 89 ? synapse_op::bump_post
                            : r < 100 ? synapse_op::decay : r < 110 ? synapse_op::theta_target
                            : r < 120 ? synapse_op::slide_threshold : synapse_op::post_factor;
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weight = pairs_.uniform(0, 9) < 8 ? pairs_.uniform(wmin, wmax) : pairs_.uniform(0, w_.weight_top());
        const std::int64_t end = table_end(ref.decay());
        const std::int64_t rd = pairs_.uniform(0, 19);
        const std::int64_t delta = rd < 14 ? pairs_.uniform(0, end - 1) : rd < 17 ? pairs_.uniform(end, 0xFFFFFFFFll)
                                            : pairs_.uniform(0, 10);
        const std::int64_t x = trace();
        std::int64_t operand = trace();  // y
        if (op == synapse_op::slide_threshold) {
            // T: mostly near the thresholds, sometimes anywhere in its format.
            const std::int64_t t_top = top(ref.target_spec().fmt);
            operand = pairs_.uniform(0, 3) == 0 ? pairs_.uniform(-t_top - 1, t_top) : trace();
        }
        else if (bcm && op == synapse_op::rate_update) {
            // phi = y (y - Theta): small mostly, sometimes anywhere in s(2i+2).f.
            const std::int64_t phi_top = top(ref.factor_spec().fmt);
            operand = pairs_.uniform(0, 3) == 0 ? pairs_.uniform(-phi_top - 1, phi_top) : trace() - trace();
        }
        return make_request(op, weight, x, delta, operand);
    }

    widths w_;
    pair_stimulus pairs_;  // hardware set-ups and the random source
};

}  // namespace plasticore::testing
