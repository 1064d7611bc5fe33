#include <type_traits>

#include "golden/plasticity/plasticity_rule.hpp"
#include "golden/plasticity/stdp_pair.hpp"
#include "math/scalar.hpp"

namespace plasticore::golden {

template <typename Real>
std::unique_ptr<plasticity_rule<Real>> make_rule(const projection& pr, const synapse_table& table,
                                                 double dt_ms) {
    return std::visit(
        [&](const auto& rule) -> std::unique_ptr<plasticity_rule<Real>> {
            using kind = std::decay_t<decltype(rule)>;
            if constexpr (std::is_same_v<kind, stdp_pair_params>)
                return std::make_unique<stdp_pair<Real>>(rule, table, dt_ms);
            else return nullptr;  // static_synapse
        },
        pr.plasticity);
}

template std::unique_ptr<plasticity_rule<double>> make_rule<double>(const projection&, const synapse_table&, double);
template std::unique_ptr<plasticity_rule<high_precision>> make_rule<high_precision>(const projection&, const synapse_table&, double);

}  // namespace plasticore::golden
