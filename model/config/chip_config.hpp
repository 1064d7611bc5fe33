#pragma once
// The [chip] section: a SpiNNaker-like chip of cores joined by a multicast router (docs/chip.md).
// Only --model chip reads it. Nothing here changes arithmetic; every key changes placement,
// routing or cycles, except router_full = "drop", which loses packets when the router's queue is
// full (counted; results then differ from the fixed model). Header-only, like core_config.hpp,
// so the experiment loader can hold it without linking SystemC.

#include <cstdint>

namespace plasticore::chip {

enum class router_full_policy : std::uint8_t {
    wait,  // the sending core stalls until a queue slot frees (counted as stall cycles)
    drop,  // the packet is lost (counted; results then differ from the fixed model)
};

// Defaults follow SpiNNaker (docs/chip.md cites the sources): 18 cores, 256 neurons per core,
// a 1024-entry key/mask multicast table. Every core is timed by the [core] section.
struct chip_config {
    int cores = 18;                              // cores on the chip [1, 1024]
    int neurons_per_core = 256;                  // neurons (and spike-source channels) per core [1, 1 << 20]
    std::int64_t synapse_words_per_core = 65536; // synapse memory per core [synaptic words] [1, 2^40]
    int router_table_entries = 1024;             // key/mask entries of the multicast table [1, 1 << 20]
    int router_cycles_per_packet = 1;            // router: cycles to look up and forward one packet [1, 1024]
    int router_queue_depth = 16;                 // router input queue [packets] [1, 1 << 20]
    router_full_policy router_full = router_full_policy::wait;
    int link_latency_cycles = 1;                 // core<->router link: cycles from send to arrival [0, 1 << 20]
    int link_cycles_per_packet = 1;              // core<->router link: cycles a packet occupies it (1/bandwidth) [1, 1024]
};

}  // namespace plasticore::chip
