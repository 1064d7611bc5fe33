#pragma once
// The oscillating (tACS-like) bias generator of the fixed layer (docs/datapath.md,
// "Oscillating stimulation"): one per oscillating stimulation block, approximating the golden
// definition amplitude sin(2 pi f (n - n0) dt + phase) (model/math/oscillation.hpp).
//
//   phase accumulator  phi(n) = phi0 + (n - n0) * delta  mod 2^P   (P = oscillator_phase_bits)
//   table index        i = round(phi / 2^(P - T))  mod 2^T         (T = oscillator_table_bits)
//   current            I = amplitude x table[i]                    (product rounding, current format)
//
// phi0 = round(phase / 360 * 2^P), delta = round(f dt / 1000 * 2^P) and the amplitude (nearest,
// current format) are host constants; table[i] = sin(2 pi i / 2^T), rounded to nearest into
// oscillator_sine_format. The accumulator is written in closed form, which equals adding delta
// once per step (unsigned arithmetic mod 2^64, then mod 2^P), so a layer that skips idle steps
// gets the same values.

#include <cstdint>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

// The full-wave sine table of a hardware configuration: 2^oscillator_table_bits raw entries.
std::vector<std::int64_t> make_sine_table(const hardware_config& h);

class sine_oscillator {
public:
    // Throws std::invalid_argument if the amplitude does not fit the current format; `name` is
    // the stimulation's name, for messages.
    sine_oscillator(double amplitude_na, double frequency_hz, double phase_deg, double dt_ms, std::int64_t first_step,
                    const hardware_config& h, const std::string& name, std::vector<std::string>& warnings);

    // Phase accumulator at step n >= first_step [2^-P cycles].
    std::uint64_t phase_at(std::int64_t n) const {
        const auto m = static_cast<std::uint64_t>(n - first_step_);
        return (phase0_ + m * increment_) & mask_;
    }
    std::uint32_t index_at(std::int64_t n) const {
        const std::uint64_t p = phase_at(n) >> (phase_bits_ - table_bits_ - 1);
        return static_cast<std::uint32_t>(((p + 1) >> 1) & ((std::uint64_t{1} << table_bits_) - 1));
    }
    // The current of step n, raw in the current format.
    std::int64_t current_at(std::int64_t n, const std::vector<std::int64_t>& table, fixed_point::overflow_counter& c,
                            fixed_point::xorshift32* rng) const {
        namespace fp = fixed_point;
        return fp::multiply({amplitude_, out_.fmt}, {table[index_at(n)], sine_format_}, out_, c, rng).raw;
    }

    std::uint64_t increment() const { return increment_; }
    std::uint64_t phase0() const { return phase0_; }
    std::int64_t amplitude_raw() const { return amplitude_; }

private:
    std::int64_t first_step_;
    int phase_bits_, table_bits_;
    std::uint64_t mask_, phase0_, increment_;
    std::int64_t amplitude_;
    fixed_point::format sine_format_;
    fixed_point::result_spec out_;
};

}  // namespace plasticore::fixed
