#include "config/hardware_config.hpp"

#include <sstream>

#include "config/presets_data.hpp"

namespace plasticore::fixed {

std::string describe(const hardware_config& h) {
    std::ostringstream o;
    o << "preset " << h.preset << ": v " << h.v_format << " (" << h.v_overflow << "), I "
      << h.current_format << " (" << h.current_overflow << "), decays " << h.propagator_format
      << ", gains " << h.gain_format << ", products " << h.product_rounding << ", weights u"
      << h.weight_bits << " +" << h.weight_guard_bits << " guard, write-back "
      << h.weight_rounding << ", input slot u" << h.ring_buffer_bits << " ("
      << h.ring_buffer_overflow << "), traces " << h.trace_format << " by "
      << (h.trace_decay == trace_decay_kind::lut ? "lut" : "multiply") << " ("
      << h.lut_rounding << ", <= " << h.lut_size << " entries), post history "
      << h.post_history << ", eligibility " << h.eligibility_format << " (" << h.eligibility_overflow
      << "), modulator " << h.modulator_format << " x " << h.modulator_history;
    // Only the non-default rule is named, so that the reference description stays as it was.
    if (h.input_shift == input_shift_rule::expected_input)
        o << ", input shift from the expected input (sigma " << h.input_sigma << ", population rate "
          << h.input_rate_hz << " Hz)";
    return o.str();
}

const std::vector<std::string_view>& preset_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (std::size_t k = 0; k < detail::preset_count; ++k) out.push_back(detail::preset_table[k].name);
        return out;
    }();
    return names;
}

std::string_view preset_text(std::string_view name) {
    for (std::size_t k = 0; k < detail::preset_count; ++k)
        if (detail::preset_table[k].name == name) return detail::preset_table[k].text;
    return {};
}

}  // namespace plasticore::fixed
