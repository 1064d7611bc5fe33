// core-rtl against core on random small networks (tests/support/random_network.hpp, the core's
// and the chip's property tests' generator), whose plastic projections run every rule of the
// registry on the learning engine (pair, triplet, reward-modulated and inhibitory STDP, synaptic
// scaling, bounded Hebbian, Oja, BCM). Spikes, state, weight snapshots, final weights and spike
// counts must be identical (docs/rtl.md, "Co-simulation").

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/core_model.hpp"
#include "cosim/rtl_socket.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"
#include "plasticity/rules.hpp"
#include "stimulus/stimulus.hpp"
#include "support/random_network.hpp"
#include "support/require_identical.hpp"

using namespace plasticore;

TEST_CASE("core-rtl (learning engine) equals core on 60 random networks with every rule", "[systemc][property]") {
    std::map<std::string, int> generated;
    int compared = 0;
    for (std::uint32_t i = 0; i < 60; ++i) {
        const std::uint32_t seed = 31000u + i;
        const std::string text = test::random_network(seed, generated);
        INFO("network seed " << seed << ":\n" << text);
        experiment ex;
        try {
            ex = load_experiment_from_string(text, "random.toml");
        }
        catch (const std::exception& e) {
            WARN("seed " << seed << " skipped: " << e.what());
            continue;
        }
        REQUIRE(cosim::rtl_configuration_for(ex) != "");
        const stimulus stim = generate_stimulus(ex);
        const network net = build_network(ex);
        const run_result core = core::run(ex, stim, net, {});
        cosim::cosim_report report;
        const run_result rtl = cosim::run_core_rtl(ex, stim, net, {}, {}, &report);
        test::require_identical(core, rtl, false);
        ++compared;
    }
    // Every rule ran, in several projections each (Oja, the rarest of the generator's rules, in
    // 3 of these 60 networks; BCM in 22).
    CHECK(compared >= 50);
    for (const auto& rule : plasticity::rules()) {
        INFO("rule " << rule.name);
        CHECK(generated[rule.name] >= 3);
    }
}
