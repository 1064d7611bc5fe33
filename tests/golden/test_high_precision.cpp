// double against 50-digit arithmetic on song2000: double's own rounding must not show.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "math/scalar.hpp"
#include "golden_test_util.hpp"

using namespace plasticore;

TEST_CASE("song2000 (10 s): double and cpp_bin_float_50 give identical spikes and weights within 1e-9", "[golden][precision]") {
    experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml");
    ex.simulation.duration = 10000.0;
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result d = golden::run<double>(ex, stim, net);
    const run_result q = golden::run<golden::high_precision>(ex, stim, net);

    REQUIRE(d.spikes.size() > 100);
    REQUIRE(d.spikes.size() == q.spikes.size());
    for (std::size_t k = 0; k < d.spikes.size(); ++k) REQUIRE(d.spikes[k].step == q.spikes[k].step);

    const double w_max = 0.08;
    double worst = 0.0;
    for (std::size_t s = 0; s < d.final_weights[0].size(); ++s)
        worst = std::max(worst, std::abs(d.final_weights[0][s] - q.final_weights[0][s]) / w_max);
    double worst_v = 0.0;
    for (std::size_t k = 0; k < d.state.size(); ++k) worst_v = std::max(worst_v, std::abs(d.state[k].v - q.state[k].v));
    std::cout << "song2000 10 s: " << d.spikes.size() << " identical spikes; max |w_double - w_50digit| / w_max = "
              << worst << "; max |v_double - v_50digit| = " << worst_v << " mV\n";
    CHECK(worst < 1e-9);
    CHECK(worst_v < 1e-9);
}
