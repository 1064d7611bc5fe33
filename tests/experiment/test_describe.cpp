// describe(): the summary `plasticore validate` prints.

#include "experiment_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

TEST_CASE("describe mentions every part of the experiment", "[experiment]") {
    auto e = load(R"([simulation]
dt_ms = 0.1
duration_ms = 1000.0
seed = 9
[[population]]
name = "post"
size = 4
t_ref_ms = 2.0
[[source]]
name = "inputs"
kind = "poisson"
size = 10
rate_hz = 20.0
[[source]]
name = "clock"
kind = "regular"
size = 2
rate_hz = 10.0
[[projection]]
name = "in_to_post"
pre = "inputs"
post = "post"
weight_na = { uniform = [0.0, 0.01] }
delay_ms = 1.5
[projection.plasticity]
rule = "stdp_pair"
[[projection]]
name = "clock_to_post"
pre = "clock"
post = "post"
connector = "fixed_probability"
p = 0.5
receptor = "inhibitory"
weight_na = 0.2
[[stimulation]]
name = "tdcs"
population = "post"
amplitude_na = -0.1
start_ms = 100.0
stop_ms = 200.0
[record]
spikes = ["post"]
[[record.weights]]
projection = "in_to_post"
)");
    std::string text = describe(e);
    INFO(text);
    auto has = [&](const std::string& s) { return text.find(s) != std::string::npos; };
    CHECK(has("dt 0.1 ms"));
    CHECK(has("duration 1000 ms (10000 steps)"));
    CHECK(has("seed 9"));
    CHECK(has("post: 4 LIF neurons"));
    CHECK(has("t_ref 2 ms (20 steps)"));
    CHECK(has("inputs: 10 channels; poisson 20 Hz"));
    CHECK(has("~200 spikes expected"));  // 10 channels x 20 Hz x 1 s
    CHECK(has("clock: 2 channels; regular 10 Hz"));
    CHECK(has("20 spikes"));  // 2 channels x 10 spikes in 1 s
    CHECK(has("in_to_post: inputs -> post, all_to_all (40 synapses), excitatory"));
    CHECK(has("uniform [0, 0.01] nA"));
    CHECK(has("delay 1.5 ms (15 steps)"));
    CHECK(has("stdp_pair"));
    CHECK(has("clock_to_post: clock -> post, fixed_probability p = 0.5"));
    CHECK(has("inhibitory"));
    CHECK(has("tdcs: -0.1 nA (cathodal-like) into all neurons of post, from 100 ms to 200 ms"));
    CHECK(has("spikes of: post"));
    CHECK(has("weights of in_to_post, final only"));
    // Multi-line: one line per item at least.
    CHECK(std::count(text.begin(), text.end(), '\n') >= 10);
}

TEST_CASE("describe counts explicit, pairing and theta-burst spikes", "[experiment]") {
    auto e = load(preamble + R"([[source]]
name = "x"
kind = "explicit"
times_ms = [[1.0, 50.0, 150.0], [2.0]]
[[source]]
name = "pp"
kind = "pairing"
stream = "pre"
dt_pair_ms = [-5.0, 5.0]
n_pairs = 3
[[source]]
name = "tb"
kind = "theta_burst"
size = 1
pulses = 4
n_bursts = 10
[analysis]
)");
    std::string text = describe(e);
    INFO(text);
    CHECK(text.find("4 spikes (3 before the end of the run)") != std::string::npos);
    CHECK(text.find("3 pairs at 1 Hz") != std::string::npos);
    CHECK(text.find("6 spikes") != std::string::npos);
    // 100 ms run, bursts every 200 ms: only the first burst of 4 pulses fits.
    CHECK(text.find("4 spikes in the run") != std::string::npos);
}
