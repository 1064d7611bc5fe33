#pragma once
// Pair-based STDP with exponential traces (docs/semantics.md, "Pair STDP"; Song, Miller &
// Abbott 2000; Morrison, Diesmann & Gerstner 2008 for the pairing schemes).

#include "plasticity/declaration.hpp"

namespace plasticore {

struct stdp_pair_params {
    enum class pairing_kind { all_to_all, nearest };
    enum class dependence_kind { additive, multiplicative };
    pairing_kind pairing = pairing_kind::all_to_all;
    dependence_kind dependence = dependence_kind::additive;
    double tau_plus = 20.0;   // presynaptic trace time constant [ms]
    double tau_minus = 20.0;  // postsynaptic trace time constant [ms]
    double a_plus = 0.01;     // potentiation amplitude, fraction of the weight range [1]
    double a_minus = 0.0105;  // depression amplitude, fraction of the weight range [1]
    double w_min = 0.0;       // [nA]
    double w_max = 0.01;      // [nA]
};

namespace plasticity {

struct stdp_pair {
    using params = stdp_pair_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
