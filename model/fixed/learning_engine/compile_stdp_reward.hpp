#pragma once
// The microcode compiler for reward-modulated STDP (Izhikevich 2007; plasticity/stdp_reward.hpp):
// the traces' decays and bumps, the eligibility's updates c +/- A R x, the modulator's
// d(delta) + amount, and a piece of the catch-up as three operations (stdp_reward_unit.hpp):
// modulator_at D = tau_cd d_ref(delta), integrate w + c (D - D(delta)) (the factor
// 'trace - decayed trace'), and the eligibility's decay through its own table. Five decay
// tables (x_pre, x_post, c, d, D), so the engine as built (8) runs it and the minimal one (2)
// does not. Bit-identical to stdp_reward_unit, draws included (tests/fixed/test_learning_engine.cpp).

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/stdp_reward.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (A+ R, A- R, tau_cd, bounds, the five decay tables) are those of
// stdp_reward_unit's set-up. Throws std::invalid_argument as compile_stdp_pair() does.
engine_program compile_stdp_reward(const stdp_reward_params& p, const weight_scale& scale, double dt_ms,
                                   const hardware_config& h, const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
