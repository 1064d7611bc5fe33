#include "chip/router.hpp"

#include <algorithm>

namespace plasticore::chip {

using namespace sc_core;

router::router(sc_module_name name, const chip_config& cfg, std::vector<route_entry> table, sc_time period,
               std::size_t cores, deliver_fn deliver):
    sc_module(name),
    cfg_(cfg),
    table_(std::move(table)),
    period_(period),
    deliver_(std::move(deliver)),
    in_free_(cores, 0),
    out_free_(cores, 0),
    in_busy_(cores, 0),
    out_busy_(cores, 0) {
    SC_THREAD(run);
}

std::uint64_t router::now() const { return sc_time_stamp().value() / period_.value(); }

bool router::send(const packet& p) {
    const auto depth = static_cast<std::uint64_t>(cfg_.router_queue_depth);
    if (occupancy_ >= depth) {
        if (cfg_.router_full == router_full_policy::drop) {
            ++stats_.dropped;
            return false;
        }
        const std::uint64_t from = now();
        while (occupancy_ >= depth) wait(space_);
        stats_.stall_cycles += now() - from;
    }
    ++occupancy_;
    stats_.queue_high_water = std::max(stats_.queue_high_water, occupancy_);
    const auto per = static_cast<std::uint64_t>(cfg_.link_cycles_per_packet);
    std::uint64_t& link_free = in_free_[p.source_core];
    const std::uint64_t start = std::max(now(), link_free);
    link_free = start + per;
    in_busy_[p.source_core] += per;
    pending_.push({start + per + static_cast<std::uint64_t>(cfg_.link_latency_cycles), order_++, p});
    arrived_.notify(SC_ZERO_TIME);
    return true;
}

void router::run() {
    const auto per = static_cast<std::uint64_t>(cfg_.link_cycles_per_packet);
    const auto forward = static_cast<std::uint64_t>(cfg_.router_cycles_per_packet);
    for (;;) {
        if (pending_.empty()) {
            wait(arrived_);
            continue;
        }
        const std::uint64_t t = now();
        if (pending_.top().arrival > t) {  // an earlier packet may still be sent meanwhile
            wait(cycles(pending_.top().arrival - t), arrived_);
            continue;
        }
        const packet p = pending_.top().p;
        pending_.pop();
        wait(cycles(forward));
        stats_.busy_cycles += forward;
        ++stats_.packets;
        --occupancy_;
        space_.notify();
        const int hit = match_route(table_, p.key);
        if (hit < 0) {
            ++stats_.misses;
            continue;
        }
        ++stats_.hits;
        const std::uint64_t done = now();
        for (std::uint32_t target: table_[static_cast<std::size_t>(hit)].targets) {
            std::uint64_t& link_free = out_free_[target];
            const std::uint64_t start = std::max(done, link_free);
            link_free = start + per;
            out_busy_[target] += per;
            ++stats_.deliveries;
            deliver_(target, p, start + per + static_cast<std::uint64_t>(cfg_.link_latency_cycles));
        }
    }
}

}  // namespace plasticore::chip
