#include <type_traits>

#include "golden/plasticity/istdp_vogels.hpp"
#include "golden/plasticity/plasticity_rule.hpp"
#include "golden/plasticity/rate_rules.hpp"
#include "golden/plasticity/stdp_pair.hpp"
#include "golden/plasticity/stdp_reward.hpp"
#include "golden/plasticity/stdp_triplet.hpp"
#include "golden/plasticity/synaptic_scaling.hpp"

namespace plasticore::golden {

// Every rule of the registry has a golden implementation (a compile error otherwise).
static_assert(std::tuple_size_v<golden_rules<plasticity::all_rules, double>::types> == plasticity::all_rules::size);

template <typename Real>
std::unique_ptr<plasticity_rule<Real>> make_rule(const projection& pr, const synapse_table& table,
                                                 double dt_ms) {
    std::unique_ptr<plasticity_rule<Real>> rule;
    // Every rule of the registry: golden_rule<Rule> must be defined (a compile error otherwise).
    plasticity::visit_rule(pr.plasticity, [&](auto r, const auto& params) {
        using impl = typename golden_rule<decltype(r)>::template type<Real>;
        rule = std::make_unique<impl>(params, table, dt_ms);
    });
    return rule;
}

template std::unique_ptr<plasticity_rule<double>> make_rule<double>(const projection&, const synapse_table&, double);
template std::unique_ptr<plasticity_rule<high_precision>> make_rule<high_precision>(const projection&, const synapse_table&, double);

}  // namespace plasticore::golden
