// The inhibitory-STDP unit (docs/datapath.md, "Inhibitory STDP unit") against values computed
// by hand, on the spinnaker preset: weights u16 with LSB 2^-10 nA and no guard bits, traces s4.11.
#include <catch2/catch.hpp>

#include "fixed/plasticity/istdp_vogels_unit.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_test_util.hpp"
#include "plasticity/istdp_vogels.hpp"

using namespace plasticore;
using namespace plasticore::test;
using namespace plasticore::fixed;
namespace fp = plasticore::fixed_point;

namespace {
hardware_config spinnaker(fp::rounding product) {
    hardware_config h =
        load_text("[simulation]\ndt_ms = 1.0\nduration_ms = 1.0\n[hardware]\npreset = \"spinnaker\"\n").hardware;
    h.product_rounding = product;
    return h;
}
// eta = 10 weight LSBs, tau 20 ms, rho0 5 Hz: alpha = 0.2 = 409.6 / 2048 -> 410 in s4.11.
istdp_vogels_params params() {
    istdp_vogels_params p;
    p.eta = 10.0 / 1024;
    p.tau = 20.0;
    p.rho0 = 5.0;
    p.w_min = 0.0;
    p.w_max = 65535.0 / 1024;
    return p;
}
}  // namespace

TEST_CASE("inhibitory STDP unit: eta and alpha quantized, presynaptic offset and postsynaptic potentiation") {
    istdp_vogels_unit nearest(params(), weight_scale{16, -10}, 1.0, spinnaker(fp::rounding::nearest_even), 1);
    CHECK(nearest.alpha() == 410);
    CHECK(nearest.eta() == 10 * 2048);  // u16.11
    CHECK(nearest.warnings().empty());
    // A presynaptic spike before any postsynaptic one: x_post = 0, dw = 10 (0 - 410/2048) = -2.002 LSB.
    CHECK(nearest.execute({synapse_op::depress, 0, 1000, 0, 0}).weight == 998);
    // x_post = 1.0 now: dw = 10 (2048 - 410) / 2048 = +7.998 LSB: the "depress" potentiates.
    CHECK(nearest.execute({synapse_op::depress, 0, 1000, 2048, 0}).weight == 1008);
    // A postsynaptic spike with x_pre = 1.0: + eta.
    CHECK(nearest.execute({synapse_op::potentiate, 0, 1000, 2048, 0}).weight == 1010);
    // Both traces decay with the one tau: 20 steps = one time constant, 2048 e^-1 = 753.4.
    const synapse_response late = nearest.execute({synapse_op::potentiate, 0, 1000, 2048, 20});
    CHECK(late.value == 753);
    CHECK(late.weight == 1004);  // + 10 * 753 / 2048 = 3.68 LSB
    CHECK(nearest.execute({synapse_op::depress, 0, 1000, 2048, 20}).weight == 1002);  // 10 (753 - 410) / 2048 = 1.67
    // Traces: + 1.0 after their own spike.
    CHECK(nearest.execute({synapse_op::bump_pre, 0, 0, 2048, 0}).value == 4096);
    CHECK(nearest.execute({synapse_op::bump_post, 0, 0, 0, 0}).value == 2048);
    // The offset clips at w_min and counts it.
    const synapse_response clipped = nearest.execute({synapse_op::depress, 0, 1, 0, 0});
    CHECK(clipped.weight == 0);
    CHECK((clipped.flags & flag_clipped_min) != 0);
    CHECK(nearest.counters().weight_clip_min == 1);
    // Pair STDP's operations only.
    CHECK_THROWS_WITH(nearest.execute({synapse_op::gain, 0, 0, 0, 0}), Catch::Contains("inhibitory-STDP unit"));

    // Floor rounds the signed change toward minus infinity.
    istdp_vogels_unit floor_unit(params(), weight_scale{16, -10}, 1.0, spinnaker(fp::rounding::floor), 1);
    CHECK(floor_unit.execute({synapse_op::depress, 0, 1000, 0, 0}).weight == 997);     // -2.002 -> -3
    CHECK(floor_unit.execute({synapse_op::depress, 0, 1000, 2048, 0}).weight == 1007); // 7.998 -> 7
}

TEST_CASE("inhibitory STDP unit: constants that do not survive quantization are warned or refused") {
    // eta far below one weight LSB times 2^-11: it quantizes to 0, the rule would not learn.
    istdp_vogels_params tiny = params();
    tiny.eta = 1e-7;
    istdp_vogels_unit u(tiny, weight_scale{16, -10}, 1.0, spinnaker(fp::rounding::nearest_even), 1);
    REQUIRE(u.warnings().size() == 1);
    CHECK_THAT(u.warnings()[0], Catch::Contains("eta"));
    // rho0 0.001 Hz: alpha = 4e-5, 0.08 of a trace LSB -> 0.
    istdp_vogels_params slow = params();
    slow.rho0 = 0.001;
    istdp_vogels_unit v(slow, weight_scale{16, -10}, 1.0, spinnaker(fp::rounding::nearest_even), 1);
    REQUIRE(v.warnings().size() == 1);
    CHECK_THAT(v.warnings()[0], Catch::Contains("alpha"));
    // A trace format without integer bits cannot hold alpha = 2 (rho0 50 Hz, tau 20 ms).
    hardware_config h = spinnaker(fp::rounding::nearest_even);
    h.trace_format = fp::format(false, 0, 15);
    istdp_vogels_params fast = params();
    fast.rho0 = 50.0;
    CHECK_THROWS_WITH(istdp_vogels_unit(fast, weight_scale{16, -10}, 1.0, h, 1), Catch::Contains("alpha"));
}

TEST_CASE("inhibitory STDP declaration: alpha = 2 rho0 tau above 8 is refused naming rho0_hz") {
    const auto& d = plasticity::istdp_vogels::declare();
    istdp_vogels_params p;
    p.rho0 = 150.0;  // alpha = 6: allowed
    CHECK_FALSE(d.check(p).has_value());
    p.rho0 = 201.0;  // alpha = 8.04
    const auto problem = d.check(p);
    REQUIRE(problem.has_value());
    CHECK(problem->key == "rho0_hz");
    p = istdp_vogels_params{};
    p.w_max = p.w_min;
    REQUIRE(d.check(p).has_value());
    CHECK(d.check(p)->key == "w_max_na");
}
