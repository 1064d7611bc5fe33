#pragma once
// A small network for any rule of the registry, generated from its declaration alone: the
// tests below run every rule through every consumer and layer without naming one, so a rule
// added to model/plasticity/rules.hpp is tested the moment it exists.

#include <string>

#include "plasticity/rules.hpp"

namespace plasticore::test {

// Two populations driven by Poisson inputs through plastic projections of `rule` (every
// parameter at its default, except the weight bounds and a modulator named "reward" when the
// rule has one), a recurrent plastic projection, a reward source, weight snapshots and state.
inline std::string rule_network(const plasticity::rule_info& rule, double duration_ms = 2000.0) {
    std::string modulator;
    for (const auto& p: rule.params)
        if (p.kind == plasticity::param_kind::source_ref) modulator = p.key + " = \"reward\"\n";
    auto plastic = [&](const std::string& extra) {
        return "[projection.plasticity]\nrule = \"" + rule.name + "\"\n" + modulator + extra +
               "w_min_na = 0.0\nw_max_na = 1.0\n";
    };
    return "[simulation]\ndt_ms = 0.1\nduration_ms = " + std::to_string(duration_ms) + "\nseed = 4\n"
           "[[population]]\nname = \"a\"\nsize = 6\nv_rest_mv = -70.0\nv_reset_mv = -70.0\nv_thresh_mv = -55.0\n"
           "tau_syn_e_ms = 2.0\n"
           "[[population]]\nname = \"b\"\nsize = 3\nv_rest_mv = -70.0\nv_reset_mv = -70.0\nv_thresh_mv = -55.0\n"
           "tau_syn_e_ms = 2.0\n"
           "[[source]]\nname = \"in\"\nkind = \"poisson\"\nsize = 40\nrate_hz = 10.0\n"
           "[[source]]\nname = \"reward\"\nkind = \"reward\"\ntimes_ms = [300.0, 900.0, 1500.0]\namount = 30.0\n"
           "[[projection]]\nname = \"in_a\"\npre = \"in\"\npost = \"a\"\nweight_na = { uniform = [0.2, 0.6] }\n"
           "delay_ms = 1.0\n" + plastic("") +
           "[[projection]]\nname = \"a_b\"\npre = \"a\"\npost = \"b\"\nweight_na = 0.5\ndelay_ms = 2.0\n" +
           plastic("") +
           "[[projection]]\nname = \"in_b\"\npre = \"in\"\npost = \"b\"\nconnector = \"fixed_probability\"\np = 0.5\n"
           "weight_na = 0.6\ndelay_ms = 1.5\n" +
           "[record]\nspikes = [\"a\", \"b\"]\n[[record.state]]\npopulation = \"b\"\ninterval_ms = 1.0\n"
           "[[record.weights]]\nprojection = \"in_a\"\ninterval_ms = 500.0\n";
}

}  // namespace plasticore::test
