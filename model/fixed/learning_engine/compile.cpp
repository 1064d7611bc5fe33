#include "fixed/learning_engine/compile.hpp"

#include "fixed/learning_engine/compile_istdp_vogels.hpp"
#include "fixed/learning_engine/compile_rate_hebbian.hpp"
#include "fixed/learning_engine/compile_stdp_pair.hpp"
#include "fixed/learning_engine/compile_stdp_reward.hpp"
#include "fixed/learning_engine/compile_stdp_triplet.hpp"
#include "fixed/learning_engine/compile_synaptic_scaling.hpp"

namespace plasticore::fixed::learning_engine {

namespace {

// Every registry rule has an overload of compile(): adding a rule to plasticity::all_rules
// without one stops the build here.
static_assert(compiles_every_rule<plasticity::all_rules>::value,
              "a registry rule without a learning-engine compile() overload (compile.hpp)");

}  // namespace

engine_program compile(const stdp_pair_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h) {
    return compile_stdp_pair(p, scale, dt_ms, h);
}
engine_program compile(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms,
                       const hardware_config& h) {
    return compile_stdp_triplet(p, scale, dt_ms, h);
}
engine_program compile(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms,
                       const hardware_config& h) {
    return compile_istdp_vogels(p, scale, dt_ms, h);
}
engine_program compile(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                       const hardware_config& h) {
    return compile_synaptic_scaling(p, scale, dt_ms, h);
}
engine_program compile(const hebbian_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h) {
    return compile_hebbian(p, scale, dt_ms, h);
}
engine_program compile(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h) {
    return compile_oja(p, scale, dt_ms, h);
}
engine_program compile(const stdp_reward_params& p, const weight_scale& scale, double dt_ms,
                       const hardware_config& h) {
    return compile_stdp_reward(p, scale, dt_ms, h);
}
engine_program compile(const bcm_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h) {
    return compile_bcm(p, scale, dt_ms, h);
}

}  // namespace plasticore::fixed::learning_engine
