#pragma once
// Triplet STDP (Pfister & Gerstner 2006): pair terms plus a slow postsynaptic trace o2 that
// boosts potentiation (post-pre-post triplets) and a slow presynaptic trace r2 that boosts
// depression (pre-post-pre triplets). docs/semantics.md, "Triplet STDP".

#include "plasticity/declaration.hpp"

namespace plasticore {

struct stdp_triplet_params {
    enum class pairing_kind { all_to_all, nearest };
    pairing_kind pairing = pairing_kind::all_to_all;
    // Defaults: the visual-cortex all-to-all full model of Pfister & Gerstner (2006).
    double tau_plus = 16.8;   // fast presynaptic trace r1 [ms]
    double tau_x = 101.0;     // slow presynaptic trace r2 [ms]
    double tau_minus = 33.7;  // fast postsynaptic trace o1 [ms]
    double tau_y = 125.0;     // slow postsynaptic trace o2 [ms]
    double a2_plus = 5e-10;   // pair potentiation, fraction of the weight range [1]
    double a3_plus = 6.2e-3;  // triplet potentiation [1]
    double a2_minus = 7e-3;   // pair depression [1]
    double a3_minus = 2.3e-4; // triplet depression [1]
    double w_min = 0.0;       // [nA]
    double w_max = 0.01;      // [nA]
};

namespace plasticity {

struct stdp_triplet {
    using params = stdp_triplet_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
