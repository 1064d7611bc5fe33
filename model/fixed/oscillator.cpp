#include "fixed/oscillator.hpp"

#include <cmath>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

std::vector<std::int64_t> make_sine_table(const hardware_config& h) {
    const std::size_t size = std::size_t{1} << h.oscillator_table_bits;
    std::vector<std::int64_t> table(size);
    fp::overflow_counter c;  // sin fits: the format holds 1.0 (parse_hardware)
    const double two_pi = 2.0 * std::acos(-1.0);
    for (std::size_t i = 0; i < size; ++i) {
        const double x = std::sin(two_pi * static_cast<double>(i) / static_cast<double>(size));
        table[i] = fp::from_double(x, {h.oscillator_sine_format, fp::rounding::nearest_even, fp::overflow_mode::saturate}, c).raw;
    }
    return table;
}

namespace {
// round(x 2^bits) mod 2^bits, for |x| <= 1 and bits <= 48 (exact in double before rounding).
std::uint64_t turns_to_phase(double turns, int bits) {
    const auto r = static_cast<std::int64_t>(std::nearbyint(std::ldexp(turns, bits)));
    return static_cast<std::uint64_t>(r) & ((std::uint64_t{1} << bits) - 1);
}
}  // namespace

sine_oscillator::sine_oscillator(double amplitude_na, double frequency_hz, double phase_deg, double dt_ms,
                                 std::int64_t first_step, const hardware_config& h, const std::string& name,
                                 std::vector<std::string>& warnings):
    first_step_(first_step),
    phase_bits_(h.oscillator_phase_bits),
    table_bits_(h.oscillator_table_bits),
    mask_((std::uint64_t{1} << h.oscillator_phase_bits) - 1),
    phase0_(turns_to_phase(phase_deg / 360.0, h.oscillator_phase_bits)),
    increment_(turns_to_phase(frequency_hz * dt_ms / 1000.0, h.oscillator_phase_bits)),
    amplitude_(host_constant(amplitude_na, h.current_format, constant_role::value,
                             "stimulation '" + name + "': amplitude_na", "current_format", warnings)),
    sine_format_(h.oscillator_sine_format),
    out_{h.current_format, h.product_rounding, h.current_overflow} {
    if (increment_ == 0)
        warnings.push_back("stimulation '" + name + "': frequency_hz rounds to a phase increment of 0 in " +
                           std::to_string(h.oscillator_phase_bits) +
                           " bits (hardware.oscillator_phase_bits): the oscillator stands still");
}

}  // namespace plasticore::fixed
