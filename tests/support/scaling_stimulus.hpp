#pragma once
// Stimulus for checks of synaptic scaling's arithmetic against a second implementation (the
// learning engine's C++ model in tests/fixed/test_learning_engine.cpp, the verilated engine in
// testbench/engine_diff.cpp): set-ups that sweep the roundings on pair_stimulus's hardware
// configurations, with random eta, tau_rate and target (G and X kept within their formats), and
// transactions at the edges (every operation x edge traces, deltas, weights, rate errors) plus
// random ones.

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fixed/plasticity/synaptic_scaling_unit.hpp"
#include "plasticity/synaptic_scaling.hpp"
#include "support/pair_stdp_stimulus.hpp"

namespace plasticore::testing {

struct scaling_setup {
    setup hw;  // hardware, weight scale, dt and seed (hw.p's bounds are the rule's)
    synaptic_scaling_params p;

    std::string describe() const {
        std::ostringstream o;
        o << "product=" << hw.h.product_rounding << " weight_rounding=" << hw.h.weight_rounding
          << " trace_overflow=" << hw.h.trace_overflow << " trace=" << hw.h.trace_format.to_string()
          << " g=" << hw.h.weight_guard_bits << " dt=" << hw.dt_ms << " seed=" << hw.seed << " | scaling eta=" << p.eta
          << " tau_rate=" << p.tau_rate << " target=" << p.target << " w=[" << p.w_min << "," << p.w_max << "]";
        return o.str();
    }
};

class scaling_stimulus {
public:
    scaling_stimulus(const widths& w, std::uint64_t seed): w_(w), pairs_(w, seed) {}

    // Block b: b % 25 the product x write-back rounding (pair_stimulus::make_setup); eta,
    // tau_rate and target random, with G = eta / tau_rate < 16 (u4 gain) and X = target tau_rate
    // inside the trace format.
    scaling_setup make_setup(int b) {
        scaling_setup s;
        s.hw = pairs_.make_setup(b % 25);
        s.p.tau_rate = static_cast<double>(pairs_.uniform(60, 3000));
        s.p.eta = static_cast<double>(pairs_.uniform(1, 500)) * 1e-3;
        const double x_max = static_cast<double>((std::int64_t{1} << w_.trace_int) - 1);
        s.p.target = std::min(static_cast<double>(pairs_.uniform(1, 400)) / 10.0, x_max * 1e3 / s.p.tau_rate);
        s.p.period = 100.0;
        s.p.w_min = s.hw.p.w_min;
        s.p.w_max = s.hw.p.w_max;
        return s;
    }

    // Edge transactions, then n random ones.
    std::vector<fixed::synapse_request> transactions(const fixed::synaptic_scaling_unit& ref, std::size_t n) {
        using fixed::synapse_op;
        std::vector<fixed::synapse_request> out;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t traces[] = {0, 1, -1, one, ref.target(), ref.target() + 1, w_.trace_max(), w_.trace_min()};
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, w_.weight_top()};
        const std::int64_t errors[] = {0, 1, -1, emax(ref), emin(ref), emax(ref) / 3, emin(ref) / 5};
        const fixed::trace_decay_table& t = ref.decay();
        const std::int64_t end = table_end(t);
        const std::int64_t last = (static_cast<std::int64_t>(t.size()) - 1) << t.shift();
        for (synapse_op op : {synapse_op::bump_post, synapse_op::rate_error})
            for (std::int64_t tr : traces)
                for (std::int64_t d : {std::int64_t{0}, std::int64_t{1}, last, end - 1, end, std::int64_t{0xFFFFFFFF}})
                    out.push_back(make_request(op, 0, tr, d, 0));
        for (std::int64_t wt : weights) {
            for (std::int64_t e : errors) out.push_back(make_request(synapse_op::scale, wt, 0, 0, e));
            out.push_back(make_request(synapse_op::write_back, wt, 0, 0, 0));
        }
        for (std::size_t i = 0; i < n; ++i) out.push_back(random_request(ref));
        return out;
    }

private:
    using synapse_request = fixed::synapse_request;
    // The factor format's range (signed).
    static std::int64_t emin(const fixed::synaptic_scaling_unit& ref) {
        return -(std::int64_t{1} << (ref.factor_format().width() - 1));
    }
    static std::int64_t emax(const fixed::synaptic_scaling_unit& ref) { return -emin(ref) - 1; }

    synapse_request random_request(const fixed::synaptic_scaling_unit& ref) {
        using fixed::synapse_op;
        const std::int64_t r = pairs_.uniform(0, 99);
        const synapse_op op = r < 40 ? synapse_op::scale : r < 60 ? synapse_op::write_back
                            : r < 80 ? synapse_op::rate_error : synapse_op::bump_post;
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weight = pairs_.uniform(0, 9) < 8 ? pairs_.uniform(wmin, wmax) : pairs_.uniform(0, w_.weight_top());
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t rt = pairs_.uniform(0, 9);
        const std::int64_t trace = rt < 6 ? pairs_.uniform(0, std::min(w_.trace_max(), 2 * ref.target() + one))
                                 : rt < 9 ? pairs_.uniform(w_.trace_min(), w_.trace_max()) : (pairs_.uniform(0, 1) ? w_.trace_max() : w_.trace_min());
        const std::int64_t end = table_end(ref.decay());
        const std::int64_t rd = pairs_.uniform(0, 19);
        const std::int64_t delta = rd < 14 ? pairs_.uniform(0, end - 1) : rd < 17 ? pairs_.uniform(end, 0xFFFFFFFFll)
                                            : pairs_.uniform(0, 10);
        const std::int64_t re = pairs_.uniform(0, 9);
        const std::int64_t small = std::int64_t{1} << (ref.factor_format().frac_bits() - 3);
        const std::int64_t error = re < 7 ? pairs_.uniform(-small, small) : pairs_.uniform(emin(ref), emax(ref));
        return make_request(op, weight, trace, delta, error);
    }

    widths w_;
    pair_stimulus pairs_;  // hardware set-ups and the random source
};

}  // namespace plasticore::testing
