#pragma once
// Stimulus for checks of the triplet-STDP arithmetic against a second implementation (the
// learning engine's C++ model, tests/fixed/test_learning_engine.cpp): set-ups that sweep the
// roundings and both pairings on pair_stimulus's hardware configurations, with random time
// constants and amplitudes (some a whole weight range, which saturates the gain at the edge traces), and transactions at the
// edges (every operation and table x edge traces, deltas, weights, gains) plus random ones.

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fixed/plasticity/stdp_triplet_unit.hpp"
#include "plasticity/stdp_triplet.hpp"
#include "support/pair_stdp_stimulus.hpp"

namespace plasticore::testing {

struct triplet_setup {
    setup hw;  // hardware, weight scale, dt and seed (hw.p is unused)
    stdp_triplet_params p;

    std::string describe() const {
        std::ostringstream o;
        o << hw.describe() << " | triplet "
          << (p.pairing == stdp_triplet_params::pairing_kind::nearest ? "nearest" : "all_to_all")
          << " tau+=" << p.tau_plus << " tau_x=" << p.tau_x << " tau-=" << p.tau_minus << " tau_y=" << p.tau_y
          << " a2+=" << p.a2_plus << " a3+=" << p.a3_plus << " a2-=" << p.a2_minus << " a3-=" << p.a3_minus;
        return o.str();
    }
};

class triplet_stimulus {
public:
    triplet_stimulus(const widths& w, std::uint64_t seed): w_(w), pairs_(w, seed) {}

    // Block b: b % 25 the product x write-back rounding (pair_stimulus::make_setup), (b / 25) % 2
    // the pairing; time constants and amplitudes random.
    triplet_setup make_setup(int b) {
        triplet_setup s;
        s.hw = pairs_.make_setup(b % 25);
        s.p.pairing = (b / 25) % 2 ? stdp_triplet_params::pairing_kind::nearest
                                   : stdp_triplet_params::pairing_kind::all_to_all;
        s.p.tau_plus = s.hw.p.tau_plus;
        s.p.tau_minus = s.hw.p.tau_minus;
        s.p.tau_x = 2.0 + real() * 200.0;
        s.p.tau_y = 2.0 + real() * 200.0;
        s.p.w_min = s.hw.p.w_min;
        s.p.w_max = s.hw.p.w_max;
        auto amplitude = [&] { return pairs_.uniform(0, 4) == 0 ? real() : real() * 0.02; };
        s.p.a2_plus = amplitude();
        s.p.a3_plus = amplitude();
        s.p.a2_minus = amplitude();
        s.p.a3_minus = amplitude();
        return s;
    }

    // Edge transactions, then n random ones.
    std::vector<fixed::synapse_request> transactions(const fixed::stdp_triplet_unit& ref, std::size_t n) {
        using namespace fixed;
        std::vector<synapse_request> out;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t traces[] = {0, 1, -1, one, one / 2 + 1, w_.trace_max(), w_.trace_min()};
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, w_.weight_top()};
        const std::int64_t gains[] = {0, 1, gmax(ref) / 2, gmax(ref)};
        for (const variant& v : variants) {
            for (std::int64_t tr : traces)
                for (std::int64_t d : edge_deltas(ref, v))
                    for (std::int64_t wt : weights)
                        for (std::int64_t gn : gains) {
                            out.push_back(request(v, wt, tr, d, gn));
                            if (!uses_operand(v.op)) break;
                        }
        }
        for (std::size_t i = 0; i < n; ++i) out.push_back(random_request(ref));
        return out;
    }

private:
    using synapse_op = fixed::synapse_op;
    using synapse_request = fixed::synapse_request;
    using T = fixed::stdp_triplet_unit;
    struct variant {
        synapse_op op;
        std::uint8_t table;
    };
    static constexpr variant variants[] = {
        {synapse_op::decay, T::r1},        {synapse_op::decay, T::r2},        {synapse_op::decay, T::o1},
        {synapse_op::decay, T::o2},        {synapse_op::bump, T::r1},         {synapse_op::bump, T::r2},
        {synapse_op::bump, T::o1},         {synapse_op::bump, T::o2},         {synapse_op::gain, 0},
        {synapse_op::gain, 1},             {synapse_op::potentiate_gain, 0},  {synapse_op::depress_gain, 0},
        {synapse_op::write_back, 0}};

    static bool uses_operand(synapse_op op) {
        return op == synapse_op::potentiate_gain || op == synapse_op::depress_gain;
    }
    // The decay table an operation reads: its own (decay, bump), r1 or o1 (updates), none.
    static const fixed::trace_decay_table* table_of(const T& ref, const variant& v) {
        switch (v.op) {
        case synapse_op::decay:
        case synapse_op::bump: return &ref.table(static_cast<T::table_id>(v.table));
        case synapse_op::potentiate_gain: return &ref.table(T::r1);
        case synapse_op::depress_gain: return &ref.table(T::o1);
        default: return nullptr;
        }
    }
    static std::vector<std::int64_t> edge_deltas(const T& ref, const variant& v) {
        const fixed::trace_decay_table* t = table_of(ref, v);
        if (t == nullptr) return {0};
        const std::int64_t end = table_end(*t);
        const std::int64_t last = (static_cast<std::int64_t>(t->size()) - 1) << t->shift();
        return {0, 1, last, end - 1, end, 0xFFFFFFFFll};
    }
    static synapse_request request(const variant& v, std::int64_t weight, std::int64_t trace, std::int64_t delta,
                                   std::int64_t operand) {
        synapse_request r{v.op, v.table};
        r.weight = weight;
        r.trace = trace;
        r.delta = delta;
        r.operand = operand;
        return r;
    }
    static std::int64_t gmax(const T& ref) { return (std::int64_t{1} << ref.gain_format().width()) - 1; }

    synapse_request random_request(const T& ref) {
        // Weighted as the kernel issues them: updates most, then decays, bumps and gains.
        const std::int64_t r = pairs_.uniform(0, 199);
        const variant v = r < 60    ? variant{synapse_op::potentiate_gain, 0}
                        : r < 120   ? variant{synapse_op::depress_gain, 0}
                        : r < 140   ? variant{synapse_op::write_back, 0}
                        : r < 160   ? variant{synapse_op::decay, static_cast<std::uint8_t>(pairs_.uniform(0, 3))}
                        : r < 180   ? variant{synapse_op::bump, static_cast<std::uint8_t>(pairs_.uniform(0, 3))}
                                    : variant{synapse_op::gain, static_cast<std::uint8_t>(pairs_.uniform(0, 1))};
        const std::int64_t wmin = ref.weights().w_min(), wmax = ref.weights().w_max();
        const std::int64_t rw = pairs_.uniform(0, 9);
        const std::int64_t weight = rw < 8 ? pairs_.uniform(wmin, wmax) : rw == 8 ? (pairs_.uniform(0, 1) ? wmin : wmax)
                                                                          : pairs_.uniform(0, w_.weight_top());
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t rt = pairs_.uniform(0, 9);
        const std::int64_t trace = rt < 5 ? pairs_.uniform(0, std::min(w_.trace_max(), 3 * one))
                                 : rt < 7 ? pairs_.uniform(w_.trace_min(), w_.trace_max())
                                 : rt < 9 ? pairs_.uniform(-one, one)
                                          : (pairs_.uniform(0, 1) ? w_.trace_max() : w_.trace_min());
        const fixed::trace_decay_table* t = table_of(ref, v);
        std::int64_t delta = 0;
        if (t != nullptr) {
            const std::int64_t end = table_end(*t);
            const std::int64_t rd = pairs_.uniform(0, 19);
            delta = rd < 12 ? pairs_.uniform(0, end - 1) : rd < 15 ? std::max<std::int64_t>(0, end + pairs_.uniform(-2, 2))
                  : rd < 18 ? pairs_.uniform(end, 0xFFFFFFFFll) : pairs_.uniform(0, 10);
        }
        const std::int64_t rg = pairs_.uniform(0, 9);
        const std::int64_t gain = rg < 7 ? pairs_.uniform(0, std::min<std::int64_t>(gmax(ref), one * 64))
                                : rg < 9 ? pairs_.uniform(0, gmax(ref)) : gmax(ref);
        return request(v, weight, trace, delta, gain);
    }
    double real() { return static_cast<double>(pairs_.uniform(0, 1 << 30)) / static_cast<double>(1 << 30); }

    widths w_;
    pair_stimulus pairs_;  // hardware set-ups and the random source
};

}  // namespace plasticore::testing
