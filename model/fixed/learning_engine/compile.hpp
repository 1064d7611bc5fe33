#pragma once
// The learning engine's compiler for every rule of the registry (plasticity/rules.hpp), by the
// rule's parameter type: one overload per rule, each the rule's compile_<rule>(), which refuses
// what the engine cannot express (widths, the decay kind), naming the missing factor. A rule
// the engine cannot express at all gets an overload that throws, naming the factor it lacks.
// compile.cpp fails to build
// when a registry rule has no overload here, so a rule cannot be added to the registry and
// forgotten by the engine (docs/plasticity.md, "Adding a rule"; tests/plasticity/
// missing_layer.cpp checks that it fails).

#include <string>
#include <type_traits>
#include <utility>

#include "config/hardware_config.hpp"
#include "fixed/learning_engine/microcode.hpp"
#include "fixed/weight_scale.hpp"
#include "plasticity/rules.hpp"

namespace plasticore::fixed::learning_engine {

engine_program compile(const stdp_pair_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                       const hardware_config& h);
engine_program compile(const hebbian_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const bcm_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);
engine_program compile(const stdp_reward_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h);

// Whether compile() has an overload for Params, and for every rule of a plasticity::rule_list.
// compile.cpp requires it of plasticity::all_rules. (An overload is found where it is declared
// before this point, as in the list above.)
template <class Params, class = void>
struct has_compile : std::false_type {};
template <class Params>
struct has_compile<Params, std::void_t<decltype(compile(std::declval<const Params&>(), std::declval<const weight_scale&>(),
                                                        0.0, std::declval<const hardware_config&>()))>>
    : std::true_type {};
template <class List>
struct compiles_every_rule;
template <class... Rules>
struct compiles_every_rule<plasticity::rule_list<Rules...>> : std::conjunction<has_compile<typename Rules::params>...> {
};

}  // namespace plasticore::fixed::learning_engine
