#pragma once
// Microprograms and checks that several rules' compilers share (compile_<rule>.cpp): the
// write-back every rule's weight path ends with, a trace's decay and its bump after its own
// spike, the exact product's format, and the refusal of bit-serial decay. One definition each, so a rule cannot get them subtly wrong.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/plasticity/trace_decay_table.hpp"
#include "fixed_point/format.hpp"

namespace plasticore::fixed::learning_engine {

// A program for a rule whose unit decays every trace through one table (Host: the unit, with
// weights(), decay() and warnings()): its name, formats (trace, guard bits, `operand_frac`),
// working bounds, the table and the host constants' warnings; no microprogram yet.
template <class Host>
engine_program one_table_program(std::string rule, const Host& host, const hardware_config& h, int operand_frac) {
    engine_program prog;
    prog.rule = std::move(rule);
    prog.formats = {h.trace_format.frac_bits(), host.weights().guard_bits(), operand_frac};
    prog.w_min = host.weights().w_min();
    prog.w_max = host.weights().w_max();
    prog.tables = {{host.decay().entries(), host.decay().shift()}};
    prog.warnings = host.warnings();
    return prog;
}

// The decay through `table` (the program's table `index`) into `out`'s format, by its rounding
// and overflow rule; an overflow sets flag_saturated if `flags`.
inline decay_stage table_decay(std::uint8_t index, const trace_decay_table& table, const fixed_point::result_spec& out,
                               bool flags) {
    return {true, index, table.factor_format().frac_bits(), out.fmt, out.overflow, rounding_of(out.round), flags};
}

// The decay through table 0 in the trace format by the product rounding: `quiet` when its
// overflow is not flagged (the unit counts it as the trace's, not the operation's), `flagged`
// when it is (bumps, decays).
struct one_table_decay {
    decay_stage quiet, flagged;
};
template <class Host>
one_table_decay one_table_decays(const Host& host, const hardware_config& h) {
    const decay_stage quiet =
        table_decay(0, host.decay(), {h.trace_format, h.product_rounding, h.trace_overflow}, false);
    decay_stage flagged = quiet;
    flagged.flags = true;
    return {quiet, flagged};
}

// Throws std::invalid_argument naming `rule` and the missing factor unless h decays traces
// through tables in memory (hardware.trace_decay = lut), the only decay the engine has.
void require_table_decay(const std::string& rule, const hardware_config& h);

// Working weight (g = guard_bits fraction bits) -> stored u(weight_bits).0 by the weight
// rounding: one draw if stochastic and g > 0; with g = 0 the weight as it is (nothing rounded,
// nothing drawn). It cannot overflow (working <= w_max << g), so it flags nothing
// (weight_path::write_back).
microprogram write_back_program(int guard_bits, int weight_bits, fixed_point::rounding weight_rounding);

// The format that holds a * b exactly, for a step that must not round (an exact step feeding a
// rounded one): signed, the integer and fraction bits of both. Throws std::invalid_argument
// naming `rule` and `what` when it would be wider than the engine's 63-bit values.
fixed_point::format exact_product_format(const std::string& rule, const char* what, const fixed_point::format& a,
                                         const fixed_point::format& b);

// A weight update: w + t (or w - t, t.subtract) through `decay`, exact, clipped to
// [w_min, w_max] (flagged); the other field carries the decayed trace.
microprogram clipped_update(const decay_stage& decay, int weight_frac, term t);

// A trace decayed to now, x(delta), as it is: the result goes to the value field (the decay
// stage says whether its overflow is flagged).
microprogram decay_program(const decay_stage& decay, int trace_frac);

// A trace after its own spike, in the trace format: x(delta) + 1 fitted by the trace overflow,
// flagged, through `decay` (all-to-all pairing); or, without a decay stage (nearest pairing),
// 1 as it is: nothing decayed, drawn or fitted. The result goes to the value field.
microprogram bump_program(const std::optional<decay_stage>& decay, const fixed_point::format& trace_format,
                          fixed_point::overflow_mode trace_overflow);

}  // namespace plasticore::fixed::learning_engine
