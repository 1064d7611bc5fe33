#pragma once
// The instantiated network: every synapse of every projection with its initial weight and
// delay, built once from the experiment's seed and shared by every model layer. A layer
// stores weights in its own number format; who connects to whom never differs.
//
// Storage (docs/network.md): a synapse holds only what differs per synapse, its post neuron
// and its initial weight (12 bytes). Its presynaptic neuron is its row (row_start) and its
// delay is its row segment's; the column index exists only for projections with a rule,
// the only ones that need a post neuron's incoming synapses.

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

// The synapses of one projection in rows: rows are ordered by pre, and within a row by delay
// then post (then creation order), so that the synapses a presynaptic spike reaches at one
// arrival step are contiguous.
struct synapse_table {
    int n_pre = 0;
    int n_post = 0;
    std::vector<std::uint32_t> post;
    std::vector<double> weight;                // initial weight [nA]
    std::vector<std::uint32_t> row_start;      // n_pre + 1 offsets into the synapse arrays
    std::vector<std::uint32_t> column_start;   // n_post + 1: synapses into post neurons < j
    // Incoming synapses of each post neuron ordered by synapse index (for postsynaptic
    // plasticity events); empty for static projections.
    std::vector<std::uint32_t> column_synapse;
    std::vector<row_segment> segments;             // each row split by delay, rows in order
    std::vector<std::uint32_t> row_segment_start;  // n_pre + 1 offsets into segments
    std::uint32_t max_delay = 1;  // [steps]

    std::size_t size() const { return post.size(); }
    // The presynaptic neuron and the delay [steps] of synapse s (a binary search: for
    // single look-ups; loops over every synapse use for_each_synapse).
    std::uint32_t pre_of(std::size_t s) const;
    std::uint32_t delay_of(std::size_t s) const;

    // f(pre, delay [steps], s) for every synapse s in index order.
    template <class F>
    void for_each_synapse(F&& f) const {
        for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n_pre); ++i)
            for (std::uint32_t g = row_segment_start[i]; g < row_segment_start[i + 1]; ++g)
                for (std::uint32_t s = segments[g].begin; s < segments[g].end; ++s) f(i, segments[g].delay, s);
    }
};

struct network {
    std::vector<synapse_table> projections;  // indexed like experiment::projections
    // Per population (indexed like experiment::populations): each neuron's membrane potential
    // at t = 0 [mV], drawn when its v_init_sd_mv > 0; empty: every neuron starts at v_init.
    std::vector<std::vector<double>> initial_v;
};

// Projections are built on up to `threads` threads (0: one per hardware thread); each draws
// from its own streams, so the network does not depend on the thread count.
network build_network(const experiment& ex, unsigned threads = 0);

}  // namespace plasticore
