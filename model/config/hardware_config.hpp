#pragma once
// The number formats and modes of the bit-true datapath (docs/datapath.md), as set by an
// experiment's [hardware] section. The defaults are our reference design and equal the
// "reference" preset (presets/reference.toml); the "spinnaker" and "spinnaker-sr" presets
// reproduce SpiNNaker's datapath. Applying a preset sets its keys; explicit keys override it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fixed_point/format.hpp"
#include "fixed_point/modes.hpp"

namespace plasticore::fixed {

enum class trace_decay_kind : std::uint8_t {
    lut,       // x * lut[delta >> shift], zero beyond the table (SpiNNaker)
    multiply,  // x * prod of exp(-2^b dt / tau) over the set bits b of delta (log-depth)
};

// How the slot scale of an input bank is chosen (docs/datapath.md, "Synaptic input slot").
enum class input_shift_rule : std::uint8_t {
    w_max,           // as fine as the finest weight LSB, coarse enough for the largest weight
    expected_input,  // from a bound on the input expected in one step (sPyNNaker)
};

struct hardware_config {
    std::string preset = "reference";  // name of the preset the values started from

    // Neuron state and constants.
    fixed_point::format v_format{true, 8, 23};         // membrane potential [mV]
    fixed_point::format current_format{true, 11, 20};  // I_e, I_i, external current [nA]
    fixed_point::format propagator_format{false, 0, 32};  // decays P22, Pe, Pi [1]
    fixed_point::format gain_format{false, 8, 24};     // P20, P21e, P21i [mV/nA]
    fixed_point::overflow_mode v_overflow = fixed_point::overflow_mode::saturate;
    fixed_point::overflow_mode current_overflow = fixed_point::overflow_mode::saturate;
    // Rounding of every run-time product (propagator x state, trace x decay, amplitude x
    // trace) and of the input-slot-to-current conversion.
    fixed_point::rounding product_rounding = fixed_point::rounding::nearest_even;

    // Weights: unsigned magnitudes of weight_bits bits, LSB 2^k nA per projection.
    int weight_bits = 16;        // stored bits [2, 32]
    int weight_guard_bits = 8;   // extra fraction bits while a synapse is being updated [0, 16]
    fixed_point::rounding weight_rounding = fixed_point::rounding::stochastic;  // write-back

    // Synaptic input slot per neuron and receptor, in weight units.
    int ring_buffer_bits = 32;   // [weight_bits, 62]
    fixed_point::overflow_mode ring_buffer_overflow = fixed_point::overflow_mode::saturate;
    input_shift_rule input_shift = input_shift_rule::w_max;
    double input_sigma = 5.0;     // expected_input: SDs above the mean input (sPyNNaker's ring_buffer_sigma)
    double input_rate_hz = 30.0;  // expected_input: rate assumed for a population's neurons [Hz]
                                  // (sPyNNaker's spikes_per_second)

    // STDP traces.
    fixed_point::format trace_format{true, 4, 15};  // 1.0 = 2^frac_bits [1]
    fixed_point::overflow_mode trace_overflow = fixed_point::overflow_mode::saturate;
    trace_decay_kind trace_decay = trace_decay_kind::lut;
    fixed_point::rounding lut_rounding = fixed_point::rounding::nearest_even;  // host, table entries
    int lut_size = 4096;         // most table entries; the index shift grows to fit [2, 65536]
    int post_history = 256;      // post-spike history entries per neuron [1, 1024]

    // Reward-modulated plasticity (stdp_reward): eligibility traces in weight-LSB units, the
    // modulator level [1/s] and its history per projection.
    fixed_point::format eligibility_format{true, 18, 10};
    fixed_point::overflow_mode eligibility_overflow = fixed_point::overflow_mode::saturate;
    fixed_point::format modulator_format{true, 8, 16};
    int modulator_history = 64;  // modulator events kept per projection [1, 1024]

    // Oscillating (tACS-like) stimulation: one generator per block, a phase accumulator of
    // oscillator_phase_bits bits (2^P = one cycle) whose top bits, rounded to nearest, index a
    // full-wave sine table of 2^oscillator_table_bits entries in oscillator_sine_format.
    int oscillator_phase_bits = 32;  // [8, 48]
    int oscillator_table_bits = 10;  // [2, 16], < oscillator_phase_bits
    fixed_point::format oscillator_sine_format{true, 1, 14};  // [1], signed, >= 1 integer bit
    // Intrinsic plasticity (populations with ip_eta_mv > 0): the per-neuron rate trace [Hz]
    // and threshold offset [mV], both saturating.
    fixed_point::format ip_rate_format{false, 12, 20};
    fixed_point::format ip_threshold_format{true, 8, 39};

    std::uint32_t seed_unit = 0;  // unit id of the first hardware unit (stream_seed)
};

// "preset reference: v s8.23, I s11.20, ..." for run_result::precision.
std::string describe(const hardware_config& h);

// Presets, embedded at build time from model/config/presets/*.toml.
const std::vector<std::string_view>& preset_names();
// The TOML text of a preset (keys of a [hardware] table); empty for an unknown name.
std::string_view preset_text(std::string_view name);

}  // namespace plasticore::fixed
