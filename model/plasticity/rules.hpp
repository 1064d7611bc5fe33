#pragma once
// The rule registry: every plasticity rule plasticore knows, in one list. A projection's
// plasticity is a variant over the rules' parameter structs (or static_synapse). Adding a rule:
// its declaration (a header and a .cpp here), one entry in all_rules, and its implementation
// in each layer (docs/plasticity.md). A layer that lacks one fails to compile: each layer
// instantiates its per-rule template for every rule of all_rules.

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "plasticity/declaration.hpp"
#include "plasticity/istdp_vogels.hpp"
#include "plasticity/rate_rules.hpp"
#include "plasticity/stdp_pair.hpp"
#include "plasticity/stdp_reward.hpp"
#include "plasticity/stdp_triplet.hpp"
#include "plasticity/synaptic_scaling.hpp"

namespace plasticore {

struct static_synapse {};

namespace plasticity {

template <class... Rules>
struct rule_list {
    static constexpr std::size_t size = sizeof...(Rules);
    // The variant a projection holds: static_synapse or the parameters of one rule.
    using params_variant = std::variant<static_synapse, typename Rules::params...>;
    // f(Rule{}) for every rule, in order (rules are empty tag types).
    template <class F>
    static void for_each(F&& f) {
        (f(Rules{}), ...);
    }
};

// Every rule, in registry order (also the order of `plasticore rules`).
using all_rules = rule_list<stdp_pair, stdp_triplet, stdp_reward, istdp_vogels, synaptic_scaling, hebbian, oja, bcm>;

// The rule whose parameter struct is P (void if none).
template <class P, class List = all_rules>
struct rule_of;
template <class P>
struct rule_of<P, rule_list<>> {
    using type = void;
};
template <class P, class R, class... Rs>
struct rule_of<P, rule_list<R, Rs...>> {
    using type = std::conditional_t<std::is_same_v<typename R::params, P>, R,
                                    typename rule_of<P, rule_list<Rs...>>::type>;
};
template <class P>
using rule_of_t = typename rule_of<P>::type;

}  // namespace plasticity

using plasticity_rule = plasticity::all_rules::params_variant;

namespace plasticity {

// A rule's parameter, type-erased, for consumers that list or print parameters.
struct param_info {
    param_kind kind;
    std::string key, unit, description;
    std::string default_text;  // the default value as it would be written in TOML
    std::string allowed;       // "> 0", "in [0, 1]", "all_to_all | nearest", "a reward source"
    std::vector<std::string> choices;
};

// A rule, type-erased.
struct rule_info {
    std::string name, summary, reference;
    std::vector<param_info> params;
    std::vector<state_var> state;
    unsigned events = 0;
};

// Every rule, in registry order.
const std::vector<rule_info>& rules();
const rule_info* find_rule(std::string_view name);

// Calls f(Rule{}, params) with the rule of a plastic projection; does nothing for static
// synapses. Returns whether it called f.
template <class Variant, class F>
bool visit_rule(Variant&& p, F&& f) {
    return std::visit(
        [&](auto& params) {
            using P = std::decay_t<decltype(params)>;
            if constexpr (std::is_same_v<P, static_synapse>) return false;
            else {
                f(rule_of_t<P>{}, params);
                return true;
            }
        },
        std::forward<Variant>(p));
}

// Generic reads of a projection's plasticity.
bool is_plastic(const plasticity_rule& p);
std::string_view rule_name(const plasticity_rule& p);  // "static" for static synapses
const rule_info* info(const plasticity_rule& p);       // nullptr for static synapses
struct weight_bounds {
    double w_min, w_max;  // [nA]
};
std::optional<weight_bounds> bounds(const plasticity_rule& p);  // none for static synapses
// The reward source a rule listens to, if it has a modulator parameter.
std::optional<std::string> modulator_source(const plasticity_rule& p);
// "stdp_pair (pairing all_to_all, weight_dependence additive, tau_plus_ms 20 ms, ...)"
std::string text(const plasticity_rule& p);
// The rule's Brian2 code with its parameter values; none for static synapses.
std::optional<brian2_code> brian2(const plasticity_rule& p);
// Each parameter's value as TOML text, in declaration order (key, value).
std::vector<std::pair<std::string, std::string>> values(const plasticity_rule& p);

}  // namespace plasticity
}  // namespace plasticore
