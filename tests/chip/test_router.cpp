// Directed router scenarios (docs/chip.md, "Router"), each cycle count worked out by hand from
// the configuration: one packet's latency, a full queue under "wait" (stall cycles) and "drop"
// (drop count), a routing-table miss (counted, not delivered). One SystemC elaboration per test
// process (each TEST_CASE is its own ctest).
#include <catch2/catch.hpp>

#include <systemc>

#include <vector>

#include "chip/router.hpp"

using namespace plasticore;
using namespace sc_core;

namespace {

struct delivery {
    std::uint32_t target;
    std::uint32_t key;
    std::uint64_t arrival;
};

// A sender core: at cycle 0 sends `keys` back to back from core 0 (no gap between them).
SC_MODULE(sender) {
    chip::router* r = nullptr;
    std::vector<std::uint32_t> keys;
    std::vector<bool> accepted;
    std::uint64_t finished = 0;  // cycle the last send returned

    SC_CTOR(sender) { SC_THREAD(run); }
    void run() {
        for (std::uint32_t k: keys) {
            chip::packet p;
            p.key = k;
            accepted.push_back(r->send(p));
        }
        finished = r->now();
    }
};

struct bench {
    std::vector<delivery> delivered;
    std::unique_ptr<chip::router> r;
    std::unique_ptr<sender> s;

    bench(const chip::chip_config& cfg, std::vector<chip::route_entry> table, std::vector<std::uint32_t> keys) {
        const sc_time period(5, SC_NS);  // 200 MHz
        r = std::make_unique<chip::router>("router", cfg, std::move(table), period, 4,
                                           [this](std::uint32_t t, const chip::packet& p, std::uint64_t at) {
                                               delivered.push_back({t, p.key, at});
                                           });
        s = std::make_unique<sender>("sender");
        s->r = r.get();
        s->keys = std::move(keys);
        sc_start();
    }
};

// Keys 0x100-0x1FF go to cores 1 and 3.
std::vector<chip::route_entry> one_entry() { return {{0x100u, 0xFFFFFF00u, {1, 3}}}; }

}  // namespace

TEST_CASE("router: one packet arrives after link + latency, the router's cycles, link + latency", "[systemc]") {
    chip::chip_config cfg;
    cfg.link_latency_cycles = 7;
    cfg.link_cycles_per_packet = 3;
    cfg.router_cycles_per_packet = 5;
    bench b(cfg, one_entry(), {0x105});
    // Sent at 0: on the link 0-3, at the router at 3 + 7 = 10, forwarded 10-15; each copy on
    // its router->core link 15-18, at the core at 18 + 7 = 25.
    REQUIRE(b.delivered.size() == 2);
    CHECK(b.delivered[0].target == 1);
    CHECK(b.delivered[1].target == 3);
    CHECK(b.delivered[0].arrival == 25);
    CHECK(b.delivered[1].arrival == 25);
    const auto& st = b.r->stats();
    CHECK(st.packets == 1);
    CHECK(st.hits == 1);
    CHECK(st.misses == 0);
    CHECK(st.deliveries == 2);
    CHECK(st.queue_high_water == 1);
    CHECK(st.busy_cycles == 5);
    CHECK(b.r->to_router_busy()[0] == 3);
    CHECK(b.r->from_router_busy()[1] == 3);
    CHECK(b.r->from_router_busy()[3] == 3);
    CHECK(b.r->from_router_busy()[2] == 0);
}

TEST_CASE("router: a full queue under wait stalls the sender for the cycles computed by hand", "[systemc]") {
    chip::chip_config cfg;
    cfg.router_queue_depth = 4;
    cfg.router_cycles_per_packet = 10;
    cfg.link_latency_cycles = 0;
    cfg.link_cycles_per_packet = 1;
    // 6 packets at cycle 0. Packets 0-3 take the 4 slots at once (packet i on the link i to
    // i + 1). The router forwards packet 0 during 1-11: packet 4 waits 0 -> 11 (11 cycles);
    // packet 5 then finds the queue full again until packet 1 is forwarded (11-21): 10 more.
    bench b(cfg, one_entry(), {0x100, 0x101, 0x102, 0x103, 0x104, 0x105});
    const auto& st = b.r->stats();
    CHECK(st.stall_cycles == 21);
    CHECK(b.s->finished == 21);
    CHECK(st.dropped == 0);
    CHECK(st.queue_high_water == 4);
    CHECK(st.packets == 6);
    CHECK(b.delivered.size() == 12);
    // Every packet is forwarded back to back: the last one at 1 + 6 * 10 = 61, arriving at 62.
    CHECK(b.delivered.back().arrival == 62);
}

TEST_CASE("router: a full queue under drop loses the packets that find no slot, counted", "[systemc]") {
    chip::chip_config cfg;
    cfg.router_queue_depth = 4;
    cfg.router_cycles_per_packet = 10;
    cfg.router_full = chip::router_full_policy::drop;
    // 10 packets at cycle 0: no slot frees before cycle 1, so 4 are queued and 6 dropped.
    bench b(cfg, one_entry(), std::vector<std::uint32_t>(10, 0x1AB));
    const auto& st = b.r->stats();
    CHECK(st.dropped == 6);
    CHECK(st.stall_cycles == 0);
    CHECK(st.packets == 4);
    CHECK(b.delivered.size() == 8);
    CHECK(b.s->accepted == std::vector<bool>{true, true, true, true, false, false, false, false, false, false});
}

TEST_CASE("router: a key no entry matches is a miss, counted and not delivered", "[systemc]") {
    chip::chip_config cfg;
    std::vector<chip::route_entry> table = {{0x100u, 0xFFFFFF00u, {1}}, {0x200u, 0xFFFFFF00u, {2}},
                                            // first match: 0x2xx goes to core 2, never to core 3
                                            {0x200u, 0xFFFFFE00u, {3}}};
    bench b(cfg, table, {0x400, 0x2FF, 0x1000});
    const auto& st = b.r->stats();
    CHECK(st.packets == 3);
    CHECK(st.misses == 2);
    CHECK(st.hits == 1);
    REQUIRE(b.delivered.size() == 1);
    CHECK(b.delivered[0].target == 2);
    CHECK(b.delivered[0].key == 0x2FF);
}
