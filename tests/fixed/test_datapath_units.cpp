// Each datapath operation against values computed by hand (docs/datapath.md).
#include <catch2/catch.hpp>

#include <cmath>

#include "fixed/neuron_datapath.hpp"
#include "fixed/plasticity/post_history.hpp"
#include "fixed/plasticity/rate_hebbian_unit.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;
using namespace plasticore::fixed;
namespace fp = plasticore::fixed_point;

namespace {
hardware_config spinnaker() {
    return load_text("[simulation]\ndt_ms = 1.0\nduration_ms = 1.0\n[hardware]\npreset = \"spinnaker\"\n").hardware;
}
}  // namespace

TEST_CASE("trace LUT: SpiNNaker's table for tau = 20 ms at dt = 1 ms, s4.11 floor") {
    const trace_decay_table t(20.0, 1.0, spinnaker());
    REQUIRE(t.size() == 154);  // floor(2048 exp(-k/20)) > 0 for k <= 152, padded to even
    CHECK(t.shift() == 0);
    CHECK(t.factor_format() == fp::format(false, 1, 11));
    CHECK(t.entries()[0] == 2048);   // 1.0
    CHECK(t.entries()[1] == 1948);   // floor(1948.12)
    CHECK(t.entries()[2] == 1853);   // floor(1853.10)
    CHECK(t.entries()[20] == 753);   // floor(2048 / e = 753.42)
    CHECK(t.entries()[152] == 1);    // floor(1.025)
    CHECK(t.entries()[153] == 0);    // floor(0.975): the padding entry
    const fp::result_spec spec{fp::format(true, 4, 11), fp::rounding::floor, fp::overflow_mode::saturate};
    fp::overflow_counter c;
    CHECK(t.decay(1000, 1, spec, c, nullptr) == 951);  // floor(1000 * 1948 / 2048 = 951.17)
    CHECK(t.decay(2048, 20, spec, c, nullptr) == 753);
    CHECK(t.decay(2048, 154, spec, c, nullptr) == 0);  // beyond the table
    CHECK(t.decay(2048, 100000, spec, c, nullptr) == 0);
    CHECK(c.total() == 0);
}

TEST_CASE("trace LUT: the index shift keeps the table within lut_size") {
    // dt = 0.1 ms: 191 non-zero entries at shift 3 (0.04 k <= ln 2048), 382 at shift 2 > 256.
    const trace_decay_table t(20.0, 0.1, spinnaker());
    CHECK(t.shift() == 3);
    CHECK(t.size() == 192);
    const fp::result_spec spec{fp::format(true, 4, 11), fp::rounding::floor, fp::overflow_mode::saturate};
    fp::overflow_counter c;
    CHECK(t.decay(2048, 7, spec, c, nullptr) == 2048);  // 7 >> 3 = 0: time resolution 0.8 ms
    CHECK(t.decay(2048, 8, spec, c, nullptr) == 1967);  // floor(2048 exp(-0.04) = 1967.7)
}

TEST_CASE("trace decay by multiplication: one product per set bit of delta") {
    hardware_config h = spinnaker();
    h.trace_decay = trace_decay_kind::multiply;
    const trace_decay_table t(20.0, 1.0, h);
    CHECK(t.entries()[0] == std::llround(std::exp(-1.0 / 20) * 4294967296.0));
    CHECK(t.entries()[3] == std::llround(std::exp(-8.0 / 20) * 4294967296.0));
    const fp::result_spec spec{fp::format(true, 4, 11), fp::rounding::floor, fp::overflow_mode::saturate};
    fp::overflow_counter c;
    // delta 5 = 4 + 1: floor(floor(2048 * F0) * F2) = floor(1948.12) = 1948, floor(1948 * 0.81873) = 1594
    CHECK(t.decay(2048, 5, spec, c, nullptr) == 1594);
    CHECK(t.decay(2048, 0, spec, c, nullptr) == 2048);
}

TEST_CASE("weight scale: the finest power-of-two LSB that holds w_max") {
    CHECK(choose_weight_shift(0.08, 16) == -19);  // 65535 * 2^-19 = 0.125 >= 0.08 > 0.0625
    CHECK(choose_weight_shift(1.0, 16) == -15);   // 65535 * 2^-16 = 0.99998 < 1
    CHECK(choose_weight_shift(65535.0 / 1024, 16) == -10);  // exactly representable: no spare bit
    CHECK(choose_weight_shift(200.0, 16) == -8);
    CHECK(choose_weight_shift(0.0, 16) == 0);
    fp::overflow_counter c;
    const weight_scale s{16, -19};
    CHECK(s.quantize(0.08, c) == 41943);          // round(41943.04)
    CHECK(s.to_na(41943) == Approx(0.0799999237).epsilon(1e-9));
    CHECK(s.quantize(1.0, c) == 65535);           // saturates, counted
    CHECK(c.saturations == 1);
    CHECK_THROWS_WITH(choose_weight_shift(1.0, 70), Catch::Contains("weight_bits"));
}

namespace {
// An additive unit whose LSB is 2^-10 nA and whose amplitude is `amp_lsb` weight LSBs.
stdp_pair_unit additive_unit(double amp_lsb, fp::rounding product, fp::rounding write_back, int guard,
                        stdp_pair_params::dependence_kind dep = stdp_pair_params::dependence_kind::additive) {
    hardware_config h = spinnaker();
    h.product_rounding = product;
    h.weight_rounding = write_back;
    h.weight_guard_bits = guard;
    stdp_pair_params p;
    p.dependence = dep;
    p.w_min = 0.0;
    p.w_max = 65535.0 / 1024;
    p.a_plus = amp_lsb / 65535.0;
    p.a_minus = amp_lsb / 65535.0;
    return stdp_pair_unit(p, weight_scale{16, -10}, 1.0, h, 1);
}
}  // namespace

TEST_CASE("STDP unit: amplitudes, bounds and one potentiation and depression by rounding") {
    stdp_pair_unit floor_unit = additive_unit(0.75, fp::rounding::floor, fp::rounding::floor, 0);
    CHECK(floor_unit.amp_format() == fp::format(false, 16, 11));
    CHECK(floor_unit.amp_plus() == 1536);  // 0.75 LSB = 1536 / 2048
    CHECK(floor_unit.w_max_working() == 65535);
    // Trace 1.0 seen at once: dw = 0.75 LSB. Floor truncates the magnitude: nothing changes.
    CHECK(floor_unit.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight == 1000);
    CHECK(floor_unit.execute({synapse_op::depress, 0, 1000, 2048, 0}).weight == 1000);
    stdp_pair_unit nearest_unit = additive_unit(0.75, fp::rounding::nearest_even, fp::rounding::nearest_even, 0);
    CHECK(nearest_unit.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight == 1001);
    CHECK(nearest_unit.execute({synapse_op::depress, 0, 1000, 2048, 0}).weight == 999);
    // Trace decayed 20 steps: x = 753, dw = 0.75 * 753 / 2048 = 0.2758 LSB -> 0 to nearest.
    CHECK(nearest_unit.execute({synapse_op::potentiate, 0, 1000, 2048, 20}).weight == 1000);

    // Stochastic, seed 1: the decay product draws 270369 (exact, nothing discarded), the
    // amplitude product 67634689; 22 bits discarded, d = 0.75 * 2^22, up iff (r >> 10) < d.
    stdp_pair_unit sr = additive_unit(0.75, fp::rounding::stochastic, fp::rounding::stochastic, 0);
    CHECK(sr.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight == 1001);
    CHECK(sr.generator().state() == 67634689u);
    // Unbiased: over 20000 updates the mean change is 0.75 LSB within 5 standard errors.
    double sum = 0;
    const int n = 20000;
    for (int k = 0; k < n; ++k) sum += double(sr.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight - 1000);
    CHECK(std::abs(sum / n - 0.75) < 5 * std::sqrt(0.75 * 0.25 / n));

    // Bounds clip and count.
    const auto r = nearest_unit.execute({synapse_op::potentiate, 0, 65535, 2048, 0});
    CHECK(r.weight == 65535);
    CHECK((r.flags & flag_clipped_max) != 0);
    CHECK(nearest_unit.execute({synapse_op::depress, 0, 0, 2048, 0}).weight == 0);
    CHECK(nearest_unit.counters().weight_clip_max == 1);
    CHECK(nearest_unit.counters().weight_clip_min == 1);
}

TEST_CASE("STDP unit: write-back with guard bits, floor vs nearest vs stochastic") {
    // 8 guard bits: working 1000.75 LSB = 256192; the update itself is exact.
    stdp_pair_unit f = additive_unit(0.75, fp::rounding::nearest_even, fp::rounding::floor, 8);
    const std::int64_t w = f.execute({synapse_op::potentiate, 0, f.load(1000), 2048, 0}).weight;
    CHECK(w == 256192);
    CHECK(f.write_back(w) == 1000);
    CHECK(f.transmitted(w) == 1001);  // nearest, ties up, no draw
    stdp_pair_unit n = additive_unit(0.75, fp::rounding::nearest_even, fp::rounding::nearest_even, 8);
    CHECK(n.write_back(256192) == 1001);
    CHECK(n.write_back(256128) == 1000);  // 1000.5: tie to even
    stdp_pair_unit s = additive_unit(0.75, fp::rounding::nearest_even, fp::rounding::stochastic, 8);
    int ups = 0;
    for (int k = 0; k < 10000; ++k) ups += int(s.write_back(256192) - 1000);
    CHECK(std::abs(ups / 10000.0 - 0.75) < 5 * std::sqrt(0.75 * 0.25 / 10000));
}

TEST_CASE("STDP unit: multiplicative dependence, A in the trace format") {
    // A = 0.5 (1024 in s4.11); potentiation at w = 1000 toward w_max = 65535 with x = 1.0:
    // dw = 0.5 * 64535 = 32267.5 -> floor 32267.
    hardware_config h = spinnaker();
    stdp_pair_params p;
    p.dependence = stdp_pair_params::dependence_kind::multiplicative;
    p.w_min = 0.0;
    p.w_max = 65535.0 / 1024;
    p.a_plus = 0.5;
    p.a_minus = 0.25;
    stdp_pair_unit u(p, weight_scale{16, -10}, 1.0, h, 1);
    CHECK(u.amp_plus() == 1024);
    CHECK(u.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight == 1000 + 32267);
    CHECK(u.execute({synapse_op::depress, 0, 1000, 2048, 0}).weight == 750);  // 1000 - 0.25 * 1000
}

TEST_CASE("STDP unit: pre and post trace updates, all-to-all and saturation") {
    stdp_pair_unit u = additive_unit(0.75, fp::rounding::floor, fp::rounding::floor, 0);
    CHECK(u.execute({synapse_op::bump_pre, 0, 0, 0, 0}).value == 2048);
    CHECK(u.execute({synapse_op::bump_pre, 0, 0, 2048, 20}).value == 2048 + 753);
    CHECK(u.execute({synapse_op::bump_post, 0, 0, 2048, 1}).value == 2048 + 1948);
    std::int64_t x = 0;
    for (int k = 0; k < 40; ++k) x = u.execute({synapse_op::bump_post, 0, 0, x, 0}).value;  // 40 spikes in one step
    CHECK(x == 32767);  // s4.11 saturates below 16.0
    CHECK(u.counters().post_trace.saturations > 0);
}

TEST_CASE("post history: time order, current trace and overflow bookkeeping") {
    post_history<1> h(2, 3);
    CHECK(!h.has_spiked(0));
    for (int k = 1; k <= 5; ++k) h.push(0, 10 * k, {100 * k});
    CHECK(h.count(0) == 3);
    CHECK(h.step_at(h.slot(0, 0)) == 30);
    CHECK(h.step_at(h.slot(0, 2)) == 50);
    CHECK(h.last_value(0) == 500);
    CHECK(h.dropped_step(0) == 20);
    CHECK(h.dropped_step(1) == -1);
}

TEST_CASE("neuron update: one step of the spinnaker datapath by hand") {
    lif_params p;  // tau_m 10, C 0.25, tau_syn 5, v_rest -65, v_thresh -50
    p.v_rest = -65.0;
    p.v_reset = -65.0;
    p.t_ref = 0.2;
    const neuron_datapath dp(p, 0.1, spinnaker(), "post");
    const neuron_constants& k = dp.constants();
    CHECK(k.p22 == 4252231657);   // round(exp(-0.01) 2^32)
    CHECK(k.pe == 4209921245);    // round(exp(-0.02) 2^32)
    CHECK(k.p21e == 12912);       // round(0.394046 2^15)
    CHECK(k.p20 == 13042);        // round(0.398007 2^15)
    CHECK(k.v_rest == -2129920);
    CHECK(k.v_thresh == -1638400);
    CHECK(k.refractory_steps == 2);
    neuron_counters c;
    // v = v_rest, I_e = 1 nA: v' = v_rest + P21e, I_e' = floor(Pe * 32768 / 2^32).
    std::int64_t v = -2129920, ie = 32768, ii = 0;
    std::int32_t r = 0;
    CHECK(!dp.step(v, ie, ii, r, 0, c, nullptr));
    CHECK(v == -2129920 + 12912);
    CHECK(ie == 32119);
    // v = -60 mV: P22 (v - v_rest) = floor(4252231657 * 163840 / 2^32) = 162209.
    v = -1966080;
    ie = 32768;
    dp.step(v, ie, ii, r, 0, c, nullptr);
    CHECK(v == -1954799);
    // Threshold: v >= v_thresh spikes (v_thresh -64.61 mV = raw -2117140 <= -2117008);
    // reset clamps for R steps while the currents decay.
    p.v_thresh = -64.61;
    const neuron_datapath low(p, 0.1, spinnaker(), "post");
    CHECK(low.constants().v_thresh == -2117140);
    v = -2129920;
    ie = 32768;
    CHECK(low.step(v, ie, ii, r, 0, c, nullptr));
    v = -2129920;
    ie = 32767;  // v' = v_rest + floor(12912 * 32767 / 32768) = -2117009: still >= threshold
    CHECK(low.step(v, ie, ii, r, 0, c, nullptr));
    v = -2129920;
    ie = 32000;  // v' = v_rest + 12609 = -2117311 < threshold
    CHECK(!low.step(v, ie, ii, r, 0, c, nullptr));
    dp.reset(v, r);
    CHECK(v == -2129920);
    CHECK(r == 2);
    ie = 32768;
    CHECK(!dp.step(v, ie, ii, r, 0, c, nullptr));
    CHECK(v == -2129920);  // clamped
    CHECK(ie == 32119);    // decays anyway
    CHECK(r == 1);
    CHECK(c.v.total() == 0);
}

TEST_CASE("input slot: saturation of the 16-bit ring buffer, counted") {
    // Three 1 nA synapses (LSB 2^-15 nA, 32768 each) arrive in one step: 98304 > 65535.
    const std::string text = R"(
[simulation]
dt_ms = 0.1
duration_ms = 2.0
[[population]]
name = "post"
size = 1
v_thresh_mv = 100.0
v_reset_mv = -65.0
[[source]]
name = "in"
kind = "explicit"
size = 3
times_ms = [[0.0], [0.0], [0.0]]
[[projection]]
name = "in_post"
pre = "in"
post = "post"
connector = "all_to_all"
weight_na = 1.0
delay_ms = 1.0
[record]
[[record.state]]
population = "post"
interval_ms = 0.0
[hardware]
preset = "spinnaker"
# The slot sized from w_max alone (the preset's expected-input rule would fit all three).
input_shift = "w_max"
)";
    const experiment ex = load_text(text);
    const run_result r = fixed::run(ex, generate_stimulus(ex), build_network(ex));
    CHECK(r.counters.at("ring_buffer_saturations") == 2);
    // Arrival at step 10; the state at the start of step 11 holds the saturated slot.
    CHECK(r.state.at(11).i_e == 65535.0 / 32768.0);
    CHECK(r.state.at(10).i_e == 0.0);
}

namespace {
// A BCM unit with exact constants: tau = 100 ms, rho0 = 10 Hz (c = 1 / (tau rho0) = 1),
// tau_theta = 1024 ms at a 1 ms period (a = 2^-10), theta0 = 10 Hz (Theta0 = 1.0), and
// K = eta P / tau^3 = 2^-10 nA = 1 LSB of the weight scale 2^-10 nA.
rate_hebbian_unit bcm_unit(fp::rounding product) {
    hardware_config h = spinnaker();  // trace_format s4.11
    h.product_rounding = product;
    h.weight_rounding = product;
    h.weight_guard_bits = 0;
    bcm_params p;
    p.eta = 1.0 / 1024.0;
    p.tau = 100.0;
    p.tau_theta = 1024.0;
    p.rho0 = 10.0;
    p.theta0 = 10.0;
    p.period = 1.0;
    p.w_min = 0.0;
    p.w_max = 65535.0 / 1024;
    return rate_hebbian_unit(p, weight_scale{16, -10}, 1.0, h, 1);
}
}  // namespace

TEST_CASE("BCM unit: the sliding threshold, the neuron's factor and the weight step by hand") {
    rate_hebbian_unit floor_unit = bcm_unit(fp::rounding::floor);
    rate_hebbian_unit nearest_unit = bcm_unit(fp::rounding::nearest_up);
    CHECK(floor_unit.kind() == rate_rule_kind::bcm);
    CHECK(floor_unit.initial_theta() == 2048);  // theta0 tau = 1.0 in s4.11
    // The threshold's step is two operations: T = c y^2 (theta_target), then Theta + a (T - Theta).
    auto slide = [](rate_hebbian_unit& u, std::int64_t theta, std::int64_t y) {
        const std::int64_t target = u.execute({synapse_op::theta_target, 0, 0, 0, 0, y}).value;
        return u.execute({synapse_op::slide_threshold, 0, 0, theta, 0, target}).value;
    };
    // Theta = 1.0, y = 2.0: Theta + a (c y^2 - Theta) = 1 + 3 / 1024, exactly 2048 + 6.
    CHECK(slide(floor_unit, 2048, 4096) == 2054);
    // y = 1.5: 1 + 1.25 / 1024 = 2048 + 2.5 LSB: floor 2050, nearest (ties up) 2051.
    CHECK(slide(floor_unit, 2048, 3072) == 2050);
    CHECK(slide(nearest_unit, 2048, 3072) == 2051);
    // y = 0: the threshold decays, Theta (1 - a) = 2048 - 2.
    CHECK(slide(floor_unit, 2048, 0) == 2046);
    // phi = y (y - Theta): 2.0 (2.0 - 2054 / 2048) = 4084 / 2048 exactly; y below Theta: negative.
    CHECK(floor_unit.execute({synapse_op::post_factor, 0, 0, 2054, 0, 4096}).value == 4084);
    CHECK(floor_unit.execute({synapse_op::post_factor, 0, 0, 4096, 0, 2048}).value == -2048);
    // 1.5 (1.5 - 3071 / 2048) = 1.5 / 2048: 1.5 LSB, floor 1, nearest 2.
    CHECK(floor_unit.execute({synapse_op::post_factor, 0, 0, 3071, 0, 3072}).value == 1);
    CHECK(nearest_unit.execute({synapse_op::post_factor, 0, 0, 3071, 0, 3072}).value == 2);
    // The weight: w + K' x phi with K' = 1 LSB, x = 1.0 (no decay), phi = 4084 / 2048 = 1.994:
    // floor + 1, nearest + 2; phi = -1.0: - 1.
    CHECK(floor_unit.execute({synapse_op::rate_update, 0, 1000, 2048, 0, 4084}).weight == 1001);
    CHECK(nearest_unit.execute({synapse_op::rate_update, 0, 1000, 2048, 0, 4084}).weight == 1002);
    CHECK(nearest_unit.execute({synapse_op::rate_update, 0, 1000, 2048, 0, -2048}).weight == 999);
    // Clipped at w_min.
    const auto r = nearest_unit.execute({synapse_op::rate_update, 0, 0, 2048, 0, -2048});
    CHECK(r.weight == 0);
    CHECK((r.flags & flag_clipped_min) != 0);
}
