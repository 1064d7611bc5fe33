#pragma once
// The rate-based Hebbian rules (docs/semantics.md, "Bounded Hebbian and Oja's rule"). Rates are
// estimated by traces: a presynaptic trace x per synapse and a postsynaptic trace y per neuron,
// each jumping by 1 at a spike and decaying with tau (rate = trace / tau). Every period P the
// weights take an Euler step of the rule's dw/dt:
//   hebbian:  dw/dt = eta r_pre r_post                     w clipped to [w_min, w_max]
//   oja:      dw/dt = eta (r_pre r_post - r_post^2 w)      (w in nA; clipped likewise)
// Oja's decay term keeps the weight vector of a neuron bounded and turns it toward the first
// principal component of its inputs' (uncentred) correlation (Oja 1982).

#include "plasticity/declaration.hpp"

namespace plasticore {

struct hebbian_params {
    double eta = 1e-4;      // learning rate [nA / (Hz^2 s)]
    double tau = 200.0;     // time constant of the rate traces [ms]
    double period = 10.0;   // time between two updates [ms]
    double w_min = 0.0;     // [nA]
    double w_max = 1.0;     // [nA]

    // The update per period per unit of trace product, eta P / tau^2 [nA].
    double gain() const { return eta * (period * 1e-3) / (tau * 1e-3 * tau * 1e-3); }
};

struct oja_params {
    double eta = 1e-4;      // learning rate [nA / (Hz^2 s)] (the decay term: [1 / (Hz^2 s)])
    double tau = 200.0;     // time constant of the rate traces [ms]
    double period = 10.0;   // time between two updates [ms]
    double w_min = 0.0;     // [nA]
    double w_max = 1.0;     // [nA]

    double gain() const { return eta * (period * 1e-3) / (tau * 1e-3 * tau * 1e-3); }
};

namespace plasticity {

struct hebbian {
    using params = hebbian_params;
    static const declaration<params>& declare();
};

struct oja {
    using params = oja_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
