// examples/stdp_window.toml (Bi & Poo pairing) against the analytic STDP window.
#include <catch2/catch.hpp>

#include <cmath>
#include <variant>

#include "golden_test_util.hpp"

using namespace plasticore;

TEST_CASE("the stdp_window example reproduces the analytic window to 1e-9", "[golden][stdp][example]") {
    const experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/stdp_window.toml");
    const network net = build_network(ex);
    const run_result r = golden::run<double>(ex, generate_stimulus(ex), net);

    const auto& pairing = std::get<pairing_source>(ex.sources[0].kind);
    const auto& stdp = std::get<stdp_pair_params>(ex.projections[0].plasticity);
    const auto& table = net.projections[0];
    REQUIRE(table.size() == 41);
    REQUIRE(r.counts[0].spikes == 41u * 60u);  // one post spike per pair
    double worst = 0.0;
    for (std::size_t s = 0; s < table.size(); ++s) {
        const double dt = pairing.dt_pair[table.pre_of(s)];
        const double range = stdp.w_max - stdp.w_min;
        const double expected = pairing.n_pairs * range *
                                (dt >= 0 ? stdp.a_plus * std::exp(-dt / stdp.tau_plus)
                                         : -stdp.a_minus * std::exp(dt / stdp.tau_minus));
        const double dw = r.final_weights[0][s] - table.weight[s];
        INFO("dt_pair = " << dt << " ms: dw = " << dw << ", analytic " << expected);
        worst = std::max(worst, std::abs(dw - expected) / std::abs(expected));
        CHECK(dw == Approx(expected).epsilon(1e-9));
    }
    WARN("largest relative deviation from the analytic window: " << worst);
}
