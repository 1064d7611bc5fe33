// The [hardware] section: defaults, presets as data, explicit keys over a preset, errors in
// the loader's format (file:line:col: key: message (got value)).
#include <catch2/catch.hpp>

#include "experiment/experiment_error.hpp"
#include "config/hardware_config.hpp"
#include "fixed_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;
namespace fp = plasticore::fixed_point;

namespace {
const std::string sim = "[simulation]\ndt_ms = 1.0\nduration_ms = 10.0\n";

fixed::hardware_config hw(const std::string& keys) { return load_text(sim + "[hardware]\n" + keys).hardware; }

bool same(const fixed::hardware_config& a, const fixed::hardware_config& b) {
    return a.v_format == b.v_format && a.current_format == b.current_format &&
           a.propagator_format == b.propagator_format && a.gain_format == b.gain_format &&
           a.v_overflow == b.v_overflow && a.current_overflow == b.current_overflow &&
           a.product_rounding == b.product_rounding && a.weight_bits == b.weight_bits &&
           a.weight_guard_bits == b.weight_guard_bits && a.weight_rounding == b.weight_rounding &&
           a.ring_buffer_bits == b.ring_buffer_bits && a.ring_buffer_overflow == b.ring_buffer_overflow &&
           a.trace_format == b.trace_format && a.trace_overflow == b.trace_overflow &&
           a.trace_decay == b.trace_decay && a.lut_rounding == b.lut_rounding && a.lut_size == b.lut_size &&
           a.post_history == b.post_history && a.seed_unit == b.seed_unit;
}
}  // namespace

TEST_CASE("hardware: no section and the reference preset are the documented defaults") {
    const fixed::hardware_config defaults;
    CHECK(same(load_text(sim).hardware, defaults));
    CHECK(same(hw("preset = \"reference\"\n"), defaults));
    CHECK(fixed::preset_names().size() == 5);
}

TEST_CASE("hardware: the loihi-like preset (24-bit v and u, 12-bit decays, 8-bit weights)") {
    const auto s = hw("preset = \"loihi-like\"\n");
    CHECK(s.preset == "loihi-like");
    CHECK(s.v_format.width() == 24);
    CHECK(s.current_format.width() == 24);
    CHECK(s.propagator_format.width() == 12);
    CHECK(s.v_overflow == fp::overflow_mode::saturate);
    CHECK(s.current_overflow == fp::overflow_mode::wrap);
    CHECK(s.product_rounding == fp::rounding::toward_zero);
    CHECK(s.weight_bits == 8);
    CHECK(s.weight_rounding == fp::rounding::stochastic);
    CHECK(s.trace_format.width() == 8);
}

TEST_CASE("hardware: the odin-like preset (8-bit membrane, 3-bit weights)") {
    const auto s = hw("preset = \"odin-like\"\n");
    CHECK(s.preset == "odin-like");
    CHECK(s.v_format.width() == 8);
    CHECK(s.current_format.width() == 8);
    CHECK(s.weight_bits == 3);
    CHECK(s.weight_guard_bits == 0);
    CHECK(s.ring_buffer_bits == 8);
}

TEST_CASE("hardware: the spinnaker presets") {
    const auto s = hw("preset = \"spinnaker\"\n");
    CHECK(s.preset == "spinnaker");
    CHECK(s.v_format == fp::format::parse("s16.15"));
    CHECK(s.current_format == fp::format::parse("s16.15"));
    CHECK(s.propagator_format == fp::format::parse("u0.32"));
    CHECK(s.trace_format == fp::format::parse("s4.11"));
    CHECK(s.product_rounding == fp::rounding::floor);
    CHECK(s.weight_rounding == fp::rounding::floor);
    CHECK(s.weight_bits == 16);
    CHECK(s.weight_guard_bits == 0);
    CHECK(s.ring_buffer_bits == 16);
    CHECK(s.lut_rounding == fp::rounding::floor);
    CHECK(s.post_history == 16);
    const auto sr = hw("preset = \"spinnaker-sr\"\n");
    CHECK(sr.product_rounding == fp::rounding::stochastic);
    CHECK(sr.weight_rounding == fp::rounding::stochastic);
    CHECK(sr.v_format == s.v_format);
    CHECK(fixed::describe(s).rfind("preset spinnaker: v s16.15", 0) == 0);
}

TEST_CASE("hardware: explicit keys override the preset") {
    const auto h = hw("preset = \"spinnaker\"\nweight_rounding = \"stochastic\"\npost_history = 4\n"
                      "v_format = \"s8.23\"\ntrace_decay = \"multiply\"\nv_overflow = \"wrap\"\n");
    CHECK(h.weight_rounding == fp::rounding::stochastic);
    CHECK(h.product_rounding == fp::rounding::floor);  // from the preset
    CHECK(h.post_history == 4);
    CHECK(h.v_format == fp::format::parse("s8.23"));
    CHECK(h.trace_decay == fixed::trace_decay_kind::multiply);
    CHECK(h.v_overflow == fp::overflow_mode::wrap);
}

TEST_CASE("hardware: errors name file, position, key and value") {
    CHECK_THROWS_WITH(hw("preset = \"spinaker\"\n"),
                      Catch::StartsWith("test.toml:5:10: hardware.preset: must be one of") &&
                          Catch::Contains("(got \"spinaker\")"));
    CHECK_THROWS_WITH(hw("v_format = \"s16\"\n"),
                      Catch::StartsWith("test.toml:5:12: hardware.v_format: \"s16\" has no '.'") &&
                          Catch::Contains("(got \"s16\")"));
    CHECK_THROWS_WITH(hw("weight_bits = 40\n"),
                      Catch::Equals("test.toml:5:15: hardware.weight_bits: must be in [2, 32] (got 40)"));
    CHECK_THROWS_WITH(hw("trace_format = \"u4.11\"\n"), Catch::Contains("hardware.trace_format: must be signed"));
    CHECK_THROWS_WITH(hw("preset = \"spinnaker\"\nweight_bits = 20\n"),
                      Catch::Contains("hardware.weight_bits: ring_buffer_bits (16) must be at least weight_bits (20)"));
    CHECK_THROWS_WITH(hw("weight_rounding = \"up\"\n"), Catch::Contains("hardware.weight_rounding: must be one of"));
    CHECK_THROWS_WITH(hw("lut_sise = 10\n"), Catch::Contains("hardware.lut_sise"));
    // The oscillating-stimulation generator (docs/datapath.md, "Oscillating stimulation").
    CHECK_THROWS_WITH(hw("oscillator_phase_bits = 64\n"),
                      Catch::Equals("test.toml:5:25: hardware.oscillator_phase_bits: must be in [8, 48] (got 64)"));
    CHECK_THROWS_WITH(hw("oscillator_phase_bits = 12\noscillator_table_bits = 12\n"),
                      Catch::StartsWith("test.toml:6:25: hardware.oscillator_table_bits: must be less than oscillator_phase_bits (12)"));
    CHECK_THROWS_WITH(hw("oscillator_sine_format = \"u1.14\"\n"),
                      Catch::Contains("hardware.oscillator_sine_format: must be signed with at least 1 integer bit"));
    CHECK_THROWS_WITH(hw("oscillator_sine_format = \"s0.15\"\n"),
                      Catch::Contains("hardware.oscillator_sine_format: must be signed with at least 1 integer bit"));
    const auto h = hw("oscillator_phase_bits = 20\noscillator_table_bits = 4\noscillator_sine_format = \"s1.6\"\n");
    CHECK(h.oscillator_phase_bits == 20);
    CHECK(h.oscillator_table_bits == 4);
    CHECK(h.oscillator_sine_format == fp::format(true, 1, 6));
    const fixed::hardware_config defaults;
    CHECK(defaults.oscillator_phase_bits == 32);
    CHECK(defaults.oscillator_table_bits == 10);
    CHECK(defaults.oscillator_sine_format == fp::format(true, 1, 14));
}
