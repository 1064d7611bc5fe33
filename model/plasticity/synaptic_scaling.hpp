#pragma once
// Synaptic scaling after Turrigiano et al. (1998), Nature 391:892, in the multiplicative form of
// van Rossum, Bi & Turrigiano (2000), J Neurosci 20:8812 (docs/semantics.md, "Synaptic
// scaling"). Each postsynaptic neuron keeps a slow rate estimate, a trace x that jumps by 1 at
// each of its spikes and decays with tau_rate (rate estimate x / tau_rate). Every period, each
// weight onto the neuron is multiplied by 1 + eta (target - x / tau_rate), then clipped: the
// weights of a neuron all scale by the same factor, so their ratios are kept. Every projection
// with this rule into a population sees the same spikes and, with the same parameters (the
// loader requires them), computes the same factor: the scaling acts across all of them.

#include "plasticity/declaration.hpp"

namespace plasticore {

struct synaptic_scaling_params {
    double eta = 0.01;        // relative weight change per period per Hz of rate error [1/Hz]
    double tau_rate = 1000.0; // time constant of the rate estimate [ms]
    double target = 5.0;      // target postsynaptic rate [Hz]
    double period = 100.0;    // time between two scalings [ms]
    double w_min = 0.0;       // [nA]
    double w_max = 1.0;       // [nA]

    // The target as a trace value, target tau_rate [1].
    double target_trace() const { return target * tau_rate * 1e-3; }
    // The factor's gain per unit of trace error, eta / tau_rate [1/trace].
    double gain() const { return eta * 1e3 / tau_rate; }
};

namespace plasticity {

struct synaptic_scaling {
    using params = synaptic_scaling_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
