#pragma once
// The instantiated network: every synapse of every projection with its initial weight and
// delay, built once from the experiment's seed and shared by every model layer. A layer
// stores weights in its own number format; who connects to whom never differs.

#include <cstdint>
#include <vector>

#include "experiment/experiment.hpp"

namespace plasticore {

// A run of synapses [begin, end) of one row that share a delay: what one presynaptic spike
// reaches at one arrival step, and the unit every layer's delay line and synapse pipeline moves.
struct row_segment {
    std::uint32_t begin, end;
    std::uint32_t delay;  // [steps]
};

// The synapses of one projection in rows: synapse s belongs to the row of pre[s]; rows are
// ordered by pre, and within a row by delay then post, so that the synapses a presynaptic
// spike reaches at one arrival step are contiguous.
struct synapse_table {
    int n_pre = 0;
    int n_post = 0;
    std::vector<std::uint32_t> pre;
    std::vector<std::uint32_t> post;
    std::vector<std::uint32_t> delay;    // [steps], >= 1
    std::vector<double> weight;          // initial weight [nA]
    std::vector<std::uint32_t> row_start;      // n_pre + 1 offsets into the synapse arrays
    // Incoming synapses of each post neuron (for postsynaptic plasticity events), ordered by
    // synapse index.
    std::vector<std::uint32_t> column_start;   // n_post + 1 offsets into column_synapse
    std::vector<std::uint32_t> column_synapse;
    std::vector<row_segment> segments;             // each row split by delay, rows in order
    std::vector<std::uint32_t> row_segment_start;  // n_pre + 1 offsets into segments
    std::uint32_t max_delay = 1;  // [steps]

    std::size_t size() const { return pre.size(); }
};

struct network {
    std::vector<synapse_table> projections;  // indexed like experiment::projections
    // Per population (indexed like experiment::populations): each neuron's membrane potential
    // at t = 0 [mV], drawn when its v_init_sd_mv > 0; empty: every neuron starts at v_init.
    std::vector<std::vector<double>> initial_v;
};

network build_network(const experiment& ex);

}  // namespace plasticore
