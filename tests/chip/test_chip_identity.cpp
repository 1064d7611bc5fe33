// --model chip against --model fixed (docs/chip.md): spikes, state, snapshots, final weights
// and counters bit-identical on random networks under random mappings (one core, many small
// cores, populations cut by neurons or by synapse memory) and random router and link timing,
// and on song2000; summary.json's chip figures agree with each other. chip::run starts a fresh
// SystemC context each time, so one process runs many.
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "chip/chip_model.hpp"
#include "chip/mapper.hpp"
#include "core/core_test_util.hpp"
#include "support/random_network.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {

struct chip_runs {
    run_result fixed, chip;
    nlohmann::json report;
};

chip_runs run_chip_and_fixed(const experiment& ex) {
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    chip_runs r{fixed::run(ex, stim, net), chip::run(ex, stim, net), {}};
    r.report = nlohmann::json::parse(r.chip.chip_report);
    return r;
}

// The figures of one report agree: every packet sent was forwarded, hit and was delivered to
// as many cores as its route names; cores received what the router delivered.
void check_consistent(const nlohmann::json& j) {
    const auto& r = j["router"];
    CHECK(r["misses"].get<std::uint64_t>() == 0);
    CHECK(r["dropped"].get<std::uint64_t>() == 0);
    CHECK(r["packets"] == r["packets_sent"]);
    CHECK(r["hits"] == r["packets"]);
    std::uint64_t received = 0;
    for (const auto& c: j["per_core"]) received += c["packets_received"].get<std::uint64_t>();
    CHECK(received == r["deliveries"].get<std::uint64_t>());
    CHECK(r["queue_high_water"].get<std::uint64_t>() <= r["queue_depth"].get<std::uint64_t>());
    CHECK(j["identical_to_fixed"].get<bool>());
}

// A random [chip] section: everything on one core, many tiny cores, or cores cut by memory.
std::string random_chip(std::uint32_t seed, int& kind) {
    std::mt19937 g(seed * 2654435761u + 17u);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); };
    kind = pick(0, 2);
    std::string t = "[chip]\n";
    if (kind == 0) t += "cores = 1\nneurons_per_core = 100000\n";
    else if (kind == 1) t += "cores = 1024\nneurons_per_core = " + std::to_string(pick(1, 8)) + "\n";
    else t += "cores = 1024\nneurons_per_core = 64\nsynapse_words_per_core = " + std::to_string(pick(30, 300)) + "\n";
    t += "router_queue_depth = " + std::to_string(pick(1, 8)) + "\nrouter_cycles_per_packet = " + std::to_string(pick(1, 40)) +
         "\nlink_latency_cycles = " + std::to_string(pick(0, 60)) + "\nlink_cycles_per_packet = " + std::to_string(pick(1, 4)) +
         "\n";
    return t;
}

}  // namespace

TEST_CASE("chip equals fixed on 40 random networks under random mappings and router timing", "[systemc][property]") {
    std::map<int, int> kinds;
    int split = 0, ran = 0;
    for (std::uint32_t i = 0; i < 40; ++i) {
        const std::uint32_t seed = 20240u + i;
        std::map<std::string, int> rules;
        int kind = 0;
        const std::string text = random_network(seed, rules) + random_chip(seed, kind);
        INFO("network seed " << seed << ":\n" << text);
        experiment ex;
        try {
            ex = load_experiment_from_string(text, "random.toml");
        }
        catch (const std::exception& e) {
            WARN("seed " << seed << " skipped: " << e.what());
            continue;
        }
        chip_runs r;
        try {
            r = run_chip_and_fixed(ex);
        }
        catch (const chip::mapping_error& e) {  // a neuron with more synapses than a core holds
            WARN("seed " << seed << " does not fit: " << e.what());
            continue;
        }
        require_identical(r.fixed, r.chip);
        check_consistent(r.report);
        ++kinds[kind];
        ++ran;
        // A group cut into several slices.
        std::map<std::string, int> slices;
        for (const auto& s: r.report["slices"]) ++slices[s["group"].get<std::string>()];
        for (const auto& [name, n]: slices)
            if (n > 1 && name[0] == 'p') {
                ++split;
                break;
            }
    }
    CHECK(ran >= 35);
    CHECK(kinds[0] >= 5);
    CHECK(kinds[1] >= 5);
    CHECK(kinds[2] >= 5);
    CHECK(split >= 10);  // populations cut over cores in many of them
}

TEST_CASE("chip equals fixed on song2000 shortened to 2 s, the neuron and its 1000 inputs on 4 cores", "[systemc]") {
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "2000.0") + "\n[chip]\ncores = 18\n";
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_chip_and_fixed(ex);
    REQUIRE(r.fixed.spikes.size() > 10);
    require_identical(r.fixed, r.chip);
    check_consistent(r.report);
    // The neuron and 255 inputs on core 0, 256 inputs on cores 1-2, 233 on core 3; every input
    // slice routes to core 0 only, so each input spike is one packet and one delivery.
    CHECK(r.report["cores_used"] == 4);
    std::uint64_t source_spikes = 0;
    for (const auto& c: r.fixed.counts)
        if (!c.is_population) source_spikes += c.spikes;
    CHECK(r.report["router"]["packets"].get<std::uint64_t>() == source_spikes);
    CHECK(r.report["router"]["deliveries"].get<std::uint64_t>() == source_spikes);
}

TEST_CASE("chip: a router that drops packets is counted and the run no longer claims identity", "[systemc]") {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "500.0");
    text += "\n[chip]\nneurons_per_core = 64\nrouter_queue_depth = 1\nrouter_cycles_per_packet = 200\nrouter_full = \"drop\"\n";
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_chip_and_fixed(ex);
    const auto& rt = r.report["router"];
    CHECK(rt["dropped"].get<std::uint64_t>() > 0);
    CHECK(rt["packets"].get<std::uint64_t>() + rt["dropped"].get<std::uint64_t>() == rt["packets_sent"].get<std::uint64_t>());
    CHECK_FALSE(r.report["identical_to_fixed"].get<bool>());
    // The lost inputs never reach the synapses: fewer synaptic events than the fixed model's.
    std::uint64_t events = 0;
    for (const auto& c: r.report["per_core"]) events += c["synaptic_events"].get<std::uint64_t>();
    CHECK(r.report["router"]["deliveries"].get<std::uint64_t>() < rt["packets_sent"].get<std::uint64_t>());
    CHECK(events > 0);
}

TEST_CASE("chip: packets later than the arrival deadline hold the target's tick back, counted, results unchanged", "[systemc]") {
    // Accelerated ticks (each starts when the last ends) and a 5000-cycle link: every input
    // spike reaches core 0 long after its tick has ended, so the next tick waits for it.
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    text += "\n[core]\nmode = \"accelerated\"\n[chip]\nlink_latency_cycles = 5000\n";
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_chip_and_fixed(ex);
    require_identical(r.fixed, r.chip);
    check_consistent(r.report);
    const auto& core0 = r.report["per_core"][0];
    REQUIRE(core0["core"] == 0);
    CHECK(core0["late_arrival_ticks"].get<std::uint64_t>() > 0);
    // Every late tick waited at least one cycle.
    const auto late = core0["late_arrival_ticks"].get<std::uint64_t>();
    CHECK(core0["arrival_stall_cycles"].get<std::uint64_t>() >= late);
    CHECK(core0["realtime_margin_cycles_min"].is_null());  // accelerated: no slots
}
