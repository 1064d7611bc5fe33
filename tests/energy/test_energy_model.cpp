// The arithmetic of the energy and area estimate (model/energy, docs/energy.md): the cited
// points are reproduced exactly, interpolation lies between them, and every count of an
// activity contributes its own term (a term dropped or counted twice changes the total).
#include <catch2/catch.hpp>

#include <cmath>

#include "energy/energy_model.hpp"

using namespace plasticore::energy;

namespace {
// Every arithmetic energy 1 pJ at every width, every 64-bit SRAM access 1 pJ at every size:
// the estimate then counts operations, so the expected totals can be written out by hand.
energy_config flat() {
    energy_config c;
    c.add8_pj = c.add32_pj = c.mul8_pj = c.mul32_pj = 1.0;
    c.sram_8kb_pj = c.sram_32kb_pj = c.sram_1mb_pj = 1.0;
    c.sram_write_ratio = 1.0;
    return c;
}
constexpr std::uint64_t kb = 8 * 1024;  // bits
}  // namespace

TEST_CASE("the Horowitz 45 nm points are reproduced and interpolated log-log", "[unit]") {
    const energy_config c;  // 45 nm defaults
    CHECK(add_pj(c, 8) == Approx(0.03));
    CHECK(add_pj(c, 32) == Approx(0.1));
    CHECK(mul_pj(c, 8, 8) == Approx(0.2));
    CHECK(mul_pj(c, 32, 32) == Approx(3.1));
    CHECK(add_pj(c, 16) == Approx(std::sqrt(0.03 * 0.1)));  // geometric mean: halfway in log
    CHECK(mul_pj(c, 8, 32) == Approx(std::sqrt(0.2 * 3.1)));
    CHECK(sram_read_pj(c, 8 * kb, 64) == Approx(10.0));
    CHECK(sram_read_pj(c, 32 * kb, 64) == Approx(20.0));
    CHECK(sram_read_pj(c, 1024 * kb, 64) == Approx(100.0));
    CHECK(sram_read_pj(c, 32 * kb, 32) == Approx(10.0));  // half the word, half the energy
    CHECK(sram_read_pj(c, 16 * kb, 64) == Approx(std::sqrt(10.0 * 20.0)));
    CHECK(sram_read_pj(c, 4 * kb, 64) < 10.0);  // extrapolated below 8 KB
    CHECK(sram_read_pj(c, 64, 64) == sram_read_pj(c, 1, 64));  // never below one word
    CHECK(sram_read_pj(c, 8 * kb, 0) == 0.0);
    CHECK(sram_area_mm2(c, 1000000) == Approx(1e6 * 0.346 / 0.5 * 1e-6));
}

TEST_CASE("every count of an activity contributes its own term", "[unit]") {
    const energy_config c = flat();
    activity a;
    a.memories = {{"m1", 3, 2, 8 * kb, 32}, {"m2", 5, 0, 64 * kb, 64}};
    a.neuron_updates = 7;
    a.synaptic_events = 11;
    a.plasticity_transactions = 13;
    a.generator_draws = 17;
    a.aer_events = 19;
    a.fifo_depth = 64;
    a.aer_word_bits = 16;
    const auto e = estimate_energy(c, a);
    // Written out: memories (3 + 2) * 32/64 and 5 * 1; neuron update 6 products + 6 adds;
    // accumulate 1 add; plasticity 2 products + 2 adds; draw 3 adds; AER write + read of 16/64.
    CHECK(e.of("m1") == Approx(5 * 0.5));
    CHECK(e.of("m2") == Approx(5.0));
    CHECK(e.of("neuron_arithmetic") == Approx(7 * 12.0));
    CHECK(e.of("synaptic_arithmetic") == Approx(11 * 1.0));
    CHECK(e.of("plasticity_arithmetic") == Approx(13 * 4.0));
    CHECK(e.of("generator") == Approx(17 * 3.0));
    CHECK(e.of("aer_fifo") == Approx(19 * 2 * 0.25));
    const double total = 2.5 + 5 + 84 + 11 + 52 + 51 + 9.5;
    CHECK(e.total_pj == Approx(total));
    CHECK(e.per_synaptic_event_pj() == Approx(total / 11));
    double sum = 0;
    for (const auto& k: e.components) sum += k.pj;
    CHECK(sum == Approx(e.total_pj));
    const auto j = e.to_json(c, unit_energies_of(c, a));
    CHECK(j["total_uj"].get<double>() == Approx(total * 1e-6));
    CHECK(j["dominant_component"] == "neuron_arithmetic");
    CHECK(j["components_pj"].size() == e.components.size());
}

TEST_CASE("writes cost sram_write_ratio times a read", "[unit]") {
    energy_config c = flat();
    c.sram_write_ratio = 3.0;
    activity a;
    a.memories = {{"m", 2, 5, 8 * kb, 64}};
    CHECK(estimate_energy(c, a).of("m") == Approx(2 + 5 * 3.0));
}

TEST_CASE("wider datapaths cost more per neuron update and per transaction", "[unit]") {
    const energy_config c;
    activity narrow, wide;
    narrow.v_bits = narrow.current_bits = narrow.propagator_bits = narrow.gain_bits = 8;
    narrow.trace_bits = 8;
    narrow.weight_work_bits = 4;
    const auto un = unit_energies_of(c, narrow), uw = unit_energies_of(c, wide);
    CHECK(un.neuron_update == Approx(6 * 0.2 + 6 * 0.03));
    CHECK(uw.neuron_update == Approx(6 * 3.1 + 6 * 0.1));
    CHECK(un.plasticity_transaction < uw.plasticity_transaction);
}

TEST_CASE("every Yosys cell of rtl/synth/cells.csv converts to NAND2 equivalents", "[unit]") {
    const auto& units = synthesised_units();
    REQUIRE(units.size() >= 4);
    CHECK(units.front().configuration == "reference");
    CHECK(units.front().weight_bits == 16);
    CHECK(units.front().memory_bits == 131072);
    for (const auto& u: units)
        for (const auto& [type, count]: u.cells) CHECK_NOTHROW(nand2_equivalents(type));
    CHECK(nand2_equivalents("$_NAND_") == 1.0);
    CHECK(nand2_equivalents("$_NOT_") < 1.0);
    CHECK(nand2_equivalents("$_DFFE_PN0P_") > nand2_equivalents("$_DFFE_PN_"));
    CHECK(nand2_equivalents("$_DFFE_PN_") > nand2_equivalents("$_DFF_P_"));
    CHECK_THROWS_AS(nand2_equivalents("$_BOGUS_"), std::invalid_argument);
}

TEST_CASE("area: memories from their bits, logic from the unit's cells", "[unit]") {
    energy_config c;
    c.sram_bitcell_um2 = 1.0;
    c.sram_array_efficiency = 0.5;
    c.nand2_um2 = 2.0;
    activity a;
    a.memories = {{"m", 0, 0, 1000, 8}};
    a.fifo_depth = 10;
    a.aer_word_bits = 10;
    a.decay_table_bits = 300;
    synthesised_unit u;
    u.configuration = "test";
    u.cells = {{"$_NAND_", 100}, {"$_NOR_", 50}};
    const auto r = estimate_area(c, a, u, true);
    CHECK(r.blocks.size() == 4);
    CHECK(r.total_mm2 == Approx((1000 + 100 + 300) * 2.0 * 1e-6 + 150 * 2.0 * 1e-6));
    const auto j = r.to_json();
    CHECK(j["blocks_mm2"]["synapse_update_logic"].get<double>() == Approx(300e-6));
    CHECK(j["blocks_mm2"]["aer_fifo"].get<double>() == Approx(200e-6));
}
