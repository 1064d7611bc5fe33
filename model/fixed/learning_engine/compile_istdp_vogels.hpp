#pragma once
// The microcode compiler for inhibitory STDP (Vogels et al. 2011; plasticity/istdp_vogels.hpp):
// potentiate w + eta x_pre, depress w + eta (x_post - alpha) (one product of the exact
// difference: the factor decayed_minus_offset), both clipped; bumps x + 1 through the one
// shared decay table; write_back as pair STDP. Bit-identical to istdp_vogels_unit, draws
// included (tests/fixed/test_learning_engine.cpp).

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/istdp_vogels.hpp"

namespace plasticore::fixed::learning_engine {

// Host constants (eta, alpha, bounds, the decay table) are those of istdp_vogels_unit's set-up.
// Throws std::invalid_argument as compile_stdp_pair() does; the pair-only engine
// (engine_capacity::pair_only()) is refused naming the factor 'decayed trace - offset'.
engine_program compile_istdp_vogels(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms,
                                    const hardware_config& h, const engine_capacity& cap = engine_capacity::full());

}  // namespace plasticore::fixed::learning_engine
