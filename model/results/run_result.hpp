#pragma once
// What a run produces, in the same form for every model layer, so that the result files of
// golden, fixed, core and core-with-RTL runs can be compared byte for byte.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace plasticore {

struct spike_event {
    std::int64_t step;
    std::uint32_t group;   // index into run_result::spike_groups
    std::uint32_t neuron;
};

struct state_sample {
    std::int64_t step;      // the state at the start of this step (before its update)
    std::uint32_t population;  // index into experiment::populations
    std::uint32_t neuron;
    double v;    // membrane potential [mV]
    double i_e;  // excitatory synaptic current [nA]
    double i_i;  // inhibitory synaptic current [nA]
};

struct weight_snapshot {
    std::int64_t step;          // taken at the end of step - 1, i.e. at time step * dt
    std::uint32_t projection;   // index into experiment::projections
    std::vector<double> weight; // [nA], in synapse_table order
};

struct group_spike_count {
    std::string name;
    bool is_population = true;
    int size = 0;
    std::uint64_t spikes = 0;
};

struct run_result {
    std::string model;       // "golden", ...
    std::string precision;   // scalar type or number formats of the run
    double dt = 0.0;         // [ms]
    std::int64_t steps = 0;
    std::uint64_t seed = 0;
    std::vector<std::string> spike_groups;  // names of the recorded populations and sources
    std::vector<spike_event> spikes;        // ordered by step, then group, then neuron
    std::vector<group_spike_count> counts;  // every population and source
    std::vector<state_sample> state;
    std::vector<weight_snapshot> snapshots;     // recorded at intervals
    std::vector<std::vector<double>> final_weights;  // per projection [nA]
    std::map<std::string, std::uint64_t> counters;   // events worth reporting, by name
    // Set-up problems that make the results suspect without making the run impossible, each
    // naming the variable, its exact and its quantized value (a constant of the datapath that
    // quantizes to 0, a decay that quantizes to 1). Layers append; summary.json lists them.
    std::vector<std::string> warnings;
    double wall_seconds = 0.0;
    // JSON object text written as summary.json's "core" (the SystemC core's timing report,
    // docs/architecture.md); empty for the other layers.
    std::string core_report;
    // JSON object text written as summary.json's "chip" (--model chip: placement, per-core
    // timing, router and link traffic, docs/chip.md); empty for the other layers.
    std::string chip_report;
    // JSON object texts written as summary.json's "energy" and "area" (model/energy,
    // docs/energy.md); empty for the layers other than the core.
    std::string energy_report, area_report;
    // The core only: busy cycles of each tick (core_ticks.csv), against summary.json's
    // core.tick_budget_cycles.
    std::vector<std::uint32_t> busy_cycles_per_tick;
};

}  // namespace plasticore
