#pragma once
// The multicast router and its links (docs/chip.md, "Router"), event-scheduled: no clocked
// process; each packet costs computed cycles.
//
// A core sends a packet with send() from its own SC_THREAD. The router's input queue holds
// router_queue_depth packets; a slot is taken when the packet is sent (credit-based flow
// control: packets still on the core->router link count) and freed when the router has
// forwarded it. Queue full: "wait" stalls the sender until a slot frees (stall cycles),
// "drop" loses the packet (counted). The core->router link of each core carries one packet per
// link_cycles_per_packet cycles, and a packet arrives link_latency_cycles after it has been put
// on the link. The router takes packets in arrival order, router_cycles_per_packet cycles each,
// matches the key against the table (first match; a miss is counted and the packet dropped) and
// puts a copy on the router->core link of every target (same link timing), whose arrival cycle
// it reports through the deliver callback.

#include <systemc>

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "chip/placement.hpp"
#include "config/chip_config.hpp"

namespace plasticore::chip {

struct packet {
    std::uint32_t key = 0;
    std::uint32_t source_core = 0;
    std::int64_t step = 0;       // the step whose spike it carries
    std::uint32_t group = 0, neuron = 0;  // the spike (for the receiving core's bookkeeping)
    std::uint32_t event = 0;              // its index among the step's spikes (fixed::engine::collect_spikes)
};

struct router_stats {
    std::uint64_t packets = 0;           // packets forwarded or missed (left the queue)
    std::uint64_t hits = 0, misses = 0;  // table lookups
    std::uint64_t deliveries = 0;        // packet copies put on router->core links
    std::uint64_t dropped = 0;           // lost at a full queue (router_full = "drop")
    std::uint64_t stall_cycles = 0;      // senders waiting for a queue slot (router_full = "wait")
    std::uint64_t queue_high_water = 0;  // most queue slots taken at once
    std::uint64_t busy_cycles = 0;       // cycles spent forwarding
};

class router : public sc_core::sc_module {
public:
    // target core, the packet, the cycle its copy arrives at the target.
    using deliver_fn = std::function<void(std::uint32_t, const packet&, std::uint64_t)>;

    SC_HAS_PROCESS(router);
    router(sc_core::sc_module_name name, const chip_config& cfg, std::vector<route_entry> table,
           sc_core::sc_time period, std::size_t cores, deliver_fn deliver);

    // From a core's SC_THREAD (may wait). False: the packet was dropped at a full queue.
    bool send(const packet& p);

    const router_stats& stats() const { return stats_; }
    // Cycles each link carried packets (link_cycles_per_packet per packet).
    const std::vector<std::uint64_t>& to_router_busy() const { return in_busy_; }
    const std::vector<std::uint64_t>& from_router_busy() const { return out_busy_; }
    // The current simulation time in cycles.
    std::uint64_t now() const;

private:
    struct in_flight {
        std::uint64_t arrival;  // [cycles]
        std::uint64_t order;    // send order: ties keep it
        packet p;
        bool operator>(const in_flight& o) const { return arrival != o.arrival ? arrival > o.arrival : order > o.order; }
    };

    void run();
    sc_core::sc_time cycles(std::uint64_t n) const { return period_ * static_cast<double>(n); }

    chip_config cfg_;
    std::vector<route_entry> table_;
    sc_core::sc_time period_;
    deliver_fn deliver_;
    std::priority_queue<in_flight, std::vector<in_flight>, std::greater<in_flight>> pending_;
    std::uint64_t occupancy_ = 0, order_ = 0;
    std::vector<std::uint64_t> in_free_, out_free_, in_busy_, out_busy_;  // [cycles]
    sc_core::sc_event arrived_, space_;
    router_stats stats_;
};

}  // namespace plasticore::chip
