// The [energy] table (model/experiment/parse_energy.cpp): technologies, overrides, checks with
// positions, and the built-in 45 nm table equal to energy_config's defaults.
#include <catch2/catch.hpp>

#include <string>

#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"

using namespace plasticore;

namespace {
const std::string base =
    "[simulation]\ndt_ms = 0.1\nduration_ms = 1.0\nseed = 1\n"
    "[[population]]\nname = \"p\"\nsize = 1\ntau_m_ms = 10.0\nc_m_nf = 0.25\nv_rest_mv = -70.0\n"
    "v_reset_mv = -70.0\nv_thresh_mv = -55.0\nt_ref_ms = 2.0\ntau_syn_e_ms = 5.0\ntau_syn_i_ms = 5.0\n";

std::string error_of(const std::string& text) {
    try {
        load_experiment_from_string(text, "e.toml");
    }
    catch (const experiment_error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("without [energy] the 45 nm table applies, equal to energy_config's defaults", "[unit]") {
    const auto ex = load_experiment_from_string(base, "e.toml");
    const energy::energy_config d;
    CHECK(ex.energy.technology == "45nm");
    CHECK(ex.energy.add8_pj == d.add8_pj);
    CHECK(ex.energy.add32_pj == d.add32_pj);
    CHECK(ex.energy.mul8_pj == d.mul8_pj);
    CHECK(ex.energy.mul32_pj == d.mul32_pj);
    CHECK(ex.energy.sram_8kb_pj == d.sram_8kb_pj);
    CHECK(ex.energy.sram_32kb_pj == d.sram_32kb_pj);
    CHECK(ex.energy.sram_1mb_pj == d.sram_1mb_pj);
    CHECK(ex.energy.sram_write_ratio == d.sram_write_ratio);
    CHECK(ex.energy.sram_bitcell_um2 == d.sram_bitcell_um2);
    CHECK(ex.energy.sram_array_efficiency == d.sram_array_efficiency);
    CHECK(ex.energy.nand2_um2 == d.nand2_um2);
}

TEST_CASE("the 28 nm point is the 45 nm table scaled by C V^2", "[unit]") {
    const auto ex = load_experiment_from_string(base + "[energy]\ntechnology = \"28nm\"\n", "e.toml");
    const energy::energy_config d;
    const double f = (28.0 / 45.0) * (0.55 / 0.9) * (0.55 / 0.9);
    CHECK(ex.energy.technology == "28nm");
    CHECK(ex.energy.add8_pj == Approx(d.add8_pj * f).epsilon(1e-4));
    CHECK(ex.energy.mul32_pj == Approx(d.mul32_pj * f).epsilon(1e-4));
    CHECK(ex.energy.sram_32kb_pj == Approx(d.sram_32kb_pj * f).epsilon(1e-4));
    CHECK(ex.energy.sram_1mb_pj == Approx(d.sram_1mb_pj * f).epsilon(1e-4));
    CHECK(ex.energy.nand2_um2 == Approx(d.nand2_um2 * (28.0 / 45.0) * (28.0 / 45.0)).epsilon(1e-4));
}

TEST_CASE("keys of the file override the technology", "[unit]") {
    const auto ex = load_experiment_from_string(base + "[energy]\ntechnology = \"28nm\"\nmul8_pj = 0.04\n", "e.toml");
    CHECK(ex.energy.mul8_pj == 0.04);
    CHECK(ex.energy.add8_pj == Approx(0.006971));
}

TEST_CASE("bad [energy] values are reported at their position", "[unit]") {
    const std::string head = base + "[energy]\n";
    const int line = 17;  // the [energy] keys' line
    CHECK(error_of(head + "technology = \"22nm\"\n").find("e.toml:" + std::to_string(line) + ":") == 0);
    CHECK(error_of(head + "technology = \"22nm\"\n").find("energy.technology") != std::string::npos);
    CHECK(error_of(head + "add8_pj = -1.0\n").find("energy.add8_pj: must be in [0, 1e6]") != std::string::npos);
    CHECK(error_of(head + "sram_array_efficiency = 1.5\n").find("must be in (0, 1]") != std::string::npos);
    CHECK(error_of(head + "mul32_pj = 0.1\n").find("mul8_pj must be positive and less than mul32_pj") != std::string::npos);
    CHECK(error_of(head + "add_pj = 1.0\n").find("energy.add_pj") != std::string::npos);
    CHECK(error_of(head + "add8_pj = \"x\"\n").find("e.toml:17:") == 0);
}
