// The [chip] section and the mapper (docs/chip.md): keys read with their bounds, errors at
// file:line naming the key and value; groups placed in order and cut where a core runs out of
// neurons or synapse memory; one routing entry per slice that sends, routed to exactly the cores
// holding its synapses; networks that do not fit named with what is missing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "chip/mapper.hpp"
#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"

using namespace plasticore;

namespace {

const std::string lif = "tau_m_ms = 10.0\nc_m_nf = 0.25\nv_rest_mv = -70.0\nv_reset_mv = -70.0\nv_thresh_mv = -55.0\n"
                        "t_ref_ms = 2.0\ntau_syn_e_ms = 2.0\ntau_syn_i_ms = 3.0\n";

// exc (n_exc) and inh (n_inh); in (n_in Poisson channels) -> exc all-to-all, exc -> inh
// one-to-one when the sizes agree else all-to-all, inh -> exc all-to-all.
std::string network_text(int n_exc, int n_inh, int n_in, const std::string& chip) {
    std::string t = "[simulation]\ndt_ms = 0.1\nduration_ms = 10.0\nseed = 3\n";
    t += "[[population]]\nname = \"exc\"\nsize = " + std::to_string(n_exc) + "\n" + lif;
    t += "[[population]]\nname = \"inh\"\nsize = " + std::to_string(n_inh) + "\n" + lif;
    t += "[[source]]\nname = \"in\"\nkind = \"poisson\"\nsize = " + std::to_string(n_in) + "\nrate_hz = 10.0\n";
    t += "[[projection]]\nname = \"in_exc\"\npre = \"in\"\npost = \"exc\"\nconnector = \"all_to_all\"\nweight_na = 0.1\ndelay_ms = 1.0\n";
    t += "[[projection]]\nname = \"exc_inh\"\npre = \"exc\"\npost = \"inh\"\nconnector = \"" +
         std::string(n_exc == n_inh ? "one_to_one" : "all_to_all") + "\"\nweight_na = 0.1\ndelay_ms = 1.0\n";
    t += "[[projection]]\nname = \"inh_exc\"\npre = \"inh\"\npost = \"exc\"\nconnector = \"all_to_all\"\nweight_na = 0.1\n"
         "delay_ms = 1.0\nreceptor = \"inhibitory\"\n";
    return t + chip;
}

struct mapped {
    experiment ex;
    network net;
    chip::placement pl;
};

mapped map(const std::string& text) {
    mapped m;
    m.ex = load_experiment_from_string(text, "chip.toml");
    m.net = build_network(m.ex);
    m.pl = chip::map_network(m.ex, m.net, m.ex.chip);
    return m;
}

std::string mapping_error_of(const std::string& text) {
    const experiment ex = load_experiment_from_string(text, "chip.toml");
    const network net = build_network(ex);
    try {
        chip::map_network(ex, net, ex.chip);
    }
    catch (const chip::mapping_error& e) {
        return e.what();
    }
    FAIL("expected a mapping_error");
    return {};
}

std::string load_error_of(const std::string& text) {
    try {
        load_experiment_from_string(text, "chip.toml");
    }
    catch (const experiment_error& e) {
        return e.what();
    }
    FAIL("expected an experiment_error");
    return {};
}

}  // namespace

TEST_CASE("chip: [chip] keys are read, defaults are SpiNNaker's", "[unit]") {
    const experiment d = load_experiment_from_string(network_text(4, 4, 4, ""), "chip.toml");
    CHECK(d.chip.cores == 18);
    CHECK(d.chip.neurons_per_core == 256);
    CHECK(d.chip.router_table_entries == 1024);
    CHECK(d.chip.router_full == chip::router_full_policy::wait);
    const experiment ex = load_experiment_from_string(
        network_text(4, 4, 4,
                     "[chip]\ncores = 5\nneurons_per_core = 7\nsynapse_words_per_core = 10000000000\n"
                     "router_table_entries = 9\nrouter_cycles_per_packet = 3\nrouter_queue_depth = 2\n"
                     "router_full = \"drop\"\nlink_latency_cycles = 11\nlink_cycles_per_packet = 4\n"),
        "chip.toml");
    CHECK(ex.chip.cores == 5);
    CHECK(ex.chip.neurons_per_core == 7);
    CHECK(ex.chip.synapse_words_per_core == 10000000000LL);
    CHECK(ex.chip.router_table_entries == 9);
    CHECK(ex.chip.router_cycles_per_packet == 3);
    CHECK(ex.chip.router_queue_depth == 2);
    CHECK(ex.chip.router_full == chip::router_full_policy::drop);
    CHECK(ex.chip.link_latency_cycles == 11);
    CHECK(ex.chip.link_cycles_per_packet == 4);
}

TEST_CASE("chip: a bad [chip] value is an error at its file:line naming the key and the value", "[unit]") {
    const std::string base = network_text(4, 4, 4, "[chip]\n");
    const int line = static_cast<int>(std::count(base.begin(), base.end(), '\n')) + 1;  // the key's line
    struct bad {
        std::string text, key, got;
    };
    for (const bad& b: {bad{"cores = 0", "chip.cores", "0"}, bad{"router_queue_depth = -1", "chip.router_queue_depth", "-1"},
                        bad{"link_cycles_per_packet = 2000", "chip.link_cycles_per_packet", "2000"},
                        bad{"synapse_words_per_core = 1.5", "chip.synapse_words_per_core", "1.5"},
                        bad{"router_full = \"block\"", "chip.router_full", "\"block\""},
                        bad{"router_queue = 3", "chip.router_queue", ""}}) {
        const std::string message = load_error_of(base + b.text + "\n");
        INFO(message);
        CHECK(message.rfind("chip.toml:" + std::to_string(line) + ":", 0) == 0);
        CHECK(message.find(b.key) != std::string::npos);
        if (!b.got.empty()) CHECK(message.find(b.got) != std::string::npos);
    }
}

TEST_CASE("chip: groups are placed in order, cut where a core is full of neurons", "[unit]") {
    // 10 exc, 3 inh, 4 in; 4 neurons per core: exc [0,4) [4,8) [8,10)+inh[0,2)? no: inh [0,2)
    // fills core 2 with exc [8,10); then inh [2,3) + in [0,3) on core 3, in [3,4) on core 4.
    const mapped m = map(network_text(10, 3, 4, "[chip]\ncores = 6\nneurons_per_core = 4\n"));
    const auto& s = m.pl.slices;
    REQUIRE(s.size() == 7);
    auto check = [&](std::size_t i, std::uint32_t group, std::uint32_t first, std::uint32_t size, std::uint32_t core) {
        INFO("slice " << i);
        CHECK(s[i].group == group);
        CHECK(s[i].first == first);
        CHECK(s[i].size == size);
        CHECK(s[i].core == core);
    };
    check(0, 0, 0, 4, 0);
    check(1, 0, 4, 4, 1);
    check(2, 0, 8, 2, 2);
    check(3, 1, 0, 2, 2);
    check(4, 1, 2, 1, 3);
    check(5, 2, 0, 3, 3);
    check(6, 2, 3, 1, 4);
    CHECK(m.pl.cores_used() == 5);
    CHECK(m.pl.cores[5].slices.empty());
    CHECK(m.pl.slice_of(0, 9).first == 8);
    CHECK(m.pl.slice_of(2, 3).core == 4);
    // Synapse words: each exc neuron has 4 (from in) + 3 (from inh); each inh neuron 10.
    CHECK(m.pl.cores[0].synapse_words == 4 * 7);
    CHECK(m.pl.cores[2].synapse_words == 2 * 7 + 2 * 10);
    CHECK(m.pl.cores[3].synapse_words == 10);
    const auto lines = m.pl.describe();
    REQUIRE(lines.size() == 5);
    CHECK(lines[2] == "core 2: exc[8, 10) inh[0, 2) | 4 neurons, 34 synapse words");
}

TEST_CASE("chip: a population is cut where a core's synapse memory is full", "[unit]") {
    // exc neurons need 7 words each; 20 words per core: 2 exc neurons per core.
    const mapped m = map(network_text(5, 3, 4, "[chip]\ncores = 18\nneurons_per_core = 100\nsynapse_words_per_core = 20\n"));
    const auto& s = m.pl.slices;
    REQUIRE(s.size() >= 3);
    CHECK(s[0].size == 2);
    CHECK(s[1].size == 2);
    CHECK(s[2].first == 4);
    for (const auto& c: m.pl.cores) CHECK(c.synapse_words <= 20);
}

TEST_CASE("chip: the routing table has an entry per sending slice, routed to the cores of its synapses", "[unit]") {
    const mapped m = map(network_text(10, 3, 4, "[chip]\ncores = 6\nneurons_per_core = 4\n"));
    // Key = slice id << neuron bits (4 neurons per slice at most: 2 bits), mask the slice bits.
    CHECK(m.pl.neuron_bits == 2);
    REQUIRE(m.pl.table.size() == m.pl.slices.size());  // every slice sends
    for (std::size_t i = 0; i < m.pl.slices.size(); ++i) {
        CHECK(m.pl.slices[i].key == (i << 2));
        CHECK(m.pl.table[i].mask == 0xFFFFFFFCu);
    }
    using v = std::vector<std::uint32_t>;
    // exc slices reach inh (cores 2 and 3); inh slices reach exc (cores 0, 1, 2); in reaches exc.
    CHECK(m.pl.table[0].targets == v{2, 3});
    CHECK(m.pl.table[3].targets == v{0, 1, 2});
    CHECK(m.pl.table[6].targets == v{0, 1, 2});
    // First match: neuron 1 of slice 3 (key 13) hits entry 3, an unknown slice misses.
    CHECK(chip::match_route(m.pl.table, (3u << 2) | 1u) == 3);
    CHECK(chip::match_route(m.pl.table, 99u << 2) == -1);
}

TEST_CASE("chip: a slice nothing leaves has no entry, and one-to-one routes only to the partner's core", "[unit]") {
    // exc -> inh one-to-one with 8 and 8, 4 per core: exc[0,4) reaches inh[0,4) only.
    const mapped m = map(network_text(8, 8, 2, "[chip]\nneurons_per_core = 4\n"));
    const auto& s = m.pl.slices;
    REQUIRE(s.size() == 5);  // exc 2, inh 2, in 1
    CHECK(m.pl.table[0].targets == std::vector<std::uint32_t>{2});
    CHECK(m.pl.table[1].targets == std::vector<std::uint32_t>{3});
    // Without inh -> exc, inh sends nothing: no entry, no key routed.
    std::string text = network_text(8, 8, 2, "[chip]\nneurons_per_core = 4\n");
    const std::string cut = text.substr(0, text.find("[[projection]]\nname = \"inh_exc\"")) +
                            text.substr(text.find("[chip]"));
    const mapped n = map(cut);
    CHECK_FALSE(n.pl.slices[2].routed);
    CHECK_FALSE(n.pl.slices[3].routed);
    CHECK(n.pl.table.size() == 3);
}

TEST_CASE("chip: a network that does not fit names the group and what is missing", "[unit]") {
    // Too few cores: 10 + 3 + 4 neurons at 4 per core need 5 cores.
    std::string m = mapping_error_of(network_text(10, 3, 4, "[chip]\ncores = 3\nneurons_per_core = 4\n"));
    INFO(m);
    CHECK(m.find("population 'inh' does not fit") != std::string::npos);
    CHECK(m.find("1 neuron of its 3 (10 synapse words)") != std::string::npos);
    CHECK(m.find("4 neurons (0 synapse words) of later groups") != std::string::npos);
    // One neuron's synapses exceed a whole core's memory: exc neurons need 7 words.
    m = mapping_error_of(network_text(4, 3, 4, "[chip]\nsynapse_words_per_core = 5\n"));
    CHECK(m.find("population 'exc' neuron 0 has 7 incoming synapses") != std::string::npos);
    CHECK(m.find("(missing 2)") != std::string::npos);
    // The table is too small: 7 sending slices, 6 entries.
    m = mapping_error_of(network_text(10, 3, 4, "[chip]\nneurons_per_core = 4\nrouter_table_entries = 6\n"));
    CHECK(m.find("routing table needs 7 entries") != std::string::npos);
    CHECK(m.find("(missing 1)") != std::string::npos);
}
