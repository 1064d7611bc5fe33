#pragma once
// Reward-modulated STDP with an eligibility trace (Izhikevich 2007, three factors): pair STDP
// events feed a per-synapse eligibility trace c instead of the weight; c decays with tau_c; a
// modulator (dopamine) level d, raised by reward events of a reward source and decaying with
// tau_d, turns eligibility into weight: dw/dt = c d. Integrated exactly between events
// (docs/semantics.md, "Reward-modulated STDP").

#include <string>

#include "plasticity/declaration.hpp"

namespace plasticore {

struct stdp_reward_params {
    enum class pairing_kind { all_to_all, nearest };
    std::string modulator;    // name of the reward source whose events raise d
    pairing_kind pairing = pairing_kind::all_to_all;
    double tau_plus = 20.0;   // presynaptic trace [ms]
    double tau_minus = 20.0;  // postsynaptic trace [ms]
    double a_plus = 0.01;     // eligibility from a pre-post pairing, fraction of the weight range [1]
    double a_minus = 0.0105;  // eligibility from a post-pre pairing, fraction of the weight range [1]
    double tau_c = 1000.0;    // eligibility trace time constant [ms] (Izhikevich 2007: 1 s)
    double tau_d = 200.0;     // modulator time constant [ms] (Izhikevich 2007: 0.2 s)
    double w_min = 0.0;       // [nA]
    double w_max = 0.01;      // [nA]
};

namespace plasticity {

struct stdp_reward {
    using params = stdp_reward_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
