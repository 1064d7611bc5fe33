// core-rtl against core on random small networks (tests/support/random_network.hpp, the core's
// and the chip's property tests' generator) whose plastic projections keep the rules the learning
// engine runs (pair, inhibitory and triplet STDP, synaptic scaling, bounded Hebbian, Oja, BCM); a
// projection with another rule is made
// static, the rest of the network is as generated. Spikes, state, weight snapshots, final
// weights and spike counts must be identical (docs/rtl.md, "Co-simulation").

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <string>

#include "core/core_model.hpp"
#include "cosim/rtl_socket.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"
#include "support/random_network.hpp"
#include "support/require_identical.hpp"

using namespace plasticore;

namespace {

const std::set<std::string> engine_rules = {"stdp_pair", "istdp_vogels", "stdp_triplet", "synaptic_scaling",
                                            "hebbian",   "oja",          "bcm"};

// The network with every [projection.plasticity] table whose rule is not in `keep` removed (its
// projection becomes static); `kept` counts the projections of each kept rule.
std::string keep_rules(const std::string& text, const std::set<std::string>& keep, std::map<std::string, int>& kept) {
    static const std::regex block(R"re(\[projection\.plasticity\]\nrule = "([a-z_0-9]+)"\n(?:[^\[][^\n]*\n)*)re");
    std::string out;
    auto at = text.cbegin();
    for (std::sregex_iterator m(text.begin(), text.end(), block), end; m != end; ++m) {
        out.append(at, (*m)[0].first);
        if (keep.count((*m)[1].str()) != 0) {
            out.append((*m)[0].first, (*m)[0].second);
            ++kept[(*m)[1].str()];
        }
        at = (*m)[0].second;
    }
    out.append(at, text.cend());
    return out;
}

}  // namespace

TEST_CASE("keep_rules removes the plasticity tables of other rules and nothing else", "[unit]") {
    const std::string text = "[[projection]]\nname = \"a\"\n[projection.plasticity]\nrule = \"stdp_reward\"\neta = 0.1\n"
                             "[[projection]]\nname = \"b\"\n[projection.plasticity]\nrule = \"stdp_pair\"\na_plus = 0.1\n"
                             "[record]\nspikes = [\"p0\"]\n";
    std::map<std::string, int> kept;
    CHECK(keep_rules(text, engine_rules, kept) ==
          "[[projection]]\nname = \"a\"\n[[projection]]\nname = \"b\"\n[projection.plasticity]\nrule = \"stdp_pair\"\n"
          "a_plus = 0.1\n[record]\nspikes = [\"p0\"]\n");
    CHECK(kept == std::map<std::string, int>{{"stdp_pair", 1}});
}

TEST_CASE("core-rtl (learning engine) equals core on 60 random networks with every rule the engine runs",
          "[systemc][property]") {
    std::map<std::string, int> kept;
    int compared = 0;
    for (std::uint32_t i = 0; i < 60; ++i) {
        const std::uint32_t seed = 31000u + i;
        std::map<std::string, int> generated;
        const std::string text = keep_rules(test::random_network(seed, generated), engine_rules, kept);
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
    // The engine's rules all ran, in several projections each (Oja, the rarest of the
    // generator's rules, in 3 of these 60 networks; BCM in 22).
    CHECK(compared >= 50);
    for (const std::string& rule : engine_rules) {
        INFO("rule " << rule);
        CHECK(kept[rule] >= 3);
    }
}
