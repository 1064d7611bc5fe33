#pragma once
// The interface every golden plasticity rule implements. The step loop calls it at the points
// docs/semantics.md fixes (presynaptic arrivals, then postsynaptic spikes, then end of step),
// so a new rule (triplet STDP, reward-modulated STDP, homeostatic scaling) is one new class
// and one line in make_rule(): the neuron loop and the spike delivery do not change.
// Calls are per row segment or per neuron, never per synapse, so the virtual call is off the
// per-synapse path.

#include <cstdint>
#include <memory>

#include "experiment/experiment.hpp"
#include "math/scalar.hpp"
#include "network/network.hpp"

namespace plasticore::golden {

using math::high_precision;
using math::exp_of;
using math::expm1_of;
using math::to_double;

template <typename Real>
class plasticity_rule {
public:
    virtual ~plasticity_rule() = default;

    // A presynaptic spike arrived at synapses [begin, end) of `table` at `step`; each synapse
    // has already transmitted its weight (transmit = "after_update": transmits it next).
    virtual void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) = 0;

    // Postsynaptic neuron `post` spiked at `step`.
    virtual void on_post(std::int64_t step, std::uint32_t post, Real* weight) = 0;

    // After every event of `step` (hook for rules with a per-step component).
    virtual void end_of_step(std::int64_t /*step*/, Real* /*weight*/) {}
};

// The rule of a projection, or nullptr for static synapses.
template <typename Real>
std::unique_ptr<plasticity_rule<Real>> make_rule(const projection& pr, const synapse_table& table,
                                                 double dt_ms);

}  // namespace plasticore::golden
