#pragma once
// The rate-based Hebbian rules (docs/semantics.md, "Bounded Hebbian and Oja's rule"). Rates are
// estimated by traces: a presynaptic trace x per synapse and a postsynaptic trace y per neuron,
// each jumping by 1 at a spike and decaying with tau (rate = trace / tau). Every period P the
// weights take an Euler step of the rule's dw/dt:
//   hebbian:  dw/dt = eta r_pre r_post                     w clipped to [w_min, w_max]
//   oja:      dw/dt = eta (r_pre r_post - r_post^2 w)      (w in nA; clipped likewise)
//   bcm:      dw/dt = eta r_pre r_post (r_post - theta)    w clipped likewise
// Oja's decay term keeps the weight vector of a neuron bounded and turns it toward the first
// principal component of its inputs' (uncentred) correlation (Oja 1982). BCM's threshold theta
// slides, one per post neuron: every period, before the weights, an Euler step of
// dtheta/dt = (r_post^2 / rho0 - theta) / tau_theta (Bienenstock, Cooper & Munro 1982; the
// form of Intrator & Cooper 1992), so a neuron that fires more raises its own threshold for
// potentiation.

#include <algorithm>

#include "plasticity/declaration.hpp"

namespace plasticore {

// Which rate rule: the layers share one implementation of the three, which differ only in the
// term each synapse adds per period (and BCM's threshold per post neuron).
enum class rate_rule_kind { hebbian, oja, bcm };

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

struct bcm_params {
    double eta = 1e-6;          // learning rate [nA / (Hz^3 s)]
    double tau = 50.0;          // time constant of the rate traces [ms] (s4.15 traces hold up to 320 Hz)
    double tau_theta = 2000.0;  // time constant of the sliding threshold [ms]
    double rho0 = 10.0;         // theta follows r_post^2 / rho0 [Hz]
    double theta0 = 10.0;       // initial threshold [Hz]
    double period = 10.0;       // time between two updates [ms]
    double w_min = 0.0;         // [nA]
    double w_max = 1.0;         // [nA]

    // In trace units (a rate r is the trace r tau, tau in s) the threshold is Theta = theta tau.
    // The update per period per unit of trace cube, K = eta P / tau^3 [nA].
    double gain() const { return eta * (period * 1e-3) / (tau * 1e-3 * tau * 1e-3 * tau * 1e-3); }
    // The threshold's Euler step, a = P / tau_theta [1], at most 1: with tau_theta below the
    // period the threshold takes its target every period (a larger step would overshoot).
    double theta_step() const { return std::min(1.0, period / tau_theta); }
    // Theta's target per unit of y^2, c = 1 / (tau rho0) [1/trace]: Theta <- Theta + a (c y^2 - Theta).
    double theta_scale() const { return 1.0 / (tau * 1e-3 * rho0); }
    // The initial threshold as a trace, theta0 tau [1].
    double theta0_trace() const { return theta0 * tau * 1e-3; }
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

struct bcm {
    using params = bcm_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
