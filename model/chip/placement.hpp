#pragma once
// Where the network lives on the chip (docs/chip.md, "Mapper"): populations and spike sources cut
// into slices of consecutive neurons, each slice on one core, and the router's key/mask table.

#include <cstdint>
#include <string>
#include <vector>

namespace plasticore::chip {

// Neurons [first, first + size) of group `group` (populations first, then sources, in experiment
// order, as fixed::aer_event numbers them) on core `core`.
struct slice {
    std::uint32_t group = 0;
    std::uint32_t first = 0, size = 0;
    std::uint32_t core = 0;
    bool routed = false;    // some synapse leaves this slice: it has a table entry and a key
    std::uint32_t key = 0;  // routing key of its neuron 0: slice id << neuron_bits
};

// One multicast table entry: a packet whose key k has (k & mask) == key goes to every core in
// `targets` (SpiNNaker's first-match key/mask lookup).
struct route_entry {
    std::uint32_t key = 0, mask = 0;
    std::vector<std::uint32_t> targets;  // ascending core ids
};

// Index of the first entry matching `key`, or -1 (a miss).
inline int match_route(const std::vector<route_entry>& table, std::uint32_t key) {
    for (std::size_t i = 0; i < table.size(); ++i)
        if ((key & table[i].mask) == table[i].key) return static_cast<int>(i);
    return -1;
}

struct core_load {
    std::uint32_t neurons = 0;          // population neurons and source channels placed
    std::uint64_t synapse_words = 0;    // synapses whose post neuron is here
    std::vector<std::uint32_t> slices;  // indices into placement::slices
};

struct placement {
    int neuron_bits = 1;                  // low key bits: the neuron within its slice
    std::vector<slice> slices;            // in placement order
    std::vector<core_load> cores;         // every core of the chip
    std::vector<route_entry> table;       // one entry per routed slice, in slice order
    std::vector<std::vector<std::uint32_t>> group_slices;  // per group: its slices, by first neuron
    std::vector<std::string> group_names;

    // The slice of neuron `neuron` of group `group`.
    const slice& slice_of(std::uint32_t group, std::uint32_t neuron) const;
    std::uint32_t cores_used() const;
    // One line per used core: "core 3: exc[256, 512) inh[0, 40) | 296 neurons, 41210 synapse words".
    std::vector<std::string> describe() const;
};

}  // namespace plasticore::chip
