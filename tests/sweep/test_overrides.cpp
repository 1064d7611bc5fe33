// load_experiment_with_overrides(): key paths, typing, and errors.

#include <catch2/catch.hpp>

#include "experiment/load_experiment.hpp"
#include "experiment/load_with_overrides.hpp"

namespace plasticore {
namespace {

const std::string song = std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml";

const stdp_pair_params& stdp_of(const experiment& e, std::size_t k) {
    return std::get<stdp_pair_params>(e.projections.at(k).plasticity);
}

TEST_CASE("no overrides loads exactly like load_experiment", "[sweep]") {
    const experiment a = load_experiment(song);
    const experiment b = load_experiment_with_overrides(song, {});
    const experiment c = load_experiment_with_overrides(song, {{"simulation.seed", "1"}});  // rewritten document
    for (const auto* e: {&b, &c}) {
        CHECK(e->simulation.duration == a.simulation.duration);
        CHECK(e->simulation.dt == a.simulation.dt);
        CHECK(stdp_of(*e, 0).a_plus == stdp_of(a, 0).a_plus);
        CHECK(stdp_of(*e, 0).a_minus == stdp_of(a, 0).a_minus);
        CHECK(e->source_path == song);
    }
}

TEST_CASE("overrides reach tables, arrays of tables by index and by name", "[sweep]") {
    const experiment e = load_experiment_with_overrides(
        song, {{"simulation.duration_ms", "500"},  // an integer for a float key
               {"projection[0].plasticity.a_plus", "0.02"},
               {"projection.inputs_to_post.plasticity.a_minus", "0.03"},
               {"population.post.tau_m_ms", "12.5"},
               {"source[0].rate_hz", "7"},
               {"record.weights[0].interval_ms", "100"},
               {"hardware.weight_bits", "7"},  // [hardware] is created
               {"hardware.weight_rounding", "floor"}});
    CHECK(e.simulation.duration == 500.0);
    CHECK(stdp_of(e, 0).a_plus == 0.02);
    CHECK(stdp_of(e, 0).a_minus == 0.03);
    CHECK(e.populations.at(0).lif.tau_m == 12.5);
    CHECK(std::get<poisson_source>(e.sources.at(0).kind).rate == 7.0);
    CHECK(e.record.weights.at(0).interval == 100.0);
    CHECK(e.hardware.weight_bits == 7);
    CHECK(e.hardware.weight_rounding == fixed_point::rounding::floor);
    // Later overrides of the same key win.
    CHECK(load_experiment_with_overrides(song, {{"simulation.seed", "3"}, {"simulation.seed", "4"}}).simulation.seed == 4);
}

TEST_CASE("bad key paths and values name the override", "[sweep]") {
    auto load = [](const std::string& k, const std::string& v) { return load_experiment_with_overrides(song, {{k, v}}); };
    CHECK_THROWS_WITH(load("projection.nope.plasticity.a_plus", "0.1"),
                      Catch::Contains("projection.nope.plasticity.a_plus") && Catch::Contains("no projection named 'nope'") &&
                          Catch::Contains("inputs_to_post"));
    CHECK_THROWS_WITH(load("projection[5].plasticity.a_plus", "0.1"), Catch::Contains("out of range"));
    CHECK_THROWS_WITH(load("projection", "1"), Catch::Contains("only single values"));
    CHECK_THROWS_WITH(load("simulation", "1"), Catch::Contains("names a table"));
    CHECK_THROWS_WITH(load("simulation.dt_ms.x", "1"), Catch::Contains("is a value, not a table"));
    CHECK_THROWS_WITH(load("simulation[0].dt_ms", "1"), Catch::Contains("not an array of tables"));
    CHECK_THROWS_WITH(load("simulation.duration_ms", "long"), Catch::Contains("expected a number, got 'long'"));
    CHECK_THROWS_WITH(load("simulation.dur ation", "1"), Catch::Contains("not a bare TOML key"));
    // Unknown keys are rejected by the loader, which names them.
    CHECK_THROWS_WITH(load("simulation.durration_ms", "1"), Catch::Contains("durration_ms"));
    CHECK_THROWS_WITH(load("hardware.wieght_bits", "4"), Catch::Contains("wieght_bits"));
    CHECK_THROWS_WITH(load("hardwre.weight_bits", "4"), Catch::Contains("hardwre"));
    CHECK_THROWS_WITH(load("hardware.weight_bits", "40"), Catch::Contains("weight_bits") && Catch::Contains("with overrides"));
}

}  // namespace
}  // namespace plasticore
