// A valid experiment file becomes the expected experiment struct; defaults and conversions.

#include <variant>

#include "experiment_test_util.hpp"

#include <experiment/lookup.hpp>

using namespace plasticore;
using namespace plasticore::test;

namespace {
const std::string full_file = R"(# every section
[simulation]
dt_ms = 0.1
duration_ms = 2000.0
seed = 42

[[population]]
name = "post"
size = 2
tau_m_ms = 20.0
c_m_nf = 0.5
v_rest_mv = -70.0
v_reset_mv = -72.0
v_thresh_mv = -54.0
t_ref_ms = 1.5
tau_syn_e_ms = 3
tau_syn_i_ms = 8.0
i_offset_na = 0.25

[[population]]
name = "inh"
size = 2

[[source]]
name = "inputs"
kind = "poisson"
size = 100
rate_hz = 15.0
start_ms = 10.0
stop_ms = 1500.0

[[source]]
name = "clock"
kind = "regular"
size = 1
rate_hz = 100
phase_ms = 2.0

[[source]]
name = "cue"
kind = "explicit"
times_ms = [[0.5, 3.0], [1.0]]

[[source]]
name = "pre"
kind = "pairing"
stream = "pre"
dt_pair_ms = { from = -10.0, to = 10.0, step = 5.0 }
n_pairs = 30
frequency_hz = 2.0
start_ms = 50.0

[[source]]
name = "post_drive"
kind = "pairing"
stream = "post"
dt_pair_ms = [-10.0, -5.0, 0.0, 5.0, 10.0]
start_ms = 50.0
lead_ms = 1.1

[[source]]
name = "tbs"
kind = "theta_burst"
size = 3
pulses = 5
intra_burst_hz = 100.0
burst_hz = 5.0
n_bursts = 4
start_ms = 20.0

[[population]]
name = "pairs"
size = 5

[[projection]]
name = "in_to_post"
pre = "inputs"
post = "post"
connector = "all_to_all"
weight_na = { uniform = [0.0, 0.01] }
delay_ms = 1.5
[projection.plasticity]
rule = "stdp_pair"
pairing = "nearest"
weight_dependence = "multiplicative"
tau_plus_ms = 16.8
tau_minus_ms = 33.7
a_plus = 0.005
a_minus = 0.00525
w_min_na = 0.0
w_max_na = 0.01

[[projection]]
name = "post_to_inh"
pre = "post"
post = "inh"
connector = "one_to_one"
weight_na = 2
receptor = "excitatory"

[[projection]]
name = "inh_to_post"
pre = "inh"
post = "post"
connector = "fixed_probability"
p = 0.25
receptor = "inhibitory"
weight_na = { normal = [0.5, 0.1], clip = [0.0, 1.0] }
delay_ms = 0.1

[[projection]]
name = "cue_to_post"
pre = "cue"
post = "post"
connector = "list"
connections = [[0, 1], [1, 0, 0.3], [1, 1, 0.4, 2.0]]
weight_na = 0.1

[[projection]]
name = "pre_to_pairs"
pre = "pre"
post = "pairs"
connector = "one_to_one"
weight_na = 0.005
[projection.plasticity]
rule = "stdp_pair"

[[stimulation]]
name = "tdcs"
population = "post"
neurons = [1]
amplitude_na = -0.1
start_ms = 100.0
stop_ms = 200.0

[[stimulation]]
name = "bias"
population = "inh"
amplitude_na = 0.05

[record]
spikes = ["post", "inputs"]
[[record.state]]
population = "post"
neurons = [0]
[[record.state]]
population = "inh"
interval_ms = 1.0
[[record.weights]]
projection = "in_to_post"
interval_ms = 1000.0

[[analysis.stdp_window]]
projection = "pre_to_pairs"
pairing_source = "pre"
)";
}  // namespace

TEST_CASE("full experiment: simulation and populations", "[experiment]") {
    auto e = load(full_file);
    CHECK(e.source_path == "exp.toml");
    CHECK(e.simulation.dt == 0.1);
    CHECK(e.simulation.duration == 2000.0);
    CHECK(e.simulation.seed == 42u);
    REQUIRE(e.populations.size() == 3);
    const auto& post = e.populations[0];
    CHECK(post.name == "post");
    CHECK(post.size == 2);
    CHECK(post.lif.tau_m == 20.0);
    CHECK(post.lif.c_m == 0.5);
    CHECK(post.lif.v_rest == -70.0);
    CHECK(post.lif.v_reset == -72.0);
    CHECK(post.lif.v_thresh == -54.0);
    CHECK(post.lif.v_init == -70.0);  // defaults to v_rest
    CHECK(post.lif.t_ref == 1.5);
    CHECK(post.lif.tau_syn_e == 3.0);  // integer accepted as a number
    CHECK(post.lif.tau_syn_i == 8.0);
    CHECK(post.lif.i_offset == 0.25);
    const auto& inh = e.populations[1];
    lif_params defaults;
    CHECK(inh.lif.tau_m == defaults.tau_m);
    CHECK(inh.lif.c_m == defaults.c_m);
    CHECK(inh.lif.v_thresh == defaults.v_thresh);
    CHECK(inh.lif.v_init == defaults.v_rest);
    CHECK(e.populations[2].name == "pairs");
}

TEST_CASE("full experiment: sources", "[experiment]") {
    auto e = load(full_file);
    REQUIRE(e.sources.size() == 6);

    const auto& poisson = std::get<poisson_source>(e.sources[0].kind);
    CHECK(e.sources[0].size == 100);
    CHECK(poisson.rate == 15.0);
    CHECK(poisson.start == 10.0);
    REQUIRE(poisson.stop.has_value());
    CHECK(*poisson.stop == 1500.0);

    const auto& regular = std::get<regular_source>(e.sources[1].kind);
    CHECK(regular.rate == 100.0);
    CHECK(regular.phase == 2.0);
    CHECK_FALSE(regular.stop.has_value());

    const auto& expl = std::get<explicit_source>(e.sources[2].kind);
    CHECK(e.sources[2].size == 2);
    REQUIRE(expl.times.size() == 2);
    CHECK(expl.times[0] == std::vector<double>{0.5, 3.0});
    CHECK(expl.times[1] == std::vector<double>{1.0});

    const auto& pre = std::get<pairing_source>(e.sources[3].kind);
    CHECK(pre.stream == pairing_source::stream_kind::pre);
    REQUIRE(pre.dt_pair.size() == 5);  // inclusive range -10..10 step 5
    CHECK(pre.dt_pair.front() == Approx(-10.0));
    CHECK(pre.dt_pair[2] == Approx(0.0).margin(1e-12));
    CHECK(pre.dt_pair.back() == Approx(10.0));
    CHECK(e.sources[3].size == 5);
    CHECK(pre.n_pairs == 30);
    CHECK(pre.frequency == 2.0);
    CHECK(pre.start == 50.0);

    const auto& post = std::get<pairing_source>(e.sources[4].kind);
    CHECK(post.stream == pairing_source::stream_kind::post);
    CHECK(post.dt_pair == std::vector<double>{-10.0, -5.0, 0.0, 5.0, 10.0});
    CHECK(post.lead == 1.1);
    CHECK(post.n_pairs == 60);  // default
    CHECK(post.frequency == 1.0);

    const auto& tbs = std::get<theta_burst_source>(e.sources[5].kind);
    CHECK(e.sources[5].size == 3);
    CHECK(tbs.pulses == 5);
    CHECK(tbs.intra_burst_frequency == 100.0);
    CHECK(tbs.burst_frequency == 5.0);
    CHECK(tbs.n_bursts == 4);
    CHECK(tbs.start == 20.0);
}

TEST_CASE("full experiment: projections", "[experiment]") {
    auto e = load(full_file);
    REQUIRE(e.projections.size() == 5);

    const auto& a = e.projections[0];
    CHECK(a.name == "in_to_post");
    CHECK(a.pre == "inputs");
    CHECK(a.post == "post");
    CHECK(std::holds_alternative<all_to_all_connector>(a.connectivity));
    CHECK(a.receptor == receptor_kind::excitatory);
    const auto& u = std::get<uniform_weight>(a.weight);
    CHECK(u.low == 0.0);
    CHECK(u.high == 0.01);
    CHECK(a.delay == 1.5);
    const auto& stdp = std::get<stdp_pair_params>(a.plasticity);
    CHECK(stdp.pairing == stdp_pair_params::pairing_kind::nearest);
    CHECK(stdp.dependence == stdp_pair_params::dependence_kind::multiplicative);
    CHECK(stdp.tau_plus == 16.8);
    CHECK(stdp.tau_minus == 33.7);
    CHECK(stdp.a_plus == 0.005);
    CHECK(stdp.a_minus == 0.00525);
    CHECK(stdp.w_min == 0.0);
    CHECK(stdp.w_max == 0.01);

    const auto& b = e.projections[1];
    CHECK(std::holds_alternative<one_to_one_connector>(b.connectivity));
    CHECK(std::get<constant_weight>(b.weight).value == 2.0);
    CHECK(b.delay == 1.0);  // default
    CHECK(std::holds_alternative<static_synapse>(b.plasticity));

    const auto& c = e.projections[2];
    CHECK(std::get<fixed_probability_connector>(c.connectivity).p == 0.25);
    CHECK(c.receptor == receptor_kind::inhibitory);
    const auto& n = std::get<normal_weight>(c.weight);
    CHECK(n.mean == 0.5);
    CHECK(n.sd == 0.1);
    CHECK(n.low == 0.0);
    CHECK(n.high == 1.0);

    const auto& d = std::get<list_connector>(e.projections[3].connectivity);
    REQUIRE(d.entries.size() == 3);
    CHECK(d.entries[0].pre == 0);
    CHECK(d.entries[0].post == 1);
    CHECK_FALSE(d.entries[0].weight.has_value());
    CHECK_FALSE(d.entries[0].delay.has_value());
    CHECK(d.entries[1].weight == 0.3);
    CHECK_FALSE(d.entries[1].delay.has_value());
    CHECK(d.entries[2].weight == 0.4);
    CHECK(d.entries[2].delay == 2.0);

    // Defaults of the rule when only `rule` is given.
    const auto& dflt = std::get<stdp_pair_params>(e.projections[4].plasticity);
    stdp_pair_params expected;
    CHECK(dflt.pairing == stdp_pair_params::pairing_kind::all_to_all);
    CHECK(dflt.dependence == stdp_pair_params::dependence_kind::additive);
    CHECK(dflt.tau_plus == expected.tau_plus);
    CHECK(dflt.a_minus == expected.a_minus);
    CHECK(dflt.w_max == expected.w_max);
}

TEST_CASE("full experiment: stimulations, recordings, analyses", "[experiment]") {
    auto e = load(full_file);
    REQUIRE(e.stimulations.size() == 2);
    CHECK(e.stimulations[0].name == "tdcs");
    CHECK(e.stimulations[0].population == "post");
    CHECK(e.stimulations[0].neurons == std::vector<int>{1});
    CHECK(e.stimulations[0].amplitude == -0.1);
    CHECK(e.stimulations[0].start == 100.0);
    CHECK(e.stimulations[0].stop == 200.0);
    CHECK(e.stimulations[1].neurons.empty());      // all neurons
    CHECK(e.stimulations[1].start == 0.0);         // default
    CHECK_FALSE(e.stimulations[1].stop.has_value());  // default: the end of the run, whatever its length

    CHECK(e.record.spikes == std::vector<std::string>{"post", "inputs"});
    REQUIRE(e.record.state.size() == 2);
    CHECK(e.record.state[0].population == "post");
    CHECK(e.record.state[0].neurons == std::vector<int>{0});
    CHECK(e.record.state[0].interval == 0.0);
    CHECK(e.record.state[1].neurons.empty());
    CHECK(e.record.state[1].interval == 1.0);
    REQUIRE(e.record.weights.size() == 1);
    CHECK(e.record.weights[0].projection == "in_to_post");
    CHECK(e.record.weights[0].interval == 1000.0);

    REQUIRE(e.stdp_windows.size() == 1);
    CHECK(e.stdp_windows[0].projection == "pre_to_pairs");
    CHECK(e.stdp_windows[0].pairing_source == "pre");
}

// Which projections' final weights weights.csv holds: in_to_post (a rule, in [[record.weights]]),
// post_to_inh, inh_to_post, cue_to_post (static) and pre_to_pairs (a rule, not recorded).
TEST_CASE("record.final_weights: all, plastic, recorded", "[experiment]") {
    auto written = [](const experiment& e) {
        std::vector<std::string> names;
        for (std::size_t k = 0; k < e.projections.size(); ++k)
            if (writes_final_weights(e, k)) names.push_back(e.projections[k].name);
        return names;
    };
    auto with = [](const std::string& value) {
        std::string text = full_file;
        const auto at = text.find("[record]\n");
        REQUIRE(at != std::string::npos);
        text.insert(at + 9, "final_weights = \"" + value + "\"\n");
        return load(text);
    };
    const auto dflt = load(full_file);
    CHECK(dflt.record.final_weights == final_weights_rows::all);
    CHECK(written(dflt) == std::vector<std::string>{"in_to_post", "post_to_inh", "inh_to_post", "cue_to_post",
                                                    "pre_to_pairs"});
    CHECK(written(with("all")) == written(dflt));
    CHECK(written(with("plastic")) == std::vector<std::string>{"in_to_post", "pre_to_pairs"});
    CHECK(written(with("recorded")) == std::vector<std::string>{"in_to_post"});
}

TEST_CASE("minimal experiment: defaults and optional sections", "[experiment]") {
    auto e = load(preamble);
    CHECK(e.simulation.seed == 1u);
    CHECK(e.populations.empty());
    CHECK(e.sources.empty());
    CHECK(e.projections.empty());
    CHECK(e.record.spikes.empty());
    CHECK(e.stdp_windows.empty());
}

TEST_CASE("integral floats are accepted where integers are expected", "[experiment]") {
    auto e = load(preamble + "seed = 7.0\n[[population]]\nname = \"a\"\nsize = 4.0\n");
    CHECK(e.simulation.seed == 7u);
    CHECK(e.populations[0].size == 4);
}

TEST_CASE("pairing dt_pair_ms: a single number, and v_init given explicitly", "[experiment]") {
    auto e = load(preamble + R"(
[[source]]
name = "p"
kind = "pairing"
stream = "pre"
dt_pair_ms = 5
size = 1
[[population]]
name = "n"
v_init_mv = -60.0
size = 1
)");
    CHECK(std::get<pairing_source>(e.sources[0].kind).dt_pair == std::vector<double>{5.0});
    CHECK(e.populations[0].lif.v_init == -60.0);
}

TEST_CASE("a list connector whose entries all carry weights needs no weight_na", "[experiment]") {
    auto e = load(preamble + R"(
[[population]]
name = "a"
size = 2
[[projection]]
name = "ab"
pre = "a"
post = "a"
connector = "list"
connections = [[0, 1, 0.5], [1, 0, 0.25]]
)");
    const auto& list = std::get<list_connector>(e.projections[0].connectivity);
    CHECK(list.entries.size() == 2);
    CHECK(list.entries[1].weight == 0.25);
}

TEST_CASE("time-to-step rounding", "[experiment]") {
    CHECK(time_to_step(0.3, 0.1) == 3);  // 0.3 / 0.1 = 2.9999999999999996
    CHECK(time_to_step(0.0, 0.1) == 0);
    CHECK(time_to_step(0.19, 0.1) == 1);
    CHECK(step_count(simulation_params{0.1, 1000.0, 1}) == 10000);
    CHECK(step_count(simulation_params{0.1, 0.35, 1}) == 3);

    CHECK(delay_steps(1.0, 0.1) == 10);
    CHECK(delay_steps(0.1, 0.1) == 1);
    CHECK(delay_steps(0.06, 0.1) == 1);  // rounds up to one step
    CHECK(delay_steps(0.26, 0.1) == 3);
    CHECK(delay_steps(0.24, 0.1) == 2);
    CHECK_THROWS_AS(delay_steps(0.04, 0.1), std::domain_error);

    CHECK(refractory_steps(2.0, 0.1) == 20);  // 2.0 / 0.1 = 20.000000000000004, not 21
    CHECK(refractory_steps(0.0, 0.1) == 0);
    CHECK(refractory_steps(0.25, 0.1) == 3);  // rounded up
    CHECK(refractory_steps(0.3, 0.1) == 3);
}

TEST_CASE("look-ups by name", "[experiment]") {
    auto e = load(full_file);
    REQUIRE(find_population(e, "inh") != nullptr);
    CHECK(find_population(e, "inh")->size == 2);
    CHECK(find_population(e, "inputs") == nullptr);
    REQUIRE(find_source(e, "inputs") != nullptr);
    CHECK(find_source(e, "post") == nullptr);
    CHECK(find_projection(e, "cue_to_post") != nullptr);
    CHECK(source_or_population_size(e, "inputs") == 100);
    CHECK(source_or_population_size(e, "pairs") == 5);
    CHECK_THROWS_AS(source_or_population_size(e, "nobody"), experiment_error);
}
