#pragma once
// The microcode compiler for the rate-based Hebbian rules (plasticity/rate_rules.hpp): the
// operations of rate_hebbian_unit.hpp as microprograms.
//   bump_pre, bump_post  x(delta) + 1 fitted into the trace format
//   decay                y(delta) as it is (a neuron's y at the sweep)
//   rate_update          w + K' x(delta) v, clipped: one term K' * x (exact) * v (rounded into
//                        the working-weight format), the same exact product K' (x v) the unit
//                        rounds once; Oja: minus a second term K * y (exact) * y (rounded into
//                        s1.(f+16)) * w (rounded into the working-weight format); the value
//                        field carries x(delta)
//   write_back           as every rule's
//   theta_target         BCM: T = c * y (exact) * y, rounded into s(2i+9).f
//   slide_threshold      BCM: Theta + a * (T - Theta) rounded into s(2i+10).f, fitted into the
//                        trace format (the factor 'operand - trace', T the operand)
//   post_factor          BCM: phi = 1 * y (exact) * (y - Theta) rounded into s(2i+2).f
// Draws as the unit's: the decay product, K' x v, then (Oja) K y^2 and its product with w.
// Bit-identical to rate_hebbian_unit (tests/fixed/test_learning_engine.cpp).

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/rate_rules.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (K', K, bounds, the rate traces' decay table) are those of rate_hebbian_unit's
// set-up. Throws std::invalid_argument as compile_stdp_pair() does, and when an exact product
// (K' x; Oja's K y) would be wider than the engine's 63-bit values (the `wide` configuration's
// Oja), naming it.
engine_program compile_hebbian(const hebbian_params& p, const weight_scale& scale, double dt_ms,
                               const hardware_config& h, const engine_capacity& cap = engine_capacity::full());
engine_program compile_oja(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                           const engine_capacity& cap = engine_capacity::full());
engine_program compile_bcm(const bcm_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                           const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
