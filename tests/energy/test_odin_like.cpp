// The ODIN-like validation (docs/energy.md): examples/odin_like.toml on the SystemC core with
// the 28 nm technology point lands within a factor of two of ODIN's published 12.7 pJ per
// synaptic operation (Frenkel et al., IEEE TBioCAS 2019). Prints the measured ratio and the
// area beside ODIN's 0.086 mm^2.
#include <catch2/catch.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "core/core_model.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

TEST_CASE("ODIN-like estimate per synaptic operation is within 2x of 12.7 pJ", "[systemc]") {
    const experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/odin_like.toml");
    REQUIRE(ex.energy.technology == "28nm");
    REQUIRE(ex.hardware.preset == "odin-like");
    REQUIRE(ex.hardware.weight_bits == 3);
    REQUIRE(ex.hardware.v_format.width() == 8);
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result res = core::run(ex, stim, net);
    const auto e = nlohmann::json::parse(res.energy_report);
    const auto a = nlohmann::json::parse(res.area_report);
    const auto core = nlohmann::json::parse(res.core_report);
    // Every synapse of the 256 x 256 crossbar is one word of the synapse SRAM.
    REQUIRE(core["memories"]["synapse_sram"]["bits"].get<std::uint64_t>() % (256 * 256) == 0);
    const double per_sop = e["per_synaptic_event_pj"].get<double>();
    const double ratio = per_sop / 12.7;
    std::cout << "ODIN-like: " << per_sop << " pJ per synaptic operation, " << ratio
              << " x ODIN's 12.7 pJ (largest term " << e["dominant_component"].get<std::string>() << "); area "
              << a["total_mm2"].get<double>() << " mm^2, " << a["total_mm2"].get<double>() / 0.086
              << " x ODIN's 0.086 mm^2\n";
    CHECK(e["synaptic_events"].get<std::uint64_t>() > 100000);
    CHECK(ratio > 0.5);
    CHECK(ratio < 2.0);
}
