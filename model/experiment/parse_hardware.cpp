// [hardware]: number formats and modes of the bit-true datapath (docs/datapath.md). A preset
// (hardware.preset) supplies every key; keys written in the file override it. Values taken
// from a preset are checked like the file's own, with messages pointing into the preset.

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include <experiment/section_keys.hpp>
#include <experiment/sections.hpp>

#include "config/hardware_config.hpp"

namespace plasticore {
namespace detail {

namespace {
namespace fp = fixed_point;

// The file's [hardware] table over the preset's keys.
struct layered_reader {
    const table_reader& file;
    const table_reader& preset;

    const table_reader* source(std::string_view key) const {
        if (file.has(key)) return &file;
        if (preset.has(key)) return &preset;
        return nullptr;
    }
};

fp::format read_format(const layered_reader& l, std::string_view key, fp::format value) {
    const table_reader* r = l.source(key);
    if (!r) return value;
    const std::string text = r->string(key);
    try {
        return fp::format::parse(text);
    }
    catch (const std::invalid_argument& err) {
        // The library says what is wrong: the syntax, or a width beyond its limits.
        std::string why = err.what();
        if (why.rfind("format: ", 0) == 0) why = why.substr(8);
        r->fail(key, why);
    }
}

const std::vector<std::string_view> rounding_names = {"floor", "nearest", "stochastic", "toward_zero",
                                                      "nearest_up", "nearest_even"};
const fp::rounding rounding_values[] = {fp::rounding::floor, fp::rounding::nearest_even,
                                        fp::rounding::stochastic, fp::rounding::toward_zero,
                                        fp::rounding::nearest_up, fp::rounding::nearest_even};

fp::rounding read_rounding(const layered_reader& l, std::string_view key, fp::rounding value) {
    const table_reader* r = l.source(key);
    return r ? rounding_values[r->choice(key, rounding_names)] : value;
}

fp::overflow_mode read_overflow(const layered_reader& l, std::string_view key, fp::overflow_mode value) {
    const table_reader* r = l.source(key);
    if (!r) return value;
    return r->choice(key, {"saturate", "wrap"}) == 0 ? fp::overflow_mode::saturate : fp::overflow_mode::wrap;
}

int read_int(const layered_reader& l, std::string_view key, int value, int lo, int hi) {
    const table_reader* r = l.source(key);
    if (!r) return value;
    return r->integer_in(key, lo, hi);
}

}  // namespace

void parse_hardware(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader file(ctx, to_table(ctx, node, "hardware"), "hardware");
    file.allow_only(hardware_keys());
    fixed::hardware_config h;
    if (file.has("preset")) {
        std::vector<std::string_view> names = fixed::preset_names();
        h.preset = fixed::preset_names()[file.choice("preset", names)];
    }
    const std::string preset_source = "preset:" + h.preset;
    load_context preset_ctx{preset_source, ctx.base_dir};
    toml::table preset_table;
    try {
        preset_table = toml::parse(fixed::preset_text(h.preset), std::string_view(preset_source));
    }
    catch (const toml::parse_error& err) {
        fail_at(preset_ctx, err.source(), "hardware.preset", "preset is not valid TOML: " +
                std::string(err.description()));
    }
    table_reader preset(preset_ctx, preset_table, "hardware");
    preset.allow_only(hardware_keys());
    const layered_reader l{file, preset};

    h.v_format = read_format(l, "v_format", h.v_format);
    h.current_format = read_format(l, "current_format", h.current_format);
    h.propagator_format = read_format(l, "propagator_format", h.propagator_format);
    h.gain_format = read_format(l, "gain_format", h.gain_format);
    h.trace_format = read_format(l, "trace_format", h.trace_format);
    if (auto r = l.source("v_format")) r->check(h.v_format.is_signed(), "v_format", "must be signed (s...)");
    if (auto r = l.source("current_format"))
        r->check(h.current_format.is_signed(), "current_format", "must be signed (s...)");
    if (auto r = l.source("trace_format")) {
        r->check(h.trace_format.is_signed() && h.trace_format.int_bits() >= 1, "trace_format",
                 "must be signed with at least 1 integer bit, to hold the impulse 1.0");
        r->check(h.trace_format.frac_bits() <= 48, "trace_format", "must have at most 48 fraction bits");
    }
    h.v_overflow = read_overflow(l, "v_overflow", h.v_overflow);
    h.current_overflow = read_overflow(l, "current_overflow", h.current_overflow);
    h.ring_buffer_overflow = read_overflow(l, "ring_buffer_overflow", h.ring_buffer_overflow);
    h.trace_overflow = read_overflow(l, "trace_overflow", h.trace_overflow);
    h.product_rounding = read_rounding(l, "product_rounding", h.product_rounding);
    h.weight_rounding = read_rounding(l, "weight_rounding", h.weight_rounding);
    if (auto r = l.source("lut_rounding")) {
        h.lut_rounding = r->choice("lut_rounding", {"floor", "nearest"}) == 0 ? fp::rounding::floor
                                                                              : fp::rounding::nearest_even;
    }
    h.weight_bits = read_int(l, "weight_bits", h.weight_bits, 2, 32);
    h.weight_guard_bits = read_int(l, "weight_guard_bits", h.weight_guard_bits, 0, 16);
    h.ring_buffer_bits = read_int(l, "ring_buffer_bits", h.ring_buffer_bits, 2, 62);
    if (h.ring_buffer_bits < h.weight_bits) {
        const std::string what = fmt::format(
            "ring_buffer_bits ({}) must be at least weight_bits ({}) so that one weight fits",
            h.ring_buffer_bits, h.weight_bits);
        const table_reader* r = file.has("ring_buffer_bits") ? &file : l.source("weight_bits");
        (r ? r : &file)->fail(r == &file && file.has("ring_buffer_bits") ? "ring_buffer_bits" : "weight_bits", what);
    }
    if (auto r = l.source("input_shift")) {
        h.input_shift = r->choice("input_shift", {"w_max", "expected_input"}) == 0
                            ? fixed::input_shift_rule::w_max
                            : fixed::input_shift_rule::expected_input;
    }
    if (auto r = l.source("input_sigma")) {
        h.input_sigma = r->number("input_sigma");
        r->check(std::isfinite(h.input_sigma) && h.input_sigma > 0, "input_sigma", "must be a finite number > 0");
    }
    if (auto r = l.source("input_rate_hz")) {
        h.input_rate_hz = r->number("input_rate_hz");
        r->check(std::isfinite(h.input_rate_hz) && h.input_rate_hz >= 0, "input_rate_hz",
                 "must be a finite rate >= 0 [Hz]");
    }
    if (auto r = l.source("trace_decay")) {
        h.trace_decay = r->choice("trace_decay", {"lut", "multiply"}) == 0 ? fixed::trace_decay_kind::lut
                                                                           : fixed::trace_decay_kind::multiply;
    }
    h.lut_size = read_int(l, "lut_size", h.lut_size, 2, 65536);
    h.post_history = read_int(l, "post_history", h.post_history, 1, 1024);
    h.seed_unit = static_cast<std::uint32_t>(read_int(l, "seed_unit", 0, 0, 1 << 30));
    h.eligibility_format = read_format(l, "eligibility_format", h.eligibility_format);
    if (auto r = l.source("eligibility_format"))
        r->check(h.eligibility_format.is_signed(), "eligibility_format", "must be signed (s...): eligibility has a sign");
    h.eligibility_overflow = read_overflow(l, "eligibility_overflow", h.eligibility_overflow);
    h.modulator_format = read_format(l, "modulator_format", h.modulator_format);
    h.modulator_history = read_int(l, "modulator_history", h.modulator_history, 1, 1024);
    h.oscillator_phase_bits = read_int(l, "oscillator_phase_bits", h.oscillator_phase_bits, 8, 48);
    h.oscillator_table_bits = read_int(l, "oscillator_table_bits", h.oscillator_table_bits, 2, 16);
    if (h.oscillator_table_bits >= h.oscillator_phase_bits) {
        const table_reader* r = l.source("oscillator_table_bits");
        (r ? r : &file)->fail("oscillator_table_bits",
                              fmt::format("must be less than oscillator_phase_bits ({})", h.oscillator_phase_bits));
    }
    h.oscillator_sine_format = read_format(l, "oscillator_sine_format", h.oscillator_sine_format);
    if (auto r = l.source("oscillator_sine_format")) {
        r->check(h.oscillator_sine_format.is_signed() && h.oscillator_sine_format.int_bits() >= 1,
                 "oscillator_sine_format", "must be signed with at least 1 integer bit, to hold sin = 1.0");
        r->check(h.oscillator_sine_format.frac_bits() <= 30, "oscillator_sine_format",
                 "must have at most 30 fraction bits");
    }
    h.ip_rate_format = read_format(l, "ip_rate_format", h.ip_rate_format);
    h.ip_threshold_format = read_format(l, "ip_threshold_format", h.ip_threshold_format);
    if (auto r = l.source("ip_threshold_format"))
        r->check(h.ip_threshold_format.is_signed(), "ip_threshold_format",
                 "must be signed (s...): the threshold offset moves both ways");
    e.hardware = h;
}

}  // namespace detail

const std::vector<std::string_view>& hardware_keys() {
    static const std::vector<std::string_view> keys = {
        "preset", "v_format", "current_format", "propagator_format", "gain_format", "v_overflow",
        "current_overflow", "product_rounding", "weight_bits", "weight_guard_bits", "weight_rounding",
        "ring_buffer_bits", "ring_buffer_overflow", "input_shift", "input_sigma", "input_rate_hz", "trace_format", "trace_overflow", "trace_decay",
        "lut_rounding", "lut_size", "post_history", "seed_unit", "eligibility_format", "eligibility_overflow",
        "modulator_format", "modulator_history", "oscillator_phase_bits", "oscillator_table_bits",
        "oscillator_sine_format", "ip_rate_format", "ip_threshold_format"};
    return keys;
}

}  // namespace plasticore
