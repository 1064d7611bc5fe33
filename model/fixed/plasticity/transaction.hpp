#pragma once
// The socket transaction of the synapse-update (plasticity) unit: one operation with its
// operands, and the result. Every synapse-level operation of every rule that rounds or draws
// from the unit's random stream is one transaction (docs/datapath.md, "Plasticity unit"), so a
// second implementation of a unit (the verilated RTL, model/cosim) sees the whole stream of
// operations and keeps its own generator in step without help.

#include <cstdint>
#include <string_view>

namespace plasticore::fixed {

enum class synapse_op : std::uint8_t {
    // Codes 0-4 are the pair-STDP RTL unit's req_op_i (rtl/stdp_update_unit.sv).
    potentiate = 0,  // w += A+ f+(w) x(delta)      x: the unit's "plus" trace   -> weight, flags
    depress = 1,     // w -= A- f-(w) x(delta)      x: the unit's "minus" trace  -> weight, flags
    write_back = 2,  // working weight -> stored weight (weight rounding)        -> weight
    bump_pre = 3,    // presynaptic trace after an arrival: x(delta) + 1, or 1   -> value, flags
    bump_post = 4,   // postsynaptic trace after a spike: likewise               -> value, flags
    // Further operations of other rules.
    decay = 5,               // x(delta) with the unit's decay table `table`     -> value, flags
    bump = 6,                // x(delta) + 1 (or 1) with decay table `table`     -> value, flags
    gain = 7,                // amplitude A2 + A3 x of pair `table` (triplet)    -> value, flags
    potentiate_gain = 8,     // w += operand x(delta), x from table `table`      -> weight, flags
    depress_gain = 9,        // w -= operand x(delta)                            -> weight, flags
    eligibility_add = 10,    // c += A x(delta): A, x of `table` (0 plus, 1 minus; minus subtracts) -> value, flags
    integrate = 11,          // w + c (D - D(delta)), clipped: trace = D from modulator_at, operand = c,
                             // D's decay table tau_cd (reward)                   -> weight, flags
    modulate = 12,           // d(delta) + operand (amount in the modulator format) -> value, flags
    rate_error = 13,         // G (X - x(delta)): a neuron's rate error as a factor (scaling)  -> value, flags
    scale = 14,              // w + w operand, clipped: operand a factor from rate_error  -> weight, flags
    rate_update = 15,        // w + K' x(delta) operand [- K operand^2 w] (Hebbian, Oja): operand = y;
                             // BCM: operand = y (y - Theta) from post_factor     -> weight, value, flags
    slide_threshold = 16,    // Theta + a (operand - Theta): trace = Theta, operand = T from theta_target (BCM)
                             //                                                   -> value, flags
    post_factor = 17,        // operand (operand - trace): y (y - Theta), trace = Theta (BCM) -> value, flags
    theta_target = 18,       // T = c operand^2: the threshold's target, operand = y (BCM) -> value, flags
    modulator_at = 19,       // D = tau_cd d(delta): the modulator level d sent as trace, decayed by tau_d
                             // to a piece's start, times tau_cd (reward)         -> value, flags
};
inline constexpr std::size_t op_count = 20;  // operations above
std::string_view op_name(synapse_op op);

struct synapse_request {
    synapse_op op;
    std::uint8_t table = 0;    // which table / amplitude pair of the unit, for ops that say so
    std::int64_t weight = 0;   // working weight [weight LSB * 2^-g]
    std::int64_t trace = 0;    // a trace (or eligibility) raw, at its last update
    std::int64_t delta = 0;    // steps since that update, >= 0
    std::int64_t operand = 0;  // gain (triplet), modulator level or amount (reward)
};

enum synapse_flag : std::uint8_t {
    flag_clipped_max = 1,  // the update was clipped at w_max
    flag_clipped_min = 2,  // the update was clipped at w_min
    flag_saturated = 4,    // a product or sum saturated its format (or wrapped)
};

struct synapse_response {
    std::int64_t weight = 0;  // working weight after the operation (weight ops)
    std::int64_t value = 0;   // trace, gain, eligibility or modulator after the operation
    std::uint8_t flags = 0;   // synapse_flag bits
};

}  // namespace plasticore::fixed
