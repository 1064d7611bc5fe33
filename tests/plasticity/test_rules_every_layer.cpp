// Every rule of the registry through every layer, generated from its declaration: golden in
// double and in 50 digits, fixed, core (bit-identical to fixed, its state in the memory report,
// its transactions counted), compare's weight metrics, and core-rtl, whose learning engine runs
// every rule and whose pair unit runs pair STDP only. Nothing here names a rule but that one.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include <nlohmann/json.hpp>

#include "compare/compare.hpp"
#include "core/core_model.hpp"
#include "cosim/rtl_socket.hpp"
#include "experiment/load_experiment.hpp"
#include "fixed/simulator.hpp"
#include "golden/simulator.hpp"
#include "network/network.hpp"
#include "rule_network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {
double max_abs_change(const run_result& r, const network& net, std::size_t k) {
    double m = 0.0;
    for (std::size_t s = 0; s < net.projections[k].size(); ++s)
        m = std::max(m, std::abs(r.final_weights[k][s] - net.projections[k].weight[s]));
    return m;
}
}  // namespace

TEST_CASE("every rule runs on golden (double and 50 digits), fixed and core with the same results", "[systemc]") {
    for (const auto& rule: plasticity::rules()) {
        INFO("rule " << rule.name);
        const experiment ex = load_experiment_from_string(test::rule_network(rule), "rule.toml");
        const stimulus stim = generate_stimulus(ex);
        const network net = build_network(ex);
        const run_result g = golden::run<double>(ex, stim, net);
        const run_result h = golden::run<golden::high_precision>(ex, stim, net);
        const run_result f = fixed::run(ex, stim, net);
        const run_result c = core::run(ex, stim, net);

        // The rule acts on both plastic projections, in every layer.
        for (std::size_t k: {std::size_t{0}, std::size_t{1}}) {
            INFO("projection " << ex.projections[k].name);
            CHECK(max_abs_change(g, net, k) > 1e-4);
            CHECK(max_abs_change(f, net, k) > 1e-4);
        }
        // 50 digits and double solve the same problem: same spikes, weights to double rounding.
        REQUIRE(h.spikes.size() == g.spikes.size());
        for (std::size_t i = 0; i < g.spikes.size(); ++i) REQUIRE(h.spikes[i].step == g.spikes[i].step);
        for (std::size_t k = 0; k < g.final_weights.size(); ++k)
            for (std::size_t s = 0; s < g.final_weights[k].size(); ++s)
                REQUIRE(std::abs(h.final_weights[k][s] - g.final_weights[k][s]) < 1e-12);
        // Core: bit-identical to fixed, weights and snapshots included.
        REQUIRE(c.spikes.size() == f.spikes.size());
        CHECK(c.final_weights == f.final_weights);
        REQUIRE(c.snapshots.size() == f.snapshots.size());
        for (std::size_t i = 0; i < f.snapshots.size(); ++i) CHECK(c.snapshots[i].weight == f.snapshots[i].weight);
        CHECK(c.counters == f.counters);
        // Fixed differs from golden by quantization only: weights within a few % of the range.
        compare_options o;
        const compare_report cmp = compare_runs(ex, g, f, o);
        REQUIRE(cmp.projections.size() == 2);  // the plastic ones
        for (const auto& p: cmp.projections) {
            INFO("projection " << p.name);
            CHECK(p.error.rmse < 0.05);  // w_max - w_min = 1 nA
        }
        // The memory report names every state variable of the rule.
        const auto report = nlohmann::json::parse(c.core_report);
        std::string words;
        for (const auto& [name, m]: report["memories"].items()) words += m["word"].get<std::string>() + " ";
        for (const auto& s: rule.state) {
            if (std::string(s.name) == "w") continue;  // the weight field itself
            INFO("state " << s.name << " in: " << words);
            CHECK(std::regex_search(words, std::regex("\\b" + std::string(s.name) + "\\b")));
        }
        CHECK(report["plasticity_transactions"].size() >= 2);
    }
}

TEST_CASE("core-rtl runs every rule on the learning engine and pair STDP on the pair unit, which refuses the others "
          "by name",
          "[systemc]") {
    using cosim::rtl_unit_kind;
    for (const rtl_unit_kind unit: {rtl_unit_kind::engine, rtl_unit_kind::pair}) {
        for (const auto& rule: plasticity::rules()) {
            INFO("rule " << rule.name << ", RTL unit " << cosim::rtl_unit_name(unit));
            const experiment ex = load_experiment_from_string(test::rule_network(rule), "rule.toml");
            if (rule.name == "stdp_pair" || unit == rtl_unit_kind::engine) {
                CHECK(cosim::rtl_configuration_for(ex, unit) == "reference");
                continue;
            }
            CHECK_THROWS_WITH(cosim::rtl_configuration_for(ex, unit), Catch::Contains("'" + rule.name + "'") &&
                                                                          Catch::Contains("stdp_pair only") &&
                                                                          Catch::Contains("stdp_update_unit.sv"));
        }
    }
    CHECK(cosim::parse_rtl_unit("engine") == rtl_unit_kind::engine);
    CHECK(cosim::parse_rtl_unit("pair") == rtl_unit_kind::pair);
    CHECK_THROWS_WITH(cosim::parse_rtl_unit("stdp"), Catch::Contains("--rtl-unit") && Catch::Contains("'stdp'"));
}

TEST_CASE("core-rtl: the learning engine runs any widths whose decay tables fit its memory, the pair unit only "
          "the widths it is verilated at",
          "[systemc]") {
    const plasticity::rule_info* pair = nullptr;
    for (const auto& rule: plasticity::rules())
        if (rule.name == "stdp_pair") pair = &rule;
    REQUIRE(pair != nullptr);
    experiment ex = load_experiment_from_string(test::rule_network(*pair), "rule.toml");
    // rtl/configurations.txt "wide": u16 + 4 guard bits, traces s4.20, LutDepth 512: the pair
    // unit's "wide", the engine with the smallest tables that hold 512 entries.
    ex.hardware.weight_guard_bits = 4;
    ex.hardware.trace_format = fixed_point::format(true, 4, 20);
    ex.hardware.lut_size = 512;
    CHECK(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::pair) == "wide");
    CHECK(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::engine) == "reference");
    ex.hardware.lut_size = 256;
    CHECK(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::engine) == "spinnaker");
    // Widths no configuration has (u3 weights): the pair unit names them, the engine runs them.
    ex.hardware.weight_bits = 3;
    CHECK_THROWS_WITH(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::pair),
                      Catch::Contains("no verilated RTL configuration implements these [hardware] widths: weights u3"));
    CHECK(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::engine) == "spinnaker");
    // Tables deeper than any verilated engine's: refused naming lut_size.
    ex.hardware.lut_size = 8192;
    CHECK_THROWS_WITH(cosim::rtl_configuration_for(ex, cosim::rtl_unit_kind::engine),
                      Catch::Contains("hardware.lut_size = 8192") && Catch::Contains("reference 4096"));
}
