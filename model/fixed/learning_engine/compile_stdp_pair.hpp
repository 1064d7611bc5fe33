#pragma once
// The microcode compiler for pair STDP (plasticity/stdp_pair.hpp): from the rule's parameters
// and the hardware configuration to an engine_program whose five microprograms (potentiate,
// depress, write_back, bump_pre, bump_post) compute exactly what stdp_pair_unit computes,
// additive or multiplicative, all-to-all or nearest, with the same draws in the same order
// (docs/rtl.md, "The learning engine").

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/stdp_pair.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (amplitudes, bounds, decay tables) are those of stdp_pair_unit's set-up, so
// both hold the same numbers. Throws std::invalid_argument: naming the parameter for a value
// the unit rejects; naming the missing factor for a configuration the engine cannot express
// (hardware.trace_decay = multiply: the engine's decay is a table in memory) or one that needs
// more than `cap` offers.
engine_program compile_stdp_pair(const stdp_pair_params& p, const weight_scale& scale, double dt_ms,
                                 const hardware_config& h, const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
