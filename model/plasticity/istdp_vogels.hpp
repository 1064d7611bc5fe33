#pragma once
// Inhibitory STDP after Vogels, Sprekeler, Zenke, Clopath & Gerstner (2011), Science 334:1569
// (docs/semantics.md, "Inhibitory STDP"). A symmetric window on (inhibitory) synapses: pre and
// post traces with one time constant tau; a presynaptic spike changes the weight by
// eta (x_post - alpha), a postsynaptic spike by eta x_pre, with alpha = 2 rho0 tau, so that the
// postsynaptic neuron settles at the target rate rho0.

#include "plasticity/declaration.hpp"

namespace plasticore {

struct istdp_vogels_params {
    double eta = 0.001;  // learning rate: weight change per unit trace [nA]
    double tau = 20.0;   // time constant of both traces [ms] (Vogels et al. 2011)
    double rho0 = 5.0;   // target postsynaptic rate [Hz] (Vogels et al. 2011: 5 Hz)
    double w_min = 0.0;  // [nA]
    double w_max = 1.0;  // [nA]

    // The presynaptic depression offset alpha = 2 rho0 tau [1].
    double alpha() const { return 2.0 * rho0 * tau * 1e-3; }
};

namespace plasticity {

struct istdp_vogels {
    using params = istdp_vogels_params;
    static const declaration<params>& declare();
};

}  // namespace plasticity
}  // namespace plasticore
