#pragma once
// The microcode compiler for triplet STDP (Pfister & Gerstner 2006; plasticity/stdp_triplet.hpp):
// the operations of stdp_triplet_unit.hpp as microprograms, one per table where the operation
// depends on it:
//   decay (table t)      x_t(delta), through decay table t (r1, r2, o1, o2)
//   bump (table t)       x_t(delta) + 1 fitted (all-to-all), or 1 (nearest)
//   gain (table 0 | 1)   A3 x + A2 (two terms: the undecayed trace sent, times A3; A2 as a
//                        constant), fitted into the gain format
//   potentiate_gain      w + G r1(delta), depress_gain  w - G o1(delta): G the request's operand,
//                        clipped to [w_min, w_max]
//   write_back           as every rule's
// Bit-identical to stdp_triplet_unit, draws included (tests/fixed/test_learning_engine.cpp).

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/stdp_triplet.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (the four amplitudes, bounds, the four decay tables) are those of
// stdp_triplet_unit's set-up. Throws std::invalid_argument as compile_stdp_pair() does; the
// pair-only engine (engine_capacity::pair_only()) is refused naming the factor 'trace' (the gain
// multiplies the trace as sent) and the fourth decay table.
engine_program compile_stdp_triplet(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms,
                                    const hardware_config& h, const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
