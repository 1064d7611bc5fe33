#pragma once
// Stimulus for checks of the pair-STDP arithmetic against a second implementation (the learning
// engine's C++ model in tests/fixed/test_learning_engine.cpp, the verilated engine in
// testbench/engine_diff.cpp): random set-ups that sweep the roundings, dependences and
// pairings, and transactions at the edges (bounds, saturation, delta beyond the table) plus
// random ones, for one width configuration of rtl/configurations.txt.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/stdp_pair.hpp"

namespace plasticore::testing {

namespace fp = fixed_point;

struct widths {
    std::string name;
    int weight_bits, guard_bits, trace_int, trace_frac, lut_depth;

    // The trace format's range (signed) and the largest working weight [raw].
    std::int64_t trace_min() const { return -(std::int64_t{1} << (trace_int + trace_frac)); }
    std::int64_t trace_max() const { return -trace_min() - 1; }
    std::int64_t weight_top() const { return (std::int64_t{1} << (weight_bits + guard_bits)) - 1; }
};

// The first delta beyond a decay table (or 2^32 - 1, the largest a request carries) [steps].
inline std::int64_t table_end(const fixed::trace_decay_table& t) {
    return std::min<std::int64_t>(static_cast<std::int64_t>(t.size()) << t.shift(), 0xFFFFFFFFll);
}

// A request with table 0.
inline fixed::synapse_request make_request(fixed::synapse_op op, std::int64_t weight, std::int64_t trace,
                                           std::int64_t delta, std::int64_t operand) {
    fixed::synapse_request r{op};
    r.weight = weight;
    r.trace = trace;
    r.delta = delta;
    r.operand = operand;
    return r;
}

// rtl/configurations.txt under source_dir: "name WeightBits GuardBits TraceInt TraceFrac
// LutDepth" per line.
inline std::vector<widths> rtl_configurations(const std::string& source_dir) {
    std::ifstream in(source_dir + "/rtl/configurations.txt");
    if (!in) throw std::runtime_error("cannot read " + source_dir + "/rtl/configurations.txt");
    std::vector<widths> out;
    std::string line;
    while (std::getline(in, line)) {
        line = line.substr(0, line.find('#'));
        std::istringstream fields(line);
        widths w;
        if (fields >> w.name >> w.weight_bits >> w.guard_bits >> w.trace_int >> w.trace_frac >> w.lut_depth)
            out.push_back(w);
    }
    return out;
}

inline widths configuration(const std::string& source_dir, const std::string& name) {
    for (const widths& w : rtl_configurations(source_dir))
        if (w.name == name) return w;
    throw std::invalid_argument("no configuration " + name + " in rtl/configurations.txt");
}

struct setup {
    stdp_pair_params p;
    fixed::weight_scale scale;
    double dt_ms = 1.0;
    fixed::hardware_config h;
    std::uint32_t seed = 1;

    std::string describe() const {
        std::ostringstream o;
        o << "product=" << h.product_rounding << " weight_rounding=" << h.weight_rounding
          << " trace_overflow=" << h.trace_overflow << " trace=" << h.trace_format.to_string() << " g=" << h.weight_guard_bits
          << (p.dependence == stdp_pair_params::dependence_kind::multiplicative ? " multiplicative" : " additive")
          << (p.pairing == stdp_pair_params::pairing_kind::nearest ? " nearest" : " all_to_all") << " tau+=" << p.tau_plus
          << " tau-=" << p.tau_minus << " dt=" << dt_ms << " a+=" << p.a_plus << " a-=" << p.a_minus << " w=[" << p.w_min
          << "," << p.w_max << "] seed=" << seed;
        return o.str();
    }
};

class pair_stimulus {
public:
    pair_stimulus(const widths& w, std::uint64_t seed): w_(w), rng_(seed) {}

    // Block b's set-up: b % 5 the product rounding, (b / 5) % 5 the write-back rounding,
    // (b / 25) % 2 the dependence, (b / 50) % 2 the pairing; the rest random.
    setup make_setup(int b) {
        using namespace fixed;
        const fp::rounding modes[] = {fp::rounding::floor, fp::rounding::toward_zero, fp::rounding::nearest_up,
                                      fp::rounding::nearest_even, fp::rounding::stochastic};
        setup s;
        s.h.preset = "engine-test";
        s.h.weight_bits = w_.weight_bits;
        s.h.weight_guard_bits = w_.guard_bits;
        s.h.trace_format = fp::format(true, w_.trace_int, w_.trace_frac);
        s.h.trace_decay = trace_decay_kind::lut;
        s.h.lut_size = w_.lut_depth;
        s.h.product_rounding = modes[b % 5];
        s.h.weight_rounding = modes[(b / 5) % 5];
        s.p.dependence = (b / 25) % 2 ? stdp_pair_params::dependence_kind::multiplicative
                                      : stdp_pair_params::dependence_kind::additive;
        s.p.pairing = (b / 50) % 2 ? stdp_pair_params::pairing_kind::nearest : stdp_pair_params::pairing_kind::all_to_all;
        s.h.trace_overflow = uniform(0, 3) == 0 ? fp::overflow_mode::wrap : fp::overflow_mode::saturate;
        s.h.lut_rounding = uniform(0, 1) ? fp::rounding::nearest_even : fp::rounding::floor;
        const double dts[] = {0.1, 0.25, 1.0};
        s.dt_ms = dts[uniform(0, 2)];
        s.p.tau_plus = 2.0 + real() * 60.0;
        s.p.tau_minus = 2.0 + real() * 60.0;
        s.scale.bits = w_.weight_bits;
        s.scale.k = 0;  // LSB 1 nA: bounds are whole LSBs
        const std::int64_t top = (std::int64_t{1} << w_.weight_bits) - 1;
        const std::int64_t lo = uniform(0, 3) == 0 ? 0 : uniform(0, top / 2);
        const std::int64_t hi = uniform(0, 3) == 0 ? top : uniform(lo + 1, top);
        s.p.w_min = static_cast<double>(lo);
        s.p.w_max = static_cast<double>(hi);
        if (s.p.dependence == stdp_pair_params::dependence_kind::multiplicative) {
            // Trace-format amplitudes; large ones make amplitude x trace saturate.
            const double amax = std::ldexp(1.0, w_.trace_int) - 1.0;
            s.p.a_plus = uniform(0, 4) == 0 ? real() * amax : real() * 0.2;
            s.p.a_minus = uniform(0, 4) == 0 ? real() * amax : real() * 0.2;
        }
        else {
            s.p.a_plus = uniform(0, 4) == 0 ? real() : real() * 0.05;
            s.p.a_minus = uniform(0, 4) == 0 ? real() : real() * 0.05;
        }
        s.seed = static_cast<std::uint32_t>(uniform(0, 9) == 0 ? 0 : rng_());
        return s;
    }

    // Edge transactions (every op x edge traces x edge deltas x edge weights), then n random.
    std::vector<fixed::synapse_request> transactions(const fixed::stdp_pair_unit& ref, std::size_t n) {
        using namespace fixed;
        std::vector<synapse_request> out;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t traces[] = {0, 1, -1, one, one / 2 + 1, w_.trace_max(), w_.trace_min()};
        const std::int64_t wmin = ref.w_min_working(), wmax = ref.w_max_working();
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, w_.weight_top()};
        for (synapse_op op : ops) {
            const trace_decay_table& t = table_of(ref, op);
            const std::int64_t end = static_cast<std::int64_t>(t.size()) << t.shift();
            const std::int64_t last = (static_cast<std::int64_t>(t.size()) - 1) << t.shift();
            for (std::int64_t tr : traces)
                for (std::int64_t d : {std::int64_t{0}, std::int64_t{1}, last, end - 1, end, std::int64_t{0xFFFFFFFF}})
                    for (std::int64_t wt : weights) out.push_back(request(op, wt, tr, d));
        }
        for (std::size_t i = 0; i < n; ++i) out.push_back(random_request(ref));
        return out;
    }

    std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }

    // The dependence of make_setup(b): blocks with (b / 25) % 2 == 1 are multiplicative.
    static bool multiplicative_block(int b) { return (b / 25) % 2 == 1; }

private:
    using synapse_op = fixed::synapse_op;
    using synapse_request = fixed::synapse_request;
    using stdp_pair_unit = fixed::stdp_pair_unit;
    using trace_decay_table = fixed::trace_decay_table;
    static constexpr synapse_op ops[] = {synapse_op::potentiate, synapse_op::depress, synapse_op::write_back,
                                         synapse_op::bump_pre, synapse_op::bump_post};
    static synapse_request request(synapse_op op, std::int64_t weight, std::int64_t trace, std::int64_t delta) {
        synapse_request r{op};
        r.weight = weight;
        r.trace = trace;
        r.delta = delta;
        return r;
    }
    static const trace_decay_table& table_of(const stdp_pair_unit& ref, synapse_op op) {
        const bool plus = op == synapse_op::potentiate || op == synapse_op::bump_pre;
        return plus ? ref.decay_plus() : ref.decay_minus();
    }

    synapse_request random_request(const stdp_pair_unit& ref) {
        const std::int64_t r = uniform(0, 199);
        const synapse_op op = r < 70 ? synapse_op::potentiate : r < 140 ? synapse_op::depress
                            : r < 170 ? synapse_op::write_back : r < 185 ? synapse_op::bump_pre : synapse_op::bump_post;
        const std::int64_t wmin = ref.w_min_working(), wmax = ref.w_max_working();
        const std::int64_t rw = uniform(0, 9);
        const std::int64_t weight =
            rw < 7 ? uniform(wmin, wmax) : rw == 7 ? (uniform(0, 1) ? wmin : wmax)
            : rw == 8 ? std::min(w_.weight_top(), std::max<std::int64_t>(0, (uniform(0, 1) ? wmin : wmax) + uniform(-3, 3)))
                      : uniform(0, w_.weight_top());
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t edge[] = {0, 1, -1, one, w_.trace_max(), w_.trace_min(), one - 1};
        const std::int64_t rt = uniform(0, 9);
        const std::int64_t trace = rt < 4 ? uniform(0, std::min(w_.trace_max(), 3 * one)) : rt < 6 ? uniform(w_.trace_min(), w_.trace_max())
                                 : rt == 6 ? edge[uniform(0, 6)] : uniform(-one, one);
        const trace_decay_table& tab = table_of(ref, op);
        const std::int64_t end = std::min<std::int64_t>(static_cast<std::int64_t>(tab.size()) << tab.shift(), 0xFFFFFFFFll);
        const std::int64_t rd = uniform(0, 19);
        const std::int64_t delta = rd < 10 ? uniform(0, end - 1) : rd < 13 ? std::max<std::int64_t>(0, end + uniform(-2, 2))
                                 : rd < 16 ? uniform(end, 0xFFFFFFFFll) : rd < 17 ? 0xFFFFFFFFll : uniform(0, 10);
        return request(op, weight, trace, delta);
    }
    double real() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

    widths w_;
    std::mt19937_64 rng_;
};

}  // namespace plasticore::testing
