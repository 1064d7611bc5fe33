#pragma once
// Microprograms and checks that several rules' compilers share (compile_<rule>.cpp): the
// write-back every rule's weight path ends with, a trace's bump after its own spike, and the
// refusal of bit-serial decay. One definition each, so a rule cannot get them subtly wrong.

#include <cstdint>
#include <optional>
#include <string>

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed_point/format.hpp"

namespace plasticore::fixed::learning_engine {

// Throws std::invalid_argument naming `rule` and the missing factor unless h decays traces
// through tables in memory (hardware.trace_decay = lut), the only decay the engine has.
void require_table_decay(const std::string& rule, const hardware_config& h);

// Working weight (g = guard_bits fraction bits) -> stored u(weight_bits).0 by the weight
// rounding: one draw if stochastic and g > 0; with g = 0 the weight as it is (nothing rounded,
// nothing drawn). It cannot overflow (working <= w_max << g), so it flags nothing
// (weight_path::write_back).
microprogram write_back_program(int guard_bits, int weight_bits, fixed_point::rounding weight_rounding);

// A weight update: w + t (or w - t, t.subtract) through `decay`, exact, clipped to
// [w_min, w_max] (flagged); the other field carries the decayed trace.
microprogram clipped_update(const decay_stage& decay, int weight_frac, term t);

// A trace after its own spike, in the trace format: x(delta) + 1 fitted by the trace overflow,
// flagged, through `decay` (all-to-all pairing); or, without a decay stage (nearest pairing),
// 1 as it is: nothing decayed, drawn or fitted. The result goes to the value field.
microprogram bump_program(const std::optional<decay_stage>& decay, const fixed_point::format& trace_format,
                          fixed_point::overflow_mode trace_overflow);

}  // namespace plasticore::fixed::learning_engine
