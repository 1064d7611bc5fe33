#include <fmt/format.h>

#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
plasticity_rule read_stdp_pair(const table_reader& r) {
    r.allow_only({"rule", "transmit", "pairing", "weight_dependence", "tau_plus_ms", "tau_minus_ms", "a_plus",
                  "a_minus", "w_min_na", "w_max_na"});
    stdp_pair_params p;
    p.pairing = r.choice_or("pairing", {"all_to_all", "nearest"}, 0) == 0
                    ? stdp_pair_params::pairing_kind::all_to_all
                    : stdp_pair_params::pairing_kind::nearest;
    p.dependence = r.choice_or("weight_dependence", {"additive", "multiplicative"}, 0) == 0
                       ? stdp_pair_params::dependence_kind::additive
                       : stdp_pair_params::dependence_kind::multiplicative;
    p.tau_plus = r.number_or("tau_plus_ms", p.tau_plus);
    r.check(p.tau_plus > 0, "tau_plus_ms", "must be > 0");
    p.tau_minus = r.number_or("tau_minus_ms", p.tau_minus);
    r.check(p.tau_minus > 0, "tau_minus_ms", "must be > 0");
    p.a_plus = r.number_or("a_plus", p.a_plus);
    r.check(p.a_plus >= 0, "a_plus", "must be >= 0");
    p.a_minus = r.number_or("a_minus", p.a_minus);
    r.check(p.a_minus >= 0, "a_minus", "must be >= 0");
    p.w_min = r.number_or("w_min_na", p.w_min);
    r.check(p.w_min >= 0, "w_min_na", "must be >= 0 (the receptor gives the sign)");
    p.w_max = r.number_or("w_max_na", p.w_max);
    // Amplitudes are fractions of w_max - w_min: an empty range would make the rule a no-op.
    r.check(p.w_max > p.w_min, r.has("w_max_na")? "w_max_na": "w_min_na",
            fmt::format("w_max_na ({}) must be greater than w_min_na ({})", p.w_max, p.w_min));
    return p;
}

using rule_reader = plasticity_rule (*)(const table_reader&);
struct rule_entry {
    std::string_view name;
    rule_reader read;
};
// Adding a rule (triplet, reward-modulated, homeostatic): one entry here, one reader above,
// one alternative in plasticity_rule. Every reader allows "rule" and "transmit" (read by
// parse_transmit for any rule).
const rule_entry rules[] = {
    {"stdp_pair", read_stdp_pair},
};
}  // namespace

plasticity_rule parse_plasticity(const load_context& ctx, const toml::node& node,
                                 const std::string& key) {
    table_reader r(ctx, to_table(ctx, node, key), key);
    std::vector<std::string_view> names;
    for (const auto& rule: rules) names.push_back(rule.name);
    return rules[r.choice("rule", names)].read(r);
}

transmit_order parse_transmit(const load_context& ctx, const toml::node& node, const std::string& key) {
    table_reader r(ctx, to_table(ctx, node, key), key);
    return r.choice_or("transmit", {"before_update", "after_update"}, 0) == 0 ? transmit_order::before_update
                                                                               : transmit_order::after_update;
}

}  // namespace detail
}  // namespace plasticore
