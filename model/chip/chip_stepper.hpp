#pragma once
// Drives the one fixed::engine of the whole network through the phases of each step, in the
// order fixed::run uses (so results are bit-identical by construction), and charges the work of
// each phase to the cores that hold it (docs/chip.md, "Timing"): neuron updates and input folds
// to the core of each slice, row segments to the cores of their post neurons (a segment whose
// post neurons lie on several cores is cut at the slice boundaries), post-history writes to the
// core of the spiking post neuron. Costs come from the core's cost functions
// (core/core_model.hpp) and the [core] timing.

#include <cstdint>
#include <vector>

#include "chip/placement.hpp"
#include "chip/router.hpp"
#include "config/core_config.hpp"
#include "experiment/experiment.hpp"
#include "fixed/engine.hpp"
#include "network/network.hpp"

namespace plasticore::chip {

// What one step asks of one core.
struct core_step_work {
    std::uint64_t neuron_cycles = 0;     // neuron update of its slices (with the pipeline fill)
    std::uint64_t synapse_cycles = 0;    // arriving row segments and periodic sweeps
    std::uint64_t fold_cycles = 0;       // input slots into currents
    std::uint64_t post_cycles = 0;       // modulator and post-history entries written
    std::vector<packet> packets;         // one per spike of a routed slice, in engine order
    std::uint64_t spikes = 0, synaptic_events = 0, row_segments = 0;
};

class chip_stepper {
public:
    // defer_enqueue: the step's spikes enter the delay lines only in end(), once it is known
    // which packets were dropped (router_full = "drop").
    chip_stepper(fixed::engine& e, const experiment& ex, const network& net, const placement& pl, bool defer_enqueue);

    // Step n's phases up to the periodic sweeps (and, unless deferred, the enqueue and the end
    // of the step); out gets each core's work.
    void begin(std::int64_t n, std::vector<core_step_work>& out);
    // Deferred mode: the spikes of step n whose packets were not dropped (dropped[i] for the
    // i-th event of the step) into the delay lines, then the end of the step.
    void end(std::int64_t n, const std::vector<char>& dropped);

    // Row segments that a spike of (group, neuron) writes into the delay lines of core `core`.
    std::uint64_t segments_on(std::uint32_t core, std::uint32_t group, std::uint32_t neuron) const;
    // Events of the last step begun (packet::event indexes them).
    std::size_t events() const { return events_.size(); }

private:
    struct part {
        std::uint32_t core;
        std::uint32_t synapses;
    };
    // The cores a row segment's synapses lie on, with their counts (ascending post).
    void parts_of(std::size_t k, const row_segment& seg, std::vector<part>& out) const;

    fixed::engine& e_;
    const experiment& ex_;
    const network& net_;
    const placement& pl_;
    const core::core_config& cfg_;
    bool defer_;
    std::vector<std::uint32_t> post_group_;                 // per projection
    std::vector<std::vector<std::size_t>> outgoing_;        // per group: its projections
    std::vector<std::uint64_t> periodic_synapses_;          // per core: synapses of periodic rules
    std::uint64_t periodic_total_ = 0;
    std::vector<char> plastic_core_;                        // per core: holds plastic synapses
    std::vector<fixed::aer_event> events_;
    std::vector<part> parts_;
};

}  // namespace plasticore::chip
