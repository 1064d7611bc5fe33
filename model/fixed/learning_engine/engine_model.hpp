#pragma once
// The C++ model of the learning engine: interprets an engine_program (microcode.hpp), one
// synapse_request at a time, with the fixed_point library's rounding and fitting kernels
// (requantize.hpp) and one xorshift32 stream in the documented draw order. Its results are
// bit-identical to the rule's dedicated unit for every rule the compiler accepts
// (tests/fixed/test_learning_engine.cpp proves it for pair STDP).
//
// Not on any hot path (the fixed layer still runs the units): written for clarity, every
// product in 128 bits.

#include <cstdint>
#include <vector>

#include "fixed/learning_engine/microcode.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed_point/overflow.hpp"
#include "fixed_point/xorshift32.hpp"

namespace plasticore::fixed::learning_engine {

struct engine_counters {
    std::uint64_t transactions = 0;
    std::uint64_t draws = 0;  // generator steps
    std::uint64_t weight_clip_max = 0;
    std::uint64_t weight_clip_min = 0;
    fixed_point::overflow_counter overflows;  // every saturation or wrap, flagged or not
};

// The intermediate values of one operation, for mismatch reports.
struct evaluation {
    std::int64_t decayed = 0;          // the decay stage's result (0 when off or beyond the table)
    std::vector<std::int64_t> terms;   // every term's value, in the sum's fraction bits
};

class engine_model {
public:
    // Validates the program (validate()); seed as for the rule's unit (zero replaced).
    engine_model(engine_program program, std::uint32_t seed);

    // One operation, by the microprogram of (r.op, r.table). Throws std::logic_error naming the
    // operation and table if the program has none, std::invalid_argument for a negative delta.
    // `detail`, if given, receives the intermediate values.
    synapse_response execute(const synapse_request& r, evaluation* detail = nullptr);

    const engine_program& program() const { return program_; }
    const engine_counters& counters() const { return counters_; }
    fixed_point::xorshift32& generator() { return rng_; }

private:
    // offset: the microprogram's (decayed_minus_offset).
    std::int64_t read(source s, const synapse_request& r, std::int64_t decayed, std::int64_t offset) const;
    std::uint32_t draw(step_rounding round);

    engine_program program_;
    engine_counters counters_;
    fixed_point::xorshift32 rng_;
};

}  // namespace plasticore::fixed::learning_engine
