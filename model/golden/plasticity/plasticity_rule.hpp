#pragma once
// The interface every golden plasticity rule implements. The step loop calls it at the points
// docs/semantics.md fixes (presynaptic arrivals, modulator events, postsynaptic spikes, end of
// step), so a rule is one class: the neuron loop and the spike delivery do not change.
// Calls are per row segment or per neuron, never per synapse, so the virtual call is off the
// per-synapse path.

#include <cstdint>
#include <memory>
#include <tuple>

#include "experiment/experiment.hpp"
#include "math/scalar.hpp"
#include "network/network.hpp"

namespace plasticore::golden {

using math::exp_of;
using math::expm1_of;
using math::high_precision;
using math::to_double;

template <typename Real>
class plasticity_rule {
public:
    virtual ~plasticity_rule() = default;

    // Whether weights change between the rule's events (then before_transmission is called).
    virtual bool moves_between_events() const { return false; }

    // A presynaptic spike arrives at synapses [begin, end) of `table` at `step`, before they
    // transmit: rules whose weights move between events bring them up to t_step here.
    virtual void before_transmission(std::int64_t /*step*/, std::uint32_t /*begin*/, std::uint32_t /*end*/,
                                     Real* /*weight*/) {}

    // ... and after each synapse has transmitted its weight (transmit = "after_update": before
    // the synapses transmit).
    virtual void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) = 0;

    // A modulator (reward) event of `amount` [1/s] reaches the projection at `step`.
    virtual void on_modulator(std::int64_t /*step*/, double /*amount*/, Real* /*weight*/) {}

    // Postsynaptic neuron `post` spiked at `step`.
    virtual void on_post(std::int64_t step, std::uint32_t post, Real* weight) = 0;

    // After every event of `step` (hook for rules with a per-step component).
    virtual void end_of_step(std::int64_t /*step*/, Real* /*weight*/) {}

    // A periodic rule: steps between two periodic updates (0: none). periodic() runs in the
    // periodic phase of every step n with (n + 1) % period_steps() == 0, after every event of
    // the step (docs/semantics.md, step 7).
    virtual std::int64_t period_steps() const { return 0; }
    virtual void periodic(std::int64_t /*step*/, Real* /*weight*/) {}

    // The weights as they are at t_step (snapshots, final weights), without changing any state;
    // out has table.size() entries. Rules whose weights move only at events copy `weight`.
    virtual void weights_at(std::int64_t /*step*/, const Real* weight, Real* out, std::size_t n) const {
        for (std::size_t s = 0; s < n; ++s) out[s] = weight[s];
    }
};

// The golden implementation of each rule of plasticity::all_rules: golden_rule<Rule>::type<Real>
// derives from plasticity_rule<Real> and is constructed from (params, table, dt_ms). Declared
// here, specialised by each rule's header; a rule without one fails to compile in make_rule.cpp.
template <class Rule>
struct golden_rule;

// The golden implementations of every rule of a rule_list, for a scalar Real: naming this type
// for plasticity::all_rules (make_rule.cpp does) fails to compile if a rule has none.
template <class List, class Real>
struct golden_rules;
template <class... Rules, class Real>
struct golden_rules<plasticity::rule_list<Rules...>, Real> {
    using types = std::tuple<typename golden_rule<Rules>::template type<Real>...>;
};

// The rule of a projection, or nullptr for static synapses.
template <typename Real>
std::unique_ptr<plasticity_rule<Real>> make_rule(const projection& pr, const synapse_table& table,
                                                 double dt_ms);

}  // namespace plasticore::golden
