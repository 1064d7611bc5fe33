// The golden model against closed-form solutions of docs/semantics.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "golden_test_util.hpp"
#include "math/oscillation.hpp"
#include "math/scalar.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
const std::string record_every_step =
    "[record]\nspikes = [\"post\"]\n[[record.state]]\npopulation = \"post\"\n";

// One explicit input spike at t_ms into `post` through a static synapse.
std::string one_input(double t_ms, const std::string& receptor, double w, double delay_ms) {
    return "[[source]]\nname = \"in\"\nkind = \"explicit\"\ntimes_ms = [[" + std::to_string(t_ms) +
           "]]\n[[projection]]\nname = \"p\"\npre = \"in\"\npost = \"post\"\nreceptor = \"" + receptor +
           "\"\nweight_na = " + std::to_string(w) + "\ndelay_ms = " + std::to_string(delay_ms) + "\n";
}
}  // namespace

TEST_CASE("membrane under a constant current follows v_rest + I R (1 - exp(-t/tau_m))", "[golden][analytic]") {
    const auto r = run_toml(one_neuron(50.0, "i_offset_na = 0.3\nv_init_mv = -65.0\n") + record_every_step);
    REQUIRE(r.state.size() == 500);
    REQUIRE(r.spikes.empty());  // 0.3 nA * 40 MOhm = 12 mV < 15 mV to threshold
    for (const auto& s: r.state) {
        const double t = static_cast<double>(s.step) * 0.1;
        INFO("step " << s.step);
        REQUIRE(s.v == Approx(-65.0 + 0.3 * 40.0 * (1.0 - std::exp(-t / 10.0))).epsilon(1e-12));
    }
}

TEST_CASE("one excitatory input gives the closed-form PSP, starting the step after arrival", "[golden][analytic]") {
    // Sent at step 100, delay 15 steps: arrives at step 115, first felt in step 116.
    const double w = 0.5, c = 0.25, tm = 10.0, ts = 5.0;
    const auto r = run_toml(one_neuron(40.0, "") + one_input(10.0, "excitatory", w, 1.5) + record_every_step);
    REQUIRE(r.spikes.empty());
    for (const auto& s: r.state) {
        INFO("step " << s.step);
        if (s.step <= 115) {
            REQUIRE(s.v == -65.0);
            REQUIRE(s.i_e == 0.0);
            continue;
        }
        const double t = static_cast<double>(s.step - 116) * 0.1;
        REQUIRE(s.i_e == Approx(w * std::exp(-t / ts)).epsilon(1e-12));
        const double psp = (w / c) * (std::exp(-t / ts) - std::exp(-t / tm)) / (1.0 / tm - 1.0 / ts);
        REQUIRE(s.v == Approx(-65.0 + psp).margin(1e-12));
    }
}

TEST_CASE("an inhibitory input hyperpolarises by the same closed form", "[golden][analytic]") {
    const double w = 0.5, c = 0.25, tm = 10.0, ts = 3.0;
    const auto r = run_toml(one_neuron(30.0, "") + one_input(5.0, "inhibitory", w, 0.1) + record_every_step);
    for (const auto& s: r.state) {
        if (s.step <= 51) continue;  // sent at 50, arrives at 51
        const double t = static_cast<double>(s.step - 52) * 0.1;
        INFO("step " << s.step);
        REQUIRE(s.i_i == Approx(w * std::exp(-t / ts)).epsilon(1e-12));
        const double psp = (w / c) * (std::exp(-t / ts) - std::exp(-t / tm)) / (1.0 / tm - 1.0 / ts);
        REQUIRE(s.v == Approx(-65.0 - psp).margin(1e-12));
    }
}

TEST_CASE("tau_syn == tau_m integrates exactly: v = v_rest + (w/C) t exp(-t/tau)", "[golden][analytic]") {
    const double w = 0.5, c = 0.25, tau = 10.0;
    std::string text = one_neuron(40.0, "") + one_input(1.0, "excitatory", w, 0.1) + record_every_step;
    text.replace(text.find("tau_syn_e_ms = 5.0"), 18, "tau_syn_e_ms = 10.0");
    const auto r = run_toml(text);
    for (const auto& s: r.state) {
        if (s.step <= 11) continue;
        const double t = static_cast<double>(s.step - 12) * 0.1;
        INFO("step " << s.step);
        REQUIRE(s.v == Approx(-65.0 + (w / c) * t * std::exp(-t / tau)).margin(1e-12));
    }
}

TEST_CASE("refractoriness clamps v at v_reset for ceil(t_ref/dt) steps while currents decay", "[golden][analytic]") {
    // 1 nA drives v towards -25 mV: regular firing. t_ref = 2 ms = 20 steps.
    const auto r = run_toml(one_neuron(60.0, "i_offset_na = 1.0\n") + record_every_step);
    const auto spikes = spike_steps(r);
    REQUIRE(spikes.size() >= 3);
    for (std::size_t k = 1; k < spikes.size(); ++k)
        REQUIRE(spikes[k] - spikes[k - 1] == spikes[1] - spikes[0]);  // constant drive: constant ISI
    const std::int64_t n = spikes[0];
    // The state sampled at the start of steps n+1 .. n+21 is the reset value: the reset in
    // step n, then 20 clamped steps (n+1 .. n+20); step n+21 integrates again.
    for (const auto& s: r.state) {
        if (s.step >= n + 1 && s.step <= n + 21) REQUIRE(s.v == -70.0);
        if (s.step == n + 22) REQUIRE(s.v > -70.0);
    }
    // From reset (-70) the time to threshold under 1 nA is tau ln((-25+70)/(-25+50)) = 5.88 ms,
    // i.e. 59 integrations; plus 20 clamped steps: an ISI of 79 steps.
    CHECK(spikes[1] - spikes[0] == 20 + static_cast<std::int64_t>(std::ceil(10.0 * std::log(45.0 / 25.0) / 0.1)));
}

TEST_CASE("bias stimulation adds its current from start_ms up to, not including, stop_ms", "[golden][analytic]") {
    const std::string stim = "[[stimulation]]\nname = \"s\"\npopulation = \"post\"\namplitude_na = -0.2\n"
                             "start_ms = 10.0\nstop_ms = 30.0\n";
    const auto r = run_toml(one_neuron(50.0, "") + stim + record_every_step);
    for (const auto& s: r.state) {
        INFO("step " << s.step);
        const double t_on = static_cast<double>(s.step - 100) * 0.1;
        if (s.step <= 100) REQUIRE(s.v == -65.0);
        else if (s.step <= 300) REQUIRE(s.v == Approx(-65.0 - 0.2 * 40.0 * (1.0 - std::exp(-t_on / 10.0))).epsilon(1e-12));
        else {
            const double v_off = -65.0 - 8.0 * (1.0 - std::exp(-2.0));
            REQUIRE(s.v == Approx(-65.0 + (v_off + 65.0) * std::exp(-static_cast<double>(s.step - 300) * 0.01)).epsilon(1e-12));
        }
    }
}

TEST_CASE("an oscillating stimulation holds A sin(2 pi f (n - n0) dt + phase) over each step of its block", "[golden][analytic]") {
    // 40 Hz, 0.2 nA, phase 30 deg, from 10 ms (n0 = 100) to 60 ms; the membrane follows
    // v(n+1) = v_rest + P22 (v(n) - v_rest) + P20 I(n), computed here from the closed forms.
    const std::string stim = "[[stimulation]]\nname = \"s\"\npopulation = \"post\"\namplitude_na = 0.2\n"
                             "frequency_hz = 40.0\nphase_deg = 30.0\nstart_ms = 10.0\nstop_ms = 60.0\n";
    const auto r = run_toml(one_neuron(80.0, "") + stim + record_every_step);
    REQUIRE(r.state.size() == 800);
    REQUIRE(r.spikes.empty());
    const double pi = std::acos(-1.0), p22 = std::exp(-0.01), p20 = 40.0 * (1.0 - std::exp(-0.01));
    double v = -65.0, lowest = 0.0, highest = -100.0;
    for (const auto& s: r.state) {
        INFO("step " << s.step);
        REQUIRE(s.v == Approx(v).margin(1e-12));
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
        const std::int64_t n = s.step;
        const double i = n >= 100 && n < 600 ? 0.2 * std::sin(2.0 * pi * 40.0 * static_cast<double>(n - 100) * 1e-4 + pi / 6.0) : 0.0;
        v = -65.0 + p22 * (v + 65.0) + p20 * i;
    }
    // It oscillates around rest (a 40 Hz sine through a 10 ms membrane: about +-1.9 mV).
    CHECK(highest > -63.5);
    CHECK(lowest < -66.5);
}

TEST_CASE("the oscillating current agrees between double and 50 digits over 10^7 steps", "[golden][analytic]") {
    // Whole cycles are removed before the sine: double keeps ~1e-11 of a cycle after 4e5 cycles.
    double worst = 0.0;
    for (std::int64_t m: {std::int64_t{0}, std::int64_t{1}, std::int64_t{12345}, std::int64_t{9999999}}) {
        const double d = math::oscillation<double>(0.3, 40.0, -117.0, 0.1, m);
        const auto h = math::oscillation<math::high_precision>(0.3, 40.0, -117.0, 0.1, m);
        worst = std::max(worst, std::abs(d - static_cast<double>(h)));
    }
    CHECK(worst < 1e-10);
    CHECK(math::oscillation<double>(1.0, 250.0, 90.0, 0.1, 0) == Approx(1.0));   // starts at its crest
    CHECK(math::oscillation<double>(1.0, 250.0, 90.0, 0.1, 40) == Approx(1.0));  // 40 steps = one 4 ms period
    CHECK(math::oscillation<double>(1.0, 250.0, 90.0, 0.1, 20) == Approx(-1.0));
    CHECK(math::oscillation<double>(1.0, 250.0, 90.0, 0.1, 10) == Approx(0.0).margin(1e-12));
    CHECK(math::oscillation<double>(0.5, 250.0, 0.0, 0.1, 10) == Approx(0.5));  // phase 0: rising from 0
}

TEST_CASE("a delay of d steps delivers the current at the end of step e + d", "[golden][analytic]") {
    for (double delay: {0.1, 0.7, 2.0}) {
        const auto r = run_toml(one_neuron(10.0, "") + one_input(2.0, "excitatory", 0.5, delay) + record_every_step);
        const auto d = static_cast<std::int64_t>(std::llround(delay / 0.1));
        for (const auto& s: r.state) {
            INFO("delay " << delay << " step " << s.step);
            if (s.step <= 20 + d) REQUIRE(s.i_e == 0.0);
            if (s.step == 21 + d) REQUIRE(s.i_e == 0.5);
        }
    }
}

namespace {
// An isolated pair: pre spike arriving at t_pre, post neuron driven to fire at t_post.
std::string pair_experiment(double t_pre_arrival, double t_post, const std::string& dependence, double w0) {
    // Pre sent 1 ms before arrival; the driver's spike arrives 0.1 ms before the post spike.
    return "[simulation]\ndt_ms = 0.1\nduration_ms = 200.0\n"
           "[[population]]\nname = \"post\"\nsize = 1\ntau_syn_e_ms = 0.5\nt_ref_ms = 50.0\n"
           "[[source]]\nname = \"pre\"\nkind = \"explicit\"\ntimes_ms = [[" + std::to_string(t_pre_arrival - 1.0) + "]]\n"
           "[[source]]\nname = \"drv\"\nkind = \"explicit\"\ntimes_ms = [[" + std::to_string(t_post - 0.2) + "]]\n"
           "[[projection]]\nname = \"plastic\"\npre = \"pre\"\npost = \"post\"\nweight_na = " + std::to_string(w0) +
           "\ndelay_ms = 1.0\n[projection.plasticity]\nrule = \"stdp_pair\"\nweight_dependence = \"" + dependence +
           "\"\ntau_plus_ms = 16.8\ntau_minus_ms = 33.7\na_plus = 0.01\na_minus = 0.02\nw_min_na = 0.0\nw_max_na = 1.0\n"
           "[[projection]]\nname = \"drive\"\npre = \"drv\"\npost = \"post\"\nweight_na = 500.0\ndelay_ms = 0.1\n"
           "[record]\nspikes = [\"post\"]\n";
}
}  // namespace

TEST_CASE("an isolated pair changes the weight by A+ exp(-dt/tau+) or -A- exp(dt/tau-)", "[golden][analytic][stdp]") {
    for (double dt: {-40.0, -7.3, -0.1, 0.0, 0.1, 5.0, 25.0}) {
        const double t_pre = 100.0, t_post = t_pre + dt;
        const auto r = run_toml(pair_experiment(t_pre, t_post, "additive", 0.5));
        REQUIRE(spike_steps(r) == std::vector<std::int64_t>{static_cast<std::int64_t>(std::llround(t_post * 10))});
        const double dw = r.final_weights[0][0] - 0.5;
        const double expected = dt >= 0 ? 0.01 * std::exp(-dt / 16.8) : -0.02 * std::exp(dt / 33.7);
        INFO("dt_pair = " << dt);
        CHECK(dw == Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("multiplicative dependence scales potentiation by w_max - w and depression by w - w_min", "[golden][analytic][stdp]") {
    const auto up = run_toml(pair_experiment(100.0, 110.0, "multiplicative", 0.3));
    CHECK(up.final_weights[0][0] - 0.3 == Approx(0.01 * 0.7 * std::exp(-10.0 / 16.8)).epsilon(1e-12));
    const auto down = run_toml(pair_experiment(100.0, 90.0, "multiplicative", 0.3));
    CHECK(down.final_weights[0][0] - 0.3 == Approx(-0.02 * 0.3 * std::exp(-10.0 / 33.7)).epsilon(1e-12));
}

TEST_CASE("weights are clipped to w_min and w_max after every update", "[golden][analytic][stdp]") {
    std::string text = pair_experiment(100.0, 101.0, "additive", 0.995);
    const auto r = run_toml(text);
    CHECK(r.final_weights[0][0] == 1.0);
    const auto r2 = run_toml(pair_experiment(100.0, 99.0, "additive", 0.001));
    CHECK(r2.final_weights[0][0] == 0.0);
}

TEST_CASE("the same seed reproduces a run and another seed changes it", "[golden]") {
    const std::string net = "[[source]]\nname = \"in\"\nkind = \"poisson\"\nsize = 50\nrate_hz = 40.0\n"
                            "[[projection]]\nname = \"p\"\npre = \"in\"\npost = \"post\"\nweight_na = { uniform = [0.0, 0.3] }\n"
                            "[projection.plasticity]\nrule = \"stdp_pair\"\nw_max_na = 0.3\n[record]\nspikes = [\"post\"]\n";
    const auto a = run_toml(one_neuron(2000.0, "") + net);
    const auto b = run_toml(one_neuron(2000.0, "") + net);
    std::string other = one_neuron(2000.0, "") + net;
    other.replace(other.find("seed = 3"), 8, "seed = 4");
    const auto c = run_toml(other);
    REQUIRE(!a.spikes.empty());
    CHECK(spike_steps(a) == spike_steps(b));
    CHECK(a.final_weights == b.final_weights);
    CHECK(spike_steps(a) != spike_steps(c));
}

TEST_CASE("a stimulation without stop_ms lasts to the end of a run lengthened after loading", "[golden][analytic]") {
    // Regression: the stop used to be fixed to the file's duration when the file was read.
    experiment ex = load_experiment_from_string(
        one_neuron(20.0, "") + "[[stimulation]]\nname = \"s\"\npopulation = \"post\"\namplitude_na = 0.2\n"
                               "start_ms = 10.0\n" + record_every_step, "test.toml");
    ex.simulation.duration = 40.0;  // as `plasticore run --duration 40` does
    const auto r = golden::run<double>(ex, generate_stimulus(ex), build_network(ex));
    const auto& last = r.state.back();
    REQUIRE(last.step == 399);
    CHECK(last.v == Approx(-65.0 + 0.2 * 40.0 * (1.0 - std::exp(-29.9 / 10.0))).epsilon(1e-12));
}

TEST_CASE("transmit = after_update: an arrival carries its own depressed weight", "[golden]") {
    // The neuron fires at step 0 (v_init above threshold); the presynaptic spike sent at step
    // 49 arrives at step 50 (delay 1 step) and meets x_post = exp(-50 dt / tau_minus). Before
    // the arrival I_e is 0, so I_e at the start of step 51 is exactly the transmitted weight.
    auto text = [](const std::string& transmit) {
        return one_neuron(6.0, "v_init_mv = -40.0") +
               "[[source]]\nname = \"in\"\nkind = \"explicit\"\nsize = 1\ntimes_ms = [[4.9]]\n"
               "[[projection]]\nname = \"in_post\"\npre = \"in\"\npost = \"post\"\nweight_na = 0.5\ndelay_ms = 0.1\n"
               "[projection.plasticity]\nrule = \"stdp_pair\"\na_minus = 0.1\nw_max_na = 1.0\ntau_minus_ms = 20.0\n" +
               transmit + "[record]\nspikes = [\"post\"]\n[[record.state]]\npopulation = \"post\"\n";
    };
    const run_result before = run_toml(text(""));
    const run_result after = run_toml(text("transmit = \"after_update\"\n"));
    REQUIRE(spike_steps(before) == std::vector<std::int64_t>{0});
    REQUIRE(spike_steps(after) == std::vector<std::int64_t>{0});
    const double depressed = 0.5 - 0.1 * 1.0 * std::exp(-50 * 0.1 / 20.0);
    REQUIRE(before.state[50].i_e == 0.0);
    CHECK(before.state[51].i_e == 0.5);
    CHECK(after.state[51].i_e == Approx(depressed).epsilon(1e-14));
    // Both orders store the same depressed weight.
    CHECK(before.final_weights[0][0] == Approx(depressed).epsilon(1e-14));
    CHECK(after.final_weights[0][0] == before.final_weights[0][0]);
}
