// The input slot's scale from the expected input (input_shift = "expected_input", the
// spinnaker presets): sPyNNaker's bound and left shift, by hand, and on song2000.
#include <cmath>

#include "fixed_test_util.hpp"
#include "fixed/engine.hpp"
#include "fixed/input_shift.hpp"

using namespace plasticore;
using namespace plasticore::test;
using fixed::projection_input;

TEST_CASE("poisson_cdf sums the Poisson probabilities up to n", "[fixed]") {
    CHECK(fixed::poisson_cdf(-1, 1.0) == 0.0);
    CHECK(fixed::poisson_cdf(0, 1.0) == Approx(std::exp(-1.0)).epsilon(1e-14));
    CHECK(fixed::poisson_cdf(3, 1.0) == Approx(std::exp(-1.0) * (1 + 1 + 0.5 + 1.0 / 6)).epsilon(1e-14));
    CHECK(fixed::poisson_cdf(2000, 1000.0) == Approx(1.0).epsilon(1e-12));
    CHECK(fixed::poisson_cdf(1000, 1000.0) == Approx(0.5084).epsilon(1e-3));  // median of a large Poisson
}

TEST_CASE("expected_input_bound: equal delays sum every weight, varying delays take the Poisson bound", "[fixed]") {
    projection_input a;
    a.weight_mean = 1.0;
    a.weight_top = 1.0;
    a.fan_in = 100;
    a.rate_hz = 10.0;
    // Equal delays: sPyNNaker assumes every presynaptic neuron may spike in one step.
    CHECK(fixed::expected_input_bound({a}, 1.0, 5.0) == 100.0);
    // Varying delays: lambda = 100 * 10 Hz * 1 ms = 1 arrival per step, B = 1 + 5 sqrt(1).
    a.delay_var = 4.0;
    CHECK(fixed::expected_input_bound({a}, 1.0, 5.0) == Approx(6.0).epsilon(1e-14));
    // Weight spread: lambda s^2 P(K <= U - 1), U = round(1 + 3) = 4.
    a.weight_var = 0.25;
    const double p3 = std::exp(-1.0) * (1 + 1 + 0.5 + 1.0 / 6);
    CHECK(fixed::expected_input_bound({a}, 1.0, 5.0) == Approx(1 + 5 * std::sqrt(1 + 0.25 * p3)).epsilon(1e-14));
    // Never above the sum of every weight, never below the largest weight.
    a.weight_var = 0.0;
    a.rate_hz = 1e6;
    CHECK(fixed::expected_input_bound({a}, 1.0, 5.0) == 100.0);
    a.rate_hz = 1e-6;
    a.weight_top = 3.0;
    CHECK(fixed::expected_input_bound({a}, 1.0, 5.0) == 3.0);
    // Two projections pool their fan-in, weights and rates (fan-in weighted).
    projection_input b = a;
    a.rate_hz = 10.0;
    a.weight_top = 1.0;
    b.rate_hz = 30.0;
    b.fan_in = 100;
    b.weight_top = 1.0;
    b.delay_var = 0.0;
    // lambda = 200 * 20 Hz * 1 ms = 4, B = 4 + 5 sqrt(4).
    CHECK(fixed::expected_input_bound({a, b}, 1.0, 5.0) == Approx(14.0).epsilon(1e-14));
    CHECK(fixed::expected_input_bound({}, 1.0, 5.0) == 0.0);
    CHECK_THROWS_WITH(fixed::expected_input_bound({a}, 1.0, 0.0), Catch::Contains("input_sigma"));
}

TEST_CASE("expected_input_slot_shift: sPyNNaker's power, one more at an exact power of two", "[fixed]") {
    // p = ceil(log2 B), +1 when 2^p <= B; a uint16 ring entry spans 2^(p+1): k_slot = p + 1 - 16.
    CHECK(fixed::expected_input_slot_shift(6.0, 16) == 3 + 1 - 16);
    CHECK(fixed::expected_input_slot_shift(4.0, 16) == 3 + 1 - 16);
    CHECK(fixed::expected_input_slot_shift(80.0, 16) == 7 + 1 - 16);
    CHECK(fixed::expected_input_slot_shift(0.3, 16) == 0 + 1 - 16);  // never below shift 0
    CHECK(fixed::expected_input_slot_shift(0.0, 16) == 1 - 16);
    CHECK(fixed::expected_input_slot_shift(80.0, 32) == 7 + 1 - 32);
}

TEST_CASE("the spinnaker presets choose song2000's slot from its 1000 inputs, reference from w_max", "[fixed]") {
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "10.0");
    for (const char* preset: {"spinnaker", "spinnaker-sr", "reference"}) {
        const experiment ex = load_text(text + "\n[hardware]\npreset = \"" + preset + "\"\n");
        const stimulus stim = generate_stimulus(ex);
        const network net = build_network(ex);
        const fixed::engine e(ex, stim, net, ex.hardware);
        // w_max 0.08 nA, 16-bit weights: weight LSB 2^-19 nA.
        CHECK(e.projection(0).scale.k == -19);
        if (std::string(preset) == "reference") {
            CHECK(e.population_at(0).k_slot_e == -19);
        }
        else {
            // Equal delays (1 ms): B = 1000 x 0.08 nA = 80 nA, p = 7, slot LSB 2^-8 nA: weights
            // enter shifted right by 11 bits.
            CHECK(e.population_at(0).k_slot_e == -8);
            CHECK(e.projection(0).slot_shift == -11);
        }
    }
}
