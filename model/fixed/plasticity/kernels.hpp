#pragma once
// Every rule's kernel, and the variant a projection of the engine holds: std::monostate for
// static synapses, else the kernel of its rule. Built from plasticity::all_rules, so a rule
// without a rule_kernel specialisation is a compile error here.

#include <variant>

#include "fixed/plasticity/istdp_vogels_kernel.hpp"
#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/rate_hebbian_kernel.hpp"
#include "fixed/plasticity/stdp_pair_kernel.hpp"
#include "fixed/plasticity/stdp_reward_kernel.hpp"
#include "fixed/plasticity/stdp_triplet_kernel.hpp"
#include "fixed/plasticity/synaptic_scaling_kernel.hpp"
#include "plasticity/rules.hpp"

namespace plasticore::fixed {

template <class List>
struct kernel_variant_of;
template <class... Rules>
struct kernel_variant_of<plasticity::rule_list<Rules...>> {
    using type = std::variant<std::monostate, rule_kernel<Rules>...>;
};
using any_kernel = kernel_variant_of<plasticity::all_rules>::type;

// The kernel of a projection's rule (std::monostate for static synapses). Throws
// std::invalid_argument naming the parameter when a constant does not fit its format.
inline any_kernel make_kernel(const plasticity_rule& rule, const kernel_setup& setup) {
    any_kernel k;
    plasticity::visit_rule(rule, [&](auto r, const auto& params) {
        k.template emplace<rule_kernel<decltype(r)>>(params, setup);
    });
    return k;
}

}  // namespace plasticore::fixed
