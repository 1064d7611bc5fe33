// [scale] (docs/experiment-format.md, "`[scale]`: simulating a network smaller"): a network written at full size,
// loaded smaller, as the Potjans & Diesmann (2014) reference implementation scales it. The
// loader's scaling is checked by hand on a small network and against the 10% microcircuit files
// that tools/microcircuit/make_microcircuit.py writes (an independent implementation of the same
// scaling, in Python, from the full-size rates and in-degrees).

#include <cmath>
#include <variant>

#include "experiment_test_util.hpp"

#include <experiment/load_with_overrides.hpp>
#include <experiment/lookup.hpp>

using namespace plasticore;
using namespace plasticore::test;

namespace {

const std::string small = preamble + R"(
[[population]]
name = "a"
size = 100
full_rate_hz = 5.0
tau_syn_e_ms = 2.0
tau_syn_i_ms = 4.0

[[population]]
name = "b"
size = 200
tau_syn_e_ms = 2.0
tau_syn_i_ms = 4.0
i_offset_na = 0.5

[[projection]]
name = "ab"
pre = "a"
post = "b"
connector = "fixed_total_number"
n = 1000
weight_na = 0.1

[[projection]]
name = "ab_inh"
pre = "a"
post = "b"
connector = "fixed_probability"
p = 0.02
receptor = "inhibitory"
weight_na = { normal = [0.4, 0.04], redraw = [0.0, inf] }
)";

experiment scaled(const std::string& text, double neurons, double in_degrees) {
    return load(text + "\n[scale]\nneurons = " + std::to_string(neurons) + "\nin_degrees = " +
                std::to_string(in_degrees) + "\n");
}

experiment example(const std::string& name, const experiment_overrides& o = {}) {
    return load_experiment_with_overrides((source_dir() / "examples" / (name + ".toml")).string(), o);
}

}  // namespace

TEST_CASE("scale: sizes, synapse numbers, weights and the compensating DC, by hand", "[experiment][scale]") {
    const experiment e = scaled(small, 0.5, 0.25);
    CHECK(e.scale.neurons == 0.5);
    CHECK(e.scale.in_degrees == 0.25);
    CHECK(find_population(e, "a")->size == 50);
    CHECK(find_population(e, "a")->full_size == 100);
    CHECK(find_population(e, "b")->size == 100);
    // n x neurons x in_degrees
    CHECK(std::get<fixed_total_number_connector>(e.projections[0].connectivity).n == 125);
    // weights / sqrt(0.25)
    CHECK(std::get<constant_weight>(e.projections[0].weight).value == Approx(0.2));
    // p x in_degrees / neurons keeps the in-degree p x size(a) x in_degrees
    CHECK(std::get<fixed_probability_connector>(e.projections[1].connectivity).p == Approx(0.01));
    const auto& w = std::get<normal_weight>(e.projections[1].weight);
    CHECK(w.mean == Approx(0.8));
    CHECK(w.sd == Approx(0.08));
    CHECK(w.low == 0.0);
    CHECK(std::isinf(w.high));
    // DC: 1e-3 tau_syn (1 - sqrt(k)) K w r, excitatory K = 1000 / 200 = 5, inhibitory K = 0.02 x 100 = 2
    const double dc = 1e-3 * 2.0 * 0.5 * 5 * 0.1 * 5.0 - 1e-3 * 4.0 * 0.5 * 2 * 0.4 * 5.0;
    CHECK(find_population(e, "b")->lif.i_offset == Approx(0.5 + dc));
    CHECK(find_population(e, "a")->lif.i_offset == 0.0);  // nothing projects to a
}

TEST_CASE("scale: neurons only resizes and keeps weights and currents", "[experiment][scale]") {
    const experiment e = scaled(small, 0.5, 1.0);
    CHECK(find_population(e, "b")->size == 100);
    CHECK(std::get<fixed_total_number_connector>(e.projections[0].connectivity).n == 500);
    // The in-degree p x size(a) is kept: p doubles as a halves.
    CHECK(std::get<fixed_probability_connector>(e.projections[1].connectivity).p == Approx(0.04));
    CHECK(std::get<constant_weight>(e.projections[0].weight).value == 0.1);
    CHECK(find_population(e, "b")->lif.i_offset == 0.5);
    // A size never rounds to an empty population.
    CHECK(find_population(scaled(preamble + "[[population]]\nname = \"a\"\nsize = 100\n", 0.001, 1.0), "a")->size == 1);
}

TEST_CASE("scale: a Poisson background is an external in-degree", "[experiment][scale]") {
    const std::string text = preamble + R"(
[[population]]
name = "a"
size = 10
tau_syn_e_ms = 0.5
background_rate_hz = 16000.0
background_weight_na = 0.08
)";
    const experiment e = scaled(text, 1.0, 0.25);
    const population& a = *find_population(e, "a");
    CHECK(a.background->rate_hz == Approx(4000.0));
    CHECK(a.background->weight_na == Approx(0.16));
    CHECK(a.lif.i_offset == Approx(1e-3 * 0.5 * 0.5 * 0.08 * 16000.0));
}

TEST_CASE("scale: the full-size microcircuit at 10% is the generator's 10% file", "[experiment][scale]") {
    const experiment_overrides tenth = {{"scale.neurons", "0.1"}, {"scale.in_degrees", "0.1"}};
    for (const auto& [full, reference]: {std::pair{"microcircuit", "microcircuit_10pct"},
                                         std::pair{"microcircuit_poisson", "microcircuit_10pct_poisson"}}) {
        INFO(full);
        const experiment a = example(full, tenth), b = example(reference);
        REQUIRE(a.populations.size() == b.populations.size());
        for (std::size_t i = 0; i < a.populations.size(); ++i) {
            const population &p = a.populations[i], &q = b.populations[i];
            INFO(p.name);
            CHECK(p.size == q.size);
            CHECK(std::abs(p.full_size * 0.1 - q.size) <= 0.5);
            // The files write currents to 1e-6 nA and weights rounded before scaling.
            CHECK(p.lif.i_offset == Approx(q.lif.i_offset).margin(5e-6));
            REQUIRE(p.background.has_value() == q.background.has_value());
            if (p.background) {
                CHECK(p.background->rate_hz == Approx(q.background->rate_hz));
                CHECK(p.background->weight_na == Approx(q.background->weight_na).margin(5e-6));
            }
        }
        REQUIRE(a.projections.size() == b.projections.size());
        for (std::size_t i = 0; i < a.projections.size(); ++i) {
            const projection &p = a.projections[i], &q = b.projections[i];
            INFO(p.name);
            CHECK(p.name == q.name);
            // The generator rounds the unrounded full-size number once; the file's is rounded already.
            CHECK(std::llabs(std::get<fixed_total_number_connector>(p.connectivity).n -
                             std::get<fixed_total_number_connector>(q.connectivity).n) <= 1);
            const auto &wp = std::get<normal_weight>(p.weight), &wq = std::get<normal_weight>(q.weight);
            CHECK(wp.mean == Approx(wq.mean).margin(5e-6));
            CHECK(wp.sd == Approx(wq.sd).margin(5e-6));
            CHECK(p.delay_distribution->mean == q.delay_distribution->mean);
        }
    }
}

TEST_CASE("scale: 1 and 1 change nothing", "[experiment][scale]") {
    const experiment a = example("microcircuit_10pct", {{"scale.neurons", "1"}, {"scale.in_degrees", "1.0"}});
    const experiment b = example("microcircuit_10pct");
    CHECK_FALSE(a.scale.scaled());
    for (std::size_t i = 0; i < a.populations.size(); ++i) {
        CHECK(a.populations[i].size == b.populations[i].size);
        CHECK(a.populations[i].lif.i_offset == b.populations[i].lif.i_offset);
    }
    for (std::size_t i = 0; i < a.projections.size(); ++i)
        CHECK(std::get<fixed_total_number_connector>(a.projections[i].connectivity).n ==
              std::get<fixed_total_number_connector>(b.projections[i].connectivity).n);
}

TEST_CASE("scale: errors name the key and the value", "[experiment][scale]") {
    auto message = [](const std::string& text) {
        const std::string m = error_of(text);
        INFO(m);
        return m;
    };
    auto has = [](const std::string& m, const std::string& part) {
        INFO(m);
        CHECK(m.find(part) != std::string::npos);
    };
    has(message(small + "[scale]\nneurons = 0\n"), "scale.neurons: must be in (0, 1]");
    has(message(small + "[scale]\nin_degrees = 1.5\n"), "scale.in_degrees: must be in (0, 1]");
    has(message(small + "[scale]\nin_degrees = nan\n"), "scale.in_degrees");
    has(message(small + "[scale]\nsize = 0.1\n"), "size");
    // The pre of a scaled projection needs its full-size rate.
    std::string no_rate = small;
    no_rate.replace(no_rate.find("full_rate_hz = 5.0\n"), 19, "");
    const std::string m = message(no_rate + "[scale]\nin_degrees = 0.5\n");
    has(m, "projection 'ab'.pre");
    has(m, "population 'a' has no full_rate_hz");
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 4\nfull_rate_hz = -1\n"), "full_rate_hz: must be a finite rate >= 0");
    // fixed_probability that would need p > 1.
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 100\nfull_rate_hz = 1\n"
                           "[[projection]]\nname = \"aa\"\npre = \"a\"\npost = \"a\"\nconnector = \"fixed_probability\"\n"
                           "p = 0.5\nweight_na = 0.1\n[scale]\nneurons = 0.1\n"),
        "projection 'aa'.p: [scale] neurons = 0.1, in_degrees = 1: keeping the in-degree");
    // all_to_all's in-degree follows the pre's size.
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 10\nfull_rate_hz = 1\n"
                           "[[projection]]\nname = \"aa\"\npre = \"a\"\npost = \"a\"\nweight_na = 0.1\n"
                           "[scale]\nin_degrees = 0.5\n"),
        "all_to_all's in-degree is the size of 'a'");
    // one_to_one's in-degree is 1.
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 10\nfull_rate_hz = 1\n"
                           "[[projection]]\nname = \"aa\"\npre = \"a\"\npost = \"a\"\nconnector = \"one_to_one\"\n"
                           "weight_na = 0.1\n[scale]\nin_degrees = 0.5\n"),
        "projection 'aa'.connector: [scale] neurons = 1, in_degrees = 0.5: one_to_one's in-degree is 1");
    // A spike source's mean rate is known only for an always-on Poisson source; an always-on one scales.
    const std::string from_source = preamble + "[[population]]\nname = \"a\"\nsize = 10\n"
                                    "[[source]]\nname = \"s\"\nkind = \"poisson\"\nsize = 20\nrate_hz = 4.0\n";
    const std::string projection = "[[projection]]\nname = \"sa\"\npre = \"s\"\npost = \"a\"\n"
                                   "connector = \"fixed_total_number\"\nn = 100\nweight_na = 0.1\n"
                                   "[scale]\nin_degrees = 0.25\n";
    has(message(from_source + "stop_ms = 50.0\n" + projection),
        "projection 'sa'.pre: [scale] neurons = 1, in_degrees = 0.25: the DC that replaces the input lost by "
        "scaling needs the mean rate of 's'");
    // K = 100 / 10 = 10 synapses of 0.1 nA at 4 Hz, tau_syn_e 5 ms (the default), 1 - sqrt(k) = 0.5
    CHECK(find_population(load(from_source + projection), "a")->lif.i_offset == Approx(1e-3 * 5.0 * 0.5 * 10 * 0.1 * 4.0));
    // A list names neurons of the full-size populations.
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 10\n[[projection]]\nname = \"aa\"\npre = \"a\"\n"
                           "post = \"a\"\nconnector = \"list\"\nconnections = [[0, 1]]\nweight_na = 0.1\n"
                           "[scale]\nneurons = 0.5\n"),
        "projection 'aa'.connector: [scale] neurons = 0.5, in_degrees = 1: a list of connections");
    // A plastic projection's bounds are not scaled.
    has(message(preamble + "[[population]]\nname = \"a\"\nsize = 10\nfull_rate_hz = 1\n[[projection]]\nname = \"aa\"\n"
                           "pre = \"a\"\npost = \"a\"\nconnector = \"fixed_total_number\"\nn = 10\nweight_na = 0.005\n"
                           "plasticity = { rule = \"stdp_pair\" }\n[scale]\nin_degrees = 0.5\n"),
        "projection 'aa'.plasticity: [scale]");
}
