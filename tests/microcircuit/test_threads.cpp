// Threads never change a result: the network built on 1, 2 and 3 threads, and golden's and
// fixed's synapse delivery on 1 and 2 threads, give identical results (spikes, weights,
// counters, state, snapshots) on a small random network, on the 10% microcircuit (short), on
// the property tests' random networks and on an experiment with a rule (which delivers on one
// thread whatever is asked).
#include <catch2/catch.hpp>

#include <string>

#include "experiment/load_experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"
#include "support/random_network.hpp"
#include "support/require_identical.hpp"

using namespace plasticore;

namespace {

// Three populations and a Poisson source, random connectivity with normal weights and delays.
const char* random_network = R"(
[simulation]
dt_ms = 0.1
duration_ms = 200.0
seed = 11
[[population]]
name = "e"
size = 400
v_init_sd_mv = 5.0
[[population]]
name = "i"
size = 100
[[population]]
name = "x"
size = 150
[[source]]
name = "in"
kind = "poisson"
size = 200
rate_hz = 40.0
[[projection]]
name = "in_e"
pre = "in"
post = "e"
connector = "fixed_probability"
p = 0.3
weight_na = { normal = [0.6, 0.2], clip = [0.0, 2.0] }
delay_ms = { normal = [1.5, 0.7], redraw = [0.1, 5.0] }
[[projection]]
name = "in_x"
pre = "in"
post = "x"
connector = "fixed_total_number"
n = 9000
weight_na = { uniform = [0.2, 0.9] }
[[projection]]
name = "e_i"
pre = "e"
post = "i"
connector = "fixed_probability"
p = 0.2
weight_na = { normal = [0.3, 0.1], clip = [0.0, 1.0] }
delay_ms = { normal = [1.0, 0.5], redraw = [0.1, 5.0] }
[[projection]]
name = "i_e"
pre = "i"
post = "e"
connector = "fixed_total_number"
n = 8000
receptor = "inhibitory"
weight_na = { normal = [0.8, 0.2], clip = [0.0, 2.0] }
delay_ms = 0.8
[[projection]]
name = "e_e"
pre = "e"
post = "e"
connector = "fixed_probability"
p = 0.05
weight_na = 0.2
[[projection]]
name = "x_e"
pre = "x"
post = "e"
connector = "all_to_all"
weight_na = 0.05
[record]
spikes = ["e", "i", "x"]
)";

void require_same_network(const network& a, const network& b) {
    REQUIRE(a.projections.size() == b.projections.size());
    for (std::size_t k = 0; k < a.projections.size(); ++k) {
        const synapse_table& x = a.projections[k];
        const synapse_table& y = b.projections[k];
        REQUIRE(x.post == y.post);
        REQUIRE(x.weight == y.weight);
        REQUIRE(x.row_start == y.row_start);
        REQUIRE(x.column_start == y.column_start);
        REQUIRE(x.column_synapse == y.column_synapse);
        REQUIRE(x.row_segment_start == y.row_segment_start);
        REQUIRE(x.segments.size() == y.segments.size());
        for (std::size_t g = 0; g < x.segments.size(); ++g) {
            REQUIRE(x.segments[g].begin == y.segments[g].begin);
            REQUIRE(x.segments[g].end == y.segments[g].end);
            REQUIRE(x.segments[g].delay == y.segments[g].delay);
        }
    }
    REQUIRE(a.initial_v == b.initial_v);
}

// Builds the network on 1, 2 and 3 threads, runs golden and fixed on 1 and 2 threads, and
// returns the recorded spikes of the one-thread golden run.
std::size_t check_threads(const experiment& ex) {
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex, 1);
    for (unsigned threads: {2u, 3u}) require_same_network(net, build_network(ex, threads));
    std::size_t spikes = 0;
    for (const std::string model: {"golden", "fixed"}) {
        model_options one, two;
        two.threads = 2;
        const run_result a = run_model(model, ex, stim, net, one);
        const run_result b = run_model(model, ex, stim, net, two);
        test::require_identical(a, b);
        if (model == "golden") spikes = a.spikes.size();
    }
    return spikes;
}

}  // namespace

TEST_CASE("threads: a random network gives identical results on 1 and 2 threads", "[threads]") {
    CHECK(check_threads(load_experiment_from_string(random_network, "random.toml")) > 1000);
}

TEST_CASE("threads: the 10% microcircuit (30 ms) gives identical results on 1 and 2 threads", "[threads]") {
    experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/microcircuit_10pct.toml");
    ex.simulation.duration = 30.0;
    CHECK(check_threads(ex) > 100);
}

TEST_CASE("threads: the property tests' random networks (rules, lists, presets) give identical results", "[threads]") {
    std::size_t spikes = 0;
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        std::map<std::string, int> rules;
        spikes += check_threads(load_experiment_from_string(test::random_network(seed, rules), "random.toml"));
    }
    CHECK(spikes > 0);
}

TEST_CASE("threads: an experiment with a rule gives identical results on 1 and 2 threads", "[threads]") {
    experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml");
    ex.simulation.duration = 2000.0;
    CHECK(check_threads(ex) > 10);
}
