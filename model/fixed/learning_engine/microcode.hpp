#pragma once
// Microcode of the programmable learning engine (issue #15; docs/rtl.md, "The learning
// engine"). One microprogram per synapse-level operation (synapse_op) of a rule says how the
// engine computes that operation's result as a sum of products:
//
//   decay stage:  x = trace * table[delta >> index_shift]   rounded into the trace format;
//                 0 (nothing drawn) when the index is beyond the table
//   terms:        t_j = round_k(... round_2(round_1(m_j * f_j1) * f_j2) ...)   m_j * 2^e_j the
//                 term's signed scale, f_ji factors chosen from `source`, every product
//                 rounded into the step's stated format (its own rounding and overflow rule)
//   result:       target +/- t_1 +/- t_2 ...   exact, then finished: kept as it is, fitted into
//                 a format (saturate or wrap, flagged), or clipped to [w_min, w_max] (flagged)
//
// Draw order of the xorshift32 stream within one operation: the decay product (when it happens,
// one draw if its rounding is stochastic), then the terms in order and, within a term, its
// steps in order (one draw per step whose rounding is stochastic). Nothing else draws. This is
// the order of the pair-STDP unit (stdp_pair_unit.hpp) and of rtl/stdp_update_unit.sv.
//
// The microcode is data: the compiler (compile_stdp_pair.hpp) writes it from a rule's
// parameters and the hardware configuration, engine_model.hpp interprets it, and the RTL engine
// (next slice) will load the same fields through a write port.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fixed/plasticity/transaction.hpp"
#include "fixed_point/format.hpp"
#include "fixed_point/modes.hpp"

namespace plasticore::fixed::learning_engine {

// Where an operand of the datapath comes from. Every source but `zero` can be a factor of a
// product; every source can be the target of the sum or the second output field.
enum class source : std::uint8_t {
    zero,           // 0 (a target or output only)
    decayed_trace,  // x: the decay stage's result [trace format]
    trace,          // the request's trace as sent, undecayed [trace format]
    weight,         // the request's working weight [weight format]
    w_max_minus_w,  // w_max - weight, exact [weight format]
    w_minus_w_min,  // weight - w_min, exact [weight format]
    operand,        // the request's operand: modulator level, synapse state [operand format]
    decayed_minus_offset,  // x - the microprogram's offset, exact (inhibitory STDP's x - alpha) [trace format]
    operand_minus_trace,   // the operand minus the trace as sent, exact (BCM's y - Theta, T - Theta); both
                           // have the trace's fraction bits (validate())
    trace_minus_decayed,   // the trace as sent minus the decay stage's result, exact: what decayed away
                           // over delta (reward-modulated STDP's D - D(delta)) [trace format]
};
inline constexpr std::size_t source_count = 10;
std::string_view source_name(source s);  // "w_max - w", ...

// How a step rounds: the five modes of fixed_point::rounding (same codes), or `exact`: the
// step discards no bits (shift <= 0), cannot round and never draws.
enum class step_rounding : std::uint8_t {
    floor = 0,
    toward_zero = 1,
    nearest_up = 2,
    nearest_even = 3,
    stochastic = 4,
    exact = 5,
};
step_rounding rounding_of(fixed_point::rounding r);
std::string_view step_rounding_name(step_rounding r);

// The fraction bits of each source: the engine's formats, set by the hardware configuration.
struct source_formats {
    int trace_frac = 0;    // trace format's fraction bits (decayed_trace, trace)
    int weight_frac = 0;   // working weight's fraction bits, the guard bits (weight, ranges)
    int operand_frac = 0;  // operand's fraction bits
    int frac_of(source s) const;
};

// One product of a term: acc <- round(acc * factor) into `out`.
struct product_step {
    source factor = source::weight;
    int shift = 0;  // bits the rounding discards (< 0: an exact left shift) [bits]
    fixed_point::format out{true, 31, 0};  // the product's format
    fixed_point::overflow_mode overflow = fixed_point::overflow_mode::saturate;
    step_rounding round = step_rounding::exact;
    bool flags = true;  // an overflow here sets flag_saturated in the response
};

// A signed scale times a chain of products, added to or subtracted from the target.
struct term {
    bool subtract = false;
    std::int64_t mantissa = 1;  // the scale is mantissa * 2^exponent
    int exponent = 0;
    std::vector<product_step> steps;  // empty: the scale itself, exact
};

// The trace decay through a table in memory (trace_decay_table.hpp, kind lut).
struct decay_stage {
    bool enabled = false;
    std::uint8_t table = 0;  // which decay table of the engine program
    int shift = 0;           // fraction bits of the table entries: the bits the product discards
    fixed_point::format out{true, 4, 15};  // the trace format
    fixed_point::overflow_mode overflow = fixed_point::overflow_mode::saturate;
    step_rounding round = step_rounding::nearest_even;
    bool flags = false;  // an overflow of the decay product sets flag_saturated
};

enum class finish_kind : std::uint8_t {
    keep,         // the exact sum as it is
    fit,          // fitted into `out` by `overflow` (overflow sets flag_saturated if `flags`)
    clip_weight,  // clipped to [w_min, w_max]: flag_clipped_max / flag_clipped_min
};

struct finish_stage {
    finish_kind kind = finish_kind::keep;
    fixed_point::format out{true, 31, 0};  // fit only
    fixed_point::overflow_mode overflow = fixed_point::overflow_mode::saturate;
    bool flags = true;
};

enum class result_field : std::uint8_t { weight, value };

// One synapse-level operation.
struct microprogram {
    decay_stage decay;
    source target = source::zero;
    int sum_frac = 0;  // fraction bits of the target, of every term's result and of the sum
    std::vector<term> terms;
    finish_stage finish;
    result_field result_to = result_field::weight;  // the response field that carries the result
    source other = source::zero;                    // what the other field carries
    std::int64_t offset = 0;  // subtracted from x by decayed_minus_offset [trace format, raw]
    // The fraction bits of this operation's sources when they are not the program's: an
    // operation that decays an eligibility or a modulator level (reward-modulated STDP) sends it
    // as the trace. Bookkeeping for validate(); the engine's datapath has no formats.
    std::optional<source_formats> formats;
};

// A decay table as loaded into the engine's table memory.
struct decay_table_image {
    std::vector<std::int64_t> entries;  // u1.f factors, f = decay_stage::shift
    int index_shift = 0;                // index = delta >> index_shift [steps, log2]
};

// What the engine can do: the sources its datapath selects and its sizes. The compiler rejects
// a rule that needs more, naming the missing factor.
struct engine_capacity {
    std::array<bool, source_count> sources{};  // by source
    std::size_t terms = 0;                     // terms per microprogram
    std::size_t steps = 0;                     // products per term
    std::size_t decay_tables = 0;

    bool has(source s) const { return sources[static_cast<std::size_t>(s)]; }
    // Every source, 4 terms of 3 products, 8 tables: the engine issue #15 aims at.
    static engine_capacity full();
    // Just enough for pair STDP, additive and multiplicative: 1 term of 2 products, 2 tables;
    // no undecayed trace, no operand, no offset. (The RTL's minimal variant, rtl/engine_variant.sh,
    // has the same terms and tables but every source.)
    static engine_capacity pair_only();
};

// Microprograms per operation, chosen by the request's `table` field: an operation whose
// meaning depends on it (triplet STDP's decay, bump and gain: which trace, which amplitude
// pair) has one microprogram per table; every other operation is sent with table 0.
inline constexpr std::size_t table_variants = 4;

// Everything the engine needs for one rule instance: microprograms by operation and table,
// decay tables, weight bounds, formats.
struct engine_program {
    std::string rule;  // "stdp_pair (additive, all_to_all)"
    std::array<std::optional<microprogram>, op_count * table_variants> slots;  // by slot_of(op, table)
    std::vector<decay_table_image> tables;
    std::int64_t w_min = 0, w_max = 0;  // working bounds [weight format]
    source_formats formats;             // of every operation without its own (microprogram::formats)
    std::vector<std::string> warnings;  // the host constants' (host_constant.hpp)

    static std::size_t slot_of(synapse_op o, std::size_t table) {
        return table * op_count + static_cast<std::size_t>(o);
    }
    static synapse_op op_of_slot(std::size_t slot) { return static_cast<synapse_op>(slot % op_count); }
    static std::size_t table_of_slot(std::size_t slot) { return slot / op_count; }
    // The microprogram of (o, table); empty when the program has none (or table >= table_variants).
    const std::optional<microprogram>& op(synapse_op o, std::size_t table = 0) const;
    std::optional<microprogram>& op(synapse_op o, std::size_t table = 0);
};

// "depress", or "gain (table 1)" for a slot other than table 0.
std::string slot_name(std::size_t slot);

// Throws std::invalid_argument naming the rule, the operation, the term and the step if the
// program is inconsistent: a step's shift that is not (frac of the accumulator + frac of the
// factor - frac of its format), an exact step that discards bits, a term whose result has not
// the sum's fraction bits, a decay stage naming a missing table, a `zero` factor.
void validate(const engine_program& p);

// Throws std::invalid_argument if p needs a source, a term, a product or a table that `cap`
// has not: "the learning engine cannot run stdp_pair (multiplicative, ...) potentiate: missing
// factor 'w_max - w'".
void check_capacity(const engine_program& p, const engine_capacity& cap);

// A readable listing of one microprogram, for error messages and docs.
std::string describe(const microprogram& m);

}  // namespace plasticore::fixed::learning_engine
