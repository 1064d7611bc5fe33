// The SpiNNaker truncation artefact, reproduced and cured (docs/datapath.md, "The SpiNNaker
// artefact"). 400 Poisson inputs (10 Hz) reach one neuron through additive STDP whose
// amplitudes are below one weight LSB (A+ = 0.35 LSB, A- = 0.25 LSB); a strong static driver
// makes the neuron fire at 10 Hz on the same steps in every model, so golden and fixed see
// identical events and differ only by their arithmetic. Golden learns upward (potentiation
// dominates). With "spinnaker" (floor everywhere) every update truncates to zero: no learning,
// a negative mean signed error. With "spinnaker-sr" the mean signed error over the synapses
// is within 3 standard errors of zero and learning resumes.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

#include "fixed_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
// Weight LSB for w_max = 0.01 nA in 16 bits: 2^-22 nA; range / LSB = 41943.04.
constexpr double lsb = 1.0 / 4194304.0;
constexpr double w_init = 20000 * lsb;  // exactly representable

std::string artefact_experiment(const std::string& preset) {
    char amplitudes[200];
    std::snprintf(amplitudes, sizeof amplitudes, "a_plus = %.17g\na_minus = %.17g\n", 0.35 / 41943.04,
                  0.25 / 41943.04);
    char weight[80];
    std::snprintf(weight, sizeof weight, "weight_na = %.17g\n", w_init);
    return std::string(R"(
[simulation]
dt_ms = 1.0
duration_ms = 100000.0
seed = 7
[[population]]
name = "post"
size = 1
tau_m_ms = 10.0
c_m_nf = 0.25
v_rest_mv = -70.0
v_reset_mv = -70.0
v_thresh_mv = -55.0
t_ref_ms = 10.0
tau_syn_e_ms = 1.0
tau_syn_i_ms = 1.0
[[source]]
name = "in"
kind = "poisson"
size = 400
rate_hz = 10.0
[[source]]
name = "drive"
kind = "regular"
size = 1
rate_hz = 10.0
phase_ms = 3.0
[[projection]]
name = "plastic"
pre = "in"
post = "post"
connector = "all_to_all"
)") + weight + R"(delay_ms = 1.0
[projection.plasticity]
rule = "stdp_pair"
pairing = "all_to_all"
weight_dependence = "additive"
tau_plus_ms = 20.0
tau_minus_ms = 20.0
)" + amplitudes + R"(w_min_na = 0.0
w_max_na = 0.01
[[projection]]
name = "driver"
pre = "drive"
post = "post"
connector = "all_to_all"
weight_na = 200.0
delay_ms = 1.0
[record]
spikes = ["post"]
[hardware]
preset = ")" + preset + "\"\n";
}

struct stats {
    double mean_change;  // [LSB], fixed final - initial
    double mean_error;   // [LSB], fixed - golden
    double standard_error;
};

stats compare(const run_result& f, const run_result& g) {
    const auto& wf = f.final_weights[0];
    const auto& wg = g.final_weights[0];
    const double n = static_cast<double>(wf.size());
    double change = 0, sum = 0, sum2 = 0;
    for (std::size_t s = 0; s < wf.size(); ++s) {
        const double e = (wf[s] - wg[s]) / lsb;
        change += (wf[s] - w_init) / lsb;
        sum += e;
        sum2 += e * e;
    }
    const double mean = sum / n;
    const double var = (sum2 - n * mean * mean) / (n - 1);
    return {change / n, mean, std::sqrt(var / n)};
}
}  // namespace

TEST_CASE("SpiNNaker artefact: sub-LSB STDP does not learn under truncation, stochastic rounding cures it") {
    const experiment ex = load_text(artefact_experiment("spinnaker"));
    const experiment ex_sr = load_text(artefact_experiment("spinnaker-sr"));
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result g = golden::run<double>(ex, stim, net);
    const run_result spin = fixed::run(ex, stim, net);
    const run_result sr = fixed::run(ex_sr, stim, net);
    REQUIRE(spike_steps(spin) == spike_steps(g));
    REQUIRE(spike_steps(sr) == spike_steps(g));
    REQUIRE(spike_steps(g).size() == 1000);

    double golden_change = 0;
    for (double w: g.final_weights[0]) golden_change += (w - w_init) / lsb;
    golden_change /= static_cast<double>(g.final_weights[0].size());
    const stats s = compare(spin, g);
    const stats r = compare(sr, g);
    std::printf("artefact: golden mean change %+.2f LSB\n", golden_change);
    std::printf("artefact: spinnaker    mean change %+.2f LSB, mean signed error %+.3f LSB (SE %.3f, N = 400)\n",
                s.mean_change, s.mean_error, s.standard_error);
    std::printf("artefact: spinnaker-sr mean change %+.2f LSB, mean signed error %+.3f LSB (SE %.3f, N = 400)\n",
                r.mean_change, r.mean_error, r.standard_error);

    CHECK(golden_change > 5.0);                  // golden learns upward
    CHECK(std::abs(s.mean_change) < 0.5);        // truncation: no learning
    CHECK(s.mean_error < -5 * s.standard_error - 1e-9);
    CHECK(s.mean_error < -0.5 * golden_change);  // biased downward by about what golden learned
    CHECK(std::abs(r.mean_error) < 3 * r.standard_error);  // unbiased
    CHECK(r.mean_change > 0.8 * golden_change);  // learning resumes
}
