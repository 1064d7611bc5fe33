#pragma once
// What the engine (fixed/engine.hpp) and a plasticity rule's kernel exchange. A kernel is the
// rule's control in the bit-true datapath: it owns the rule's state arrays (row-segment
// headers, post history, per-synapse words beyond the weight, projection registers) and its
// unit (the arithmetic), and issues every rounding operation as a transaction
// (transaction.hpp) through an executor, so the same control drives the engine's own C++ unit,
// the SystemC core's plasticity socket or the verilated RTL.
//
// rule_kernel<Rule> is specialised once per rule of plasticity::all_rules (one header per rule
// in this folder); the engine holds a variant over all of them, so a rule without a kernel
// fails to compile. Every kernel has:
//   rule_kernel(const Params&, const kernel_setup&)
//   segment_work on_arrival(g, n, weight, transmit, exec, k)   step 4: replay, transmit, pre event
//   std::size_t on_post(j, n, exec, k)                          step 6: a post spike (entries written)
//   std::size_t on_modulator(n, amount, exec, k)                step 5: a modulator event
//   std::size_t bring_up_to(n, weight, exec, k)                 every synapse brought to step n
//   void weights_at(n, weight, out)                             the same on scratch copies (snapshots)
// and a periodic rule (event bit `periodic`) also
//   std::int64_t period_steps() const                           steps between two sweeps
//   periodic_work on_periodic(n, weight, exec, k)               step 7: the sweep (after the
//                                                               engine brought every synapse to n + 1)
//   unit_type& unit(); void add_counters(counters&) const; memory_layout memory() const;
// where exec(unit, k, request) -> response runs one transaction and transmit(s, j, w) adds the
// stored-width weight w of synapse s into neuron j's input slot.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <type_traits>
#include <utility>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_point/requantize.hpp"
#include "network/network.hpp"

namespace plasticore::fixed {

// What one arriving row segment cost the synapse pipeline.
struct segment_work {
    std::uint32_t synapses = 0;     // synaptic words read (= transmissions)
    std::uint32_t replayed = 0;     // post-history entries replayed (deferred updates)
    std::uint32_t depressions = 0;  // presynaptic-event updates of a synapse
    std::uint32_t write_backs = 0;  // synaptic words written back
    std::uint32_t extra_ops = 0;    // further per-synapse transactions (e.g. reward integration)
    bool plastic = false;           // the row header was read and written
};

// What one periodic sweep of a projection cost (the core charges it to the synapse pipeline).
struct periodic_work {
    std::size_t sweeps = 0;       // projections swept
    std::size_t replayed = 0;     // deferred updates brought up to date before the sweep
    std::size_t neurons = 0;      // per-post-neuron registers read (rate estimates)
    std::size_t neuron_writes = 0; // per-post-neuron registers written back (BCM's threshold)
    std::size_t segments = 0;     // row segments swept (one header fetch each)
    std::size_t synapses = 0;     // synaptic words read
    std::size_t ops = 0;          // plasticity transactions besides write-backs
    std::size_t write_backs = 0;  // synaptic words written back

    periodic_work& operator+=(const periodic_work& o) {
        sweeps += o.sweeps;
        replayed += o.replayed;
        neurons += o.neurons;
        neuron_writes += o.neuron_writes;
        segments += o.segments;
        synapses += o.synapses;
        ops += o.ops;
        write_backs += o.write_backs;
        return *this;
    }
};

// Whether kernel K is a periodic rule's (has period_steps()).
template <class K, class = void>
struct is_periodic_kernel : std::false_type {};
template <class K>
struct is_periodic_kernel<K, std::void_t<decltype(std::declval<const K&>().period_steps())>> : std::true_type {};

// Everything a kernel's constructor needs besides the rule's parameters.
struct kernel_setup {
    const synapse_table& table;
    weight_scale scale;
    double dt_ms;
    const hardware_config& hw;
    std::uint32_t seed;  // of the unit's generator (stream_seed)
    // projection::transmit = after_update: a synapse transmits the weight after its own
    // presynaptic update (PyNN's order; docs/semantics.md, step 4), not before it.
    bool transmit_after_update = false;
};

// Where the rule's state lives, for the core's memory report.
struct memory_layout {
    int synapse_bits = 0;        // per synapse beyond weight, delay and target
    std::string synapse;         // "eligibility c s16.8"
    int header_bits = 0;         // per row segment
    std::string header;
    int history_entry_bits = 0;  // per post-history entry
    std::string history_entry;
    std::size_t history_entries = 0;  // per post neuron
    std::uint64_t projection_bits = 0;  // registers and queues of the projection
    std::string projection;
};

template <class Rule>
class rule_kernel;

// A unit whose product rounding R a kernel resolved once (Unit::with_product_rounding) for a
// loop of transactions: executors see it as the unit (execute() runs Unit::execute_as<R>, the
// same arithmetic as Unit::execute without the per-operation dispatch on the mode).
template <class Unit, fixed_point::rounding R>
struct rounded_unit {
    Unit& unit;
    PLASTICORE_FX_INLINE synapse_response execute(const synapse_request& r) { return unit.template execute_as<R>(r); }
};

// The executor of the fixed layer: the kernel's own unit, inlined.
struct direct_exec {
    template <class Unit>
    PLASTICORE_FX_INLINE synapse_response operator()(Unit& unit, std::size_t /*projection*/,
                                                     const synapse_request& r) const {
        return unit.execute(r);
    }
};

}  // namespace plasticore::fixed
