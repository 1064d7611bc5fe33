// Convergence of the fixed model to golden as every format widens (16, 24, 32 fraction bits,
// round to nearest): weight and membrane RMSE fall monotonically on song2000 (shortened) and
// on a small recurrent net; at 32 bits song2000 over 10 s has identical spike steps and
// weights within 1e-6 nA of golden.
#include <catch2/catch.hpp>

#include <cstdio>

#include "fixed_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
struct errors {
    double weight_rmse, v_rmse;
    bool same_spikes;
};

errors against_golden(const experiment& ex, const run_result& g, const stimulus& stim, const network& net, int frac) {
    const run_result f = fixed::run(ex, stim, net, wide_hardware(frac));
    std::vector<double> wg, wf;
    for (std::size_t p = 0; p < g.final_weights.size(); ++p) {
        wg.insert(wg.end(), g.final_weights[p].begin(), g.final_weights[p].end());
        wf.insert(wf.end(), f.final_weights[p].begin(), f.final_weights[p].end());
    }
    return {rms_difference(wf, wg), rms_difference(recorded_v(f), recorded_v(g)),
            spike_steps(f) == spike_steps(g)};
}

void check_convergence(const std::string& name, const std::string& text) {
    const experiment ex = load_text(text);
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result g = golden::run<double>(ex, stim, net);
    std::vector<errors> e;
    for (int frac: {16, 24, 32}) {
        e.push_back(against_golden(ex, g, stim, net, frac));
        std::printf("convergence %s: %d fraction bits: weight RMSE %.3e nA, membrane RMSE %.3e mV, spikes %s\n",
                    name.c_str(), frac, e.back().weight_rmse, e.back().v_rmse,
                    e.back().same_spikes ? "identical" : "differ");
    }
    for (std::size_t k = 1; k < e.size(); ++k) {
        INFO(name << ": step " << k);
        CHECK(e[k].weight_rmse < e[k - 1].weight_rmse);
        CHECK(e[k].v_rmse < e[k - 1].v_rmse);
    }
    CHECK(e.back().same_spikes);
}

const char* small_net = R"(
[simulation]
dt_ms = 0.1
duration_ms = 2000.0
seed = 11
[[population]]
name = "exc"
size = 8
tau_m_ms = 15.0
c_m_nf = 0.2
v_rest_mv = -65.0
v_reset_mv = -68.0
v_thresh_mv = -52.0
t_ref_ms = 2.0
tau_syn_e_ms = 4.0
tau_syn_i_ms = 8.0
[[source]]
name = "in"
kind = "poisson"
size = 60
rate_hz = 20.0
[[projection]]
name = "in_exc"
pre = "in"
post = "exc"
connector = "fixed_probability"
p = 0.6
weight_na = { uniform = [0.0, 0.12] }
delay_ms = 1.5
[projection.plasticity]
rule = "stdp_pair"
pairing = "nearest"
weight_dependence = "multiplicative"
tau_plus_ms = 16.8
tau_minus_ms = 33.7
a_plus = 0.02
a_minus = 0.015
w_min_na = 0.0
w_max_na = 0.15
[[projection]]
name = "lateral"
pre = "exc"
post = "exc"
connector = "all_to_all"
receptor = "inhibitory"
weight_na = 0.3
delay_ms = 1.5
[record]
spikes = ["exc"]
[[record.state]]
population = "exc"
interval_ms = 1.0
)";
}  // namespace

TEST_CASE("convergence: song2000 (2 s) approaches golden as formats widen") {
    check_convergence("song2000-2s", with_value(read_example("song2000.toml"), "duration_ms", "2000.0"));
}

TEST_CASE("convergence: small recurrent net approaches golden as formats widen") {
    check_convergence("small-net", small_net);
}

TEST_CASE("convergence: song2000 for 10 s at 32 fraction bits: identical spikes, weights within 1e-6 nA") {
    const experiment ex = load_text(with_value(read_example("song2000.toml"), "duration_ms", "10000.0"));
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result g = golden::run<double>(ex, stim, net);
    const run_result f = fixed::run(ex, stim, net, wide_hardware(32));
    CHECK(spike_steps(f) == spike_steps(g));
    CHECK(!spike_steps(g).empty());
    const double max_error = max_difference(f.final_weights[0], g.final_weights[0]);
    std::printf("song2000 10 s, 32 fraction bits: %zu post spikes, max weight error %.3e nA\n",
                spike_steps(g).size(), max_error);
    CHECK(max_error < 1e-6);
}
