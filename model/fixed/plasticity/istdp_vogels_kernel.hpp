#pragma once
// Inhibitory STDP in the bit-true datapath: pair STDP's deferred control (pair_trace_kernel)
// driving the inhibitory-STDP unit. Every presynaptic arrival updates every synapse of the
// segment (w += eta (x_post - alpha)), also before its post neuron has ever spiked (x_post = 0:
// the update is -eta alpha); post spikes are replayed at the next arrival (w += eta x_pre).

#include "fixed/plasticity/istdp_vogels_unit.hpp"
#include "fixed/plasticity/stdp_pair_kernel.hpp"
#include "plasticity/istdp_vogels.hpp"

namespace plasticore::fixed {

template <>
class rule_kernel<plasticity::istdp_vogels>: public pair_trace_kernel<istdp_vogels_unit, true> {
public:
    using pair_trace_kernel::pair_trace_kernel;
};

}  // namespace plasticore::fixed
