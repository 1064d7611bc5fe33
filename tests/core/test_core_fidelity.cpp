// The SystemC core against the fixed model: spikes, state, snapshots, final weights and every
// counter bit-identical on the examples and on many random small networks. The core is run
// several times in one process (core::run starts a fresh SystemC context each time).
#include <algorithm>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "core/plasticity_socket.hpp"

#include "core_test_util.hpp"
#include "support/random_network.hpp"

using namespace plasticore;
using namespace plasticore::test;

TEST_CASE("core equals fixed on song2000 shortened to 2 s", "[systemc]") {
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "2000.0");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 10);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed on stdp_window", "[systemc]") {
    const experiment ex = load_experiment_from_string(read_example("stdp_window.toml"), "stdp_window.toml");
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 100);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed on stimulation_plasticity (constant and oscillating biases), also with stochastic products", "[systemc]") {
    // The generators' products draw from the neuron unit's stream under spinnaker-sr.
    for (const char* preset: {"reference", "spinnaker-sr"}) {
        INFO("preset " << preset);
        std::string text = with_value(read_example("stimulation_plasticity.toml"), "duration_ms", "1500.0");
        text += std::string("\n[hardware]\npreset = \"") + preset + "\"\n";
        const experiment ex = load_experiment_from_string(text, "stimulation_plasticity.toml");
        REQUIRE(std::count_if(ex.stimulations.begin(), ex.stimulations.end(),
                              [](const stimulation& s) { return s.oscillating(); }) == 2);
        const auto r = run_both(ex);
        REQUIRE(r.fixed.spikes.size() > 20);
        require_identical(r.fixed, r.core);
    }
}

TEST_CASE("core equals fixed on bcm_selectivity (the sliding threshold's sweep), also with stochastic rounding", "[systemc]") {
    for (const char* preset: {"reference", "spinnaker-sr"}) {
        INFO("preset " << preset);
        std::string text = with_value(read_example("bcm_selectivity.toml"), "duration_ms", "20000.0");
        text += std::string("\n[hardware]\npreset = \"") + preset + "\"\n";
        const experiment ex = load_experiment_from_string(text, "bcm_selectivity.toml");
        const auto r = run_both(ex);
        REQUIRE(r.fixed.spikes.size() > 100);
        require_identical(r.fixed, r.core);
        // Every sweep (1 ms) writes each neuron's threshold back into its post-history entry:
        // 2 projections x 4 neurons x 20,000 sweeps, besides the entries of the post spikes.
        const auto j = nlohmann::json::parse(r.core.core_report);
        CHECK(j["memories"]["post_history_sram"]["writes"].get<std::uint64_t>() >= 2u * 4u * 20000u);
        CHECK(j["memories"]["post_history_sram"]["word"].get<std::string>().find("theta") != std::string::npos);
        CHECK(j["plasticity_transactions"]["slide_threshold"].get<std::uint64_t>() == 2u * 4u * 20000u);
    }
}

TEST_CASE("core equals fixed on song2000 with the spinnaker-sr preset, 4 lanes, single-port SRAM", "[systemc]") {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    text += "\n[hardware]\npreset = \"spinnaker-sr\"\n[core]\nlanes = 4\nsram_ports = 1\nfifo_depth = 2\nmode = \"accelerated\"\n";
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_both(ex);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed with transmit = after_update, which changes what is transmitted", "[systemc]") {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "2000.0");
    const experiment before_ex = load_experiment_from_string(text, "song2000.toml");
    text = with_value(text, "rule", "\"stdp_pair\"\ntransmit = \"after_update\"");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    REQUIRE(ex.projections[0].transmit == transmit_order::after_update);
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 10);
    require_identical(r.fixed, r.core);
    // The option is seen by the datapath: the postsynaptic neuron's spikes move.
    const auto before = run_both(before_ex);
    auto steps = [](const run_result& res) {
        std::vector<std::int64_t> out;
        for (const auto& sp: res.spikes) out.push_back(sp.step * 1000003 + sp.group * 1009 + sp.neuron);
        return out;
    };
    CHECK(steps(before.fixed) != steps(r.fixed));
}


TEST_CASE("core equals fixed on 40 random small networks mixing every plasticity rule and both neuron models", "[systemc][property]") {
    const std::uint32_t base = 20240u;
    std::map<std::string, int> run_rules;
    for (std::uint32_t i = 0; i < 40; ++i) {
        const std::uint32_t seed = base + i;
        std::map<std::string, int> these;
        const std::string text = random_network(seed, these);
        INFO("network seed " << seed << ":\n" << text);
        experiment ex;
        try {
            ex = load_experiment_from_string(text, "random.toml");
        }
        catch (const std::exception& e) {
            WARN("seed " << seed << " skipped: " << e.what());
            continue;
        }
        const auto r = run_both(ex);
        require_identical(r.fixed, r.core);
        for (const auto& [rule, n]: these) run_rules[rule] += n;
    }
    // Every rule of the registry ran in several of the networks.
    for (const auto& info: plasticity::rules()) {
        INFO("rule " << info.name);
        CHECK(run_rules[info.name] >= 5);
    }
    // And adaptive populations (docs/semantics.md, "Adaptive LIF") in several of them.
    CHECK(run_rules["adaptive_lif"] >= 5);
    CHECK(run_rules["intrinsic_plasticity"] >= 5);
}

namespace {
// A socket as the RTL wrapper will be: it forwards every transaction to the C++ unit and
// counts them, so the results must not change and the count must match the report.
class counting_socket final : public core::plasticity_socket {
public:
    explicit counting_socket(fixed::engine** e): engine_(e) {}
    fixed::synapse_response transport(std::size_t k, const fixed::synapse_request& r) override {
        ++transactions;
        return (*engine_)->execute(k, r);
    }
    int latency_cycles() const override { return 3; }
    std::uint64_t transactions = 0;

private:
    fixed::engine** engine_;
};
}  // namespace

TEST_CASE("an installed plasticity socket sees every update and changes no bit", "[systemc]") {
    // The socket reaches the engine's units through core::run_options::engine_hook.
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    fixed::engine* engine = nullptr;
    counting_socket socket(&engine);
    core::run_options o;
    o.socket = &socket;
    o.engine_hook = [&](fixed::engine& e) { engine = &e; };
    const run_result c = core::run(ex, stim, net, o);
    const run_result f = fixed::run(ex, stim, net);
    require_identical(f, c);
    const auto j = nlohmann::json::parse(c.core_report);
    // Every operation of the rule is a transaction: the report counts them by operation.
    std::uint64_t expected = 0;
    for (const auto& [op, count]: j["plasticity_transactions"].items()) expected += count.get<std::uint64_t>();
    CHECK(socket.transactions == expected);
    CHECK(j["plasticity_transactions"]["potentiate"].get<std::uint64_t>() ==
          j["events"]["history_replayed"].get<std::uint64_t>() + j["events"]["flush_replayed"].get<std::uint64_t>());
    CHECK(j["plasticity_transactions"]["depress"].get<std::uint64_t>() == j["events"]["depressions"].get<std::uint64_t>());
    CHECK(j["plasticity_transactions"]["bump_pre"].get<std::uint64_t>() ==
          j["events"]["plastic_row_segments"].get<std::uint64_t>());
    CHECK(socket.transactions > 1000);
}
