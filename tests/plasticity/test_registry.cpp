// The rule registry: every rule's declaration is complete and consistent, and every consumer
// that reads declarations (loader, validate's description, plasticore rules, the Brian2 code of
// plasticity.json, sweep overrides, the result summary) handles every rule. Nothing here names
// a rule: a rule added to model/plasticity/rules.hpp is tested as it lands.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>
#include <set>

#include "experiment/describe.hpp"
#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"
#include "experiment/load_with_overrides.hpp"
#include "plasticity/rules.hpp"
#include "results/plasticity_json.hpp"
#include "results/write_results.hpp"
#include "rule_network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {
// The [hardware] keys that hold number formats or widths (model/experiment/parse_hardware.cpp).
const std::set<std::string> hardware_format_keys = {"weight_bits", "trace_format", "eligibility_format",
                                                    "modulator_format", "v_format", "current_format"};

const projection& plastic_projection(const experiment& ex) { return ex.projections.front(); }
}  // namespace

TEST_CASE("every declaration is complete: unique keys, units, defaults inside their ranges, state formats") {
    REQUIRE(plasticity::rules().size() == plasticity::all_rules::size);
    std::set<std::string> names;
    for (const auto& r: plasticity::rules()) {
        INFO("rule " << r.name);
        CHECK(names.insert(r.name).second);
        CHECK(!r.summary.empty());
        CHECK(!r.reference.empty());
        // A rule acts at presynaptic arrivals or periodically (synaptic scaling: only periodically).
        CHECK((r.events & (plasticity::pre_arrival | plasticity::periodic)) != 0);
        std::set<std::string> keys;
        bool has_w_min = false, has_w_max = false;
        for (const auto& p: r.params) {
            INFO("parameter " << p.key);
            CHECK(keys.insert(p.key).second);
            CHECK(p.key != "rule");
            CHECK(!p.description.empty());
            if (p.kind == plasticity::param_kind::number) CHECK(!p.unit.empty());
            if (p.kind == plasticity::param_kind::choice) CHECK(p.choices.size() >= 2);
            has_w_min |= p.key == "w_min_na";
            has_w_max |= p.key == "w_max_na";
        }
        CHECK(has_w_min);
        CHECK(has_w_max);
        for (const auto& s: r.state) {
            INFO("state " << s.name);
            CHECK(hardware_format_keys.count(std::string(s.format_key)) == 1);
        }
        // A rule that listens to a modulator declares a source parameter, and the reverse.
        const bool source = std::any_of(r.params.begin(), r.params.end(),
                                        [](const auto& p) { return p.kind == plasticity::param_kind::source_ref; });
        CHECK(source == ((r.events & plasticity::modulator) != 0));
    }
}

TEST_CASE("the loader reads every rule from its declaration: defaults, every key, range errors naming the key") {
    for (const auto& r: plasticity::rules()) {
        INFO("rule " << r.name);
        const std::string text = test::rule_network(r);
        const experiment ex = load_experiment_from_string(text, "rule.toml");
        const projection& pr = plastic_projection(ex);
        REQUIRE(plasticity::is_plastic(pr.plasticity));
        CHECK(plasticity::rule_name(pr.plasticity) == r.name);
        const auto values = plasticity::values(pr.plasticity);
        REQUIRE(values.size() == r.params.size());
        for (std::size_t i = 0; i < r.params.size(); ++i) {
            const auto& p = r.params[i];
            INFO("parameter " << p.key);
            CHECK(values[i].first == p.key);
            if (p.key != "w_min_na" && p.key != "w_max_na" && p.kind != plasticity::param_kind::source_ref)
                CHECK(values[i].second == p.default_text);  // untouched keys keep their defaults
        }
        // Every number key: a value outside its range is an error at that key's position.
        for (const auto& p: r.params) {
            // (the bounds are written in the file already; w_min_na's range is checked below)
            if (p.kind != plasticity::param_kind::number || p.key == "w_max_na" || p.key == "w_min_na") continue;
            INFO("parameter " << p.key);
            const std::string bad = "[projection.plasticity]\nrule = \"" + r.name + "\"\n";
            std::string edited = text;
            const auto at = edited.find(bad);
            REQUIRE(at != std::string::npos);
            edited.insert(at + bad.size(), p.key + " = -1.0e9\n");
            try {
                load_experiment_from_string(edited, "rule.toml");
                FAIL("accepted " << p.key << " = -1e9");
            }
            catch (const experiment_error& e) {
                const std::string what = e.what();
                CHECK(what.find(p.key) != std::string::npos);
                CHECK(what.find("rule.toml:") != std::string::npos);
                CHECK(what.find(p.allowed) != std::string::npos);
            }
        }
        // A negative lower bound is refused at its key.
        std::string negative = text;
        negative.replace(negative.find("w_min_na = 0.0\n"), 15, "w_min_na = -0.5\n");
        CHECK_THROWS_WITH(load_experiment_from_string(negative, "rule.toml"),
                          Catch::Contains("w_min_na") && Catch::Contains(">= 0"));
        // An unknown key is refused with the rule's keys as suggestions.
        std::string typo = text;
        typo.insert(typo.find("w_min_na = 0.0\n"), "w_mni_na = 0.0\n");
        CHECK_THROWS_WITH(load_experiment_from_string(typo, "rule.toml"), Catch::Contains("w_min_na"));
    }
}

TEST_CASE("sweep overrides reach every number parameter of every rule") {
    for (const auto& r: plasticity::rules()) {
        INFO("rule " << r.name);
        const std::string text = test::rule_network(r);
        for (const auto& p: r.params) {
            if (p.kind != plasticity::param_kind::number || p.key == "w_min_na" || p.key == "w_max_na") continue;
            INFO("parameter " << p.key);
            const experiment ex = load_experiment_from_string_with_overrides(
                text, "rule.toml", ".", {{"projection[0].plasticity." + p.key, "0.75"}});
            bool found = false;
            for (const auto& [key, value]: plasticity::values(plastic_projection(ex).plasticity))
                if (key == p.key) found = value == "0.75";
            CHECK(found);
        }
    }
}

TEST_CASE("describe, plasticore rules and plasticity.json cover every rule") {
    for (const auto& r: plasticity::rules()) {
        INFO("rule " << r.name);
        const experiment ex = load_experiment_from_string(test::rule_network(r), "rule.toml");
        const std::string text = describe(ex);
        CHECK(text.find(r.name) != std::string::npos);
        for (const auto& p: r.params) CHECK(text.find(p.key) != std::string::npos);

        bool listed = false;
        for (const auto& j: rules_json()) listed |= j["name"] == r.name && j["parameters"].size() == r.params.size();
        CHECK(listed);

        const auto pj = plasticity_json(ex, generate_stimulus(ex));
        const auto& b = pj["projections"]["in_a"]["brian2"];
        CHECK(b["on_pre"].get<std::string>().empty() == ((r.events & plasticity::pre_arrival) == 0));
        CHECK(!b["on_post"].get<std::string>().empty());
        CHECK(b["periodic"].get<std::string>().empty() == ((r.events & plasticity::periodic) == 0));
        if (r.events & plasticity::periodic) CHECK(b["namespace"].contains("period"));
        CHECK(b["on_modulator"].get<std::string>().empty() == ((r.events & plasticity::modulator) == 0));
        // Every name the Brian2 code uses from the namespace is defined there.
        for (const auto& [name, value]: b["namespace"].items()) CHECK(!value.get<std::string>().empty());
        if (r.events & plasticity::modulator) CHECK(pj["modulators"]["reward"]["steps"].size() == 3);
    }
}

TEST_CASE("the summary's near-bound statistics exist for every rule") {
    for (const auto& r: plasticity::rules()) {
        INFO("rule " << r.name);
        const experiment ex = load_experiment_from_string(test::rule_network(r), "rule.toml");
        run_result res;
        res.model = "golden";
        res.dt = ex.simulation.dt;
        res.steps = 1;
        res.final_weights.assign(ex.projections.size(), {0.0, 0.5, 1.0});
        const auto j = summary_json(ex, res);
        CHECK(j["projections"]["in_a"]["fraction_near_w_min"].get<double>() == Approx(1.0 / 3.0));
        CHECK(j["projections"]["in_a"]["fraction_near_w_max"].get<double>() == Approx(1.0 / 3.0));
        CHECK(!j["projections"]["in_b"].contains("fraction_near_w_min"));  // static
    }
}
