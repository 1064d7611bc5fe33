#pragma once
// The microcode compiler for synaptic scaling (Turrigiano et al. 1998; plasticity/
// synaptic_scaling.hpp): the operations of synaptic_scaling_unit.hpp as microprograms.
//   bump_post    x(delta) + 1 fitted into the trace format (the rate estimate)
//   rate_error   e = G (X - x(delta)) rounded into the factor format s1.(f + 8): one product of
//                -G and the exact difference x - X (the factor 'decayed trace - offset' with
//                offset X), the same exact value as G (X - x), so it rounds the same
//   scale        w + w e, the product rounded into the working-weight format, clipped
//   write_back   as every rule's
// Bit-identical to synaptic_scaling_unit, draws included (tests/fixed/test_learning_engine.cpp).

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/synaptic_scaling.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (G, X, bounds, the rate estimate's decay table) are those of
// synaptic_scaling_unit's set-up. Throws std::invalid_argument as compile_stdp_pair() does;
// the pair-only engine (engine_capacity::pair_only()) is refused naming the factor
// 'decayed trace - offset'.
engine_program compile_synaptic_scaling(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                                        const hardware_config& h, const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
