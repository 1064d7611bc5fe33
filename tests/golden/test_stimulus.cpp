// Input spike trains: statistics of Poisson sources, exact times of the deterministic kinds,
// ordering, and independence of named streams.
#include <catch2/catch.hpp>

#include <cmath>

#include "experiment/load_experiment.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {
stimulus make(const std::string& sources, double duration_ms = 1000.0) {
    const std::string text = "[simulation]\ndt_ms = 0.1\nduration_ms = " + std::to_string(duration_ms) +
                             "\nseed = 11\n" + sources;
    return generate_stimulus(load_experiment_from_string(text, "stim.toml"));
}
}  // namespace

TEST_CASE("time_to_step places decimal multiples of dt on their intended step", "[stimulus]") {
    CHECK(time_to_step(0.3, 0.1) == 3);  // 0.3 / 0.1 = 2.9999999999999996 in binary
    CHECK(time_to_step(92.7, 0.1) == 927);
    CHECK(time_to_step(0.0, 0.1) == 0);
    CHECK(time_to_step(0.09999, 0.1) == 0);
    CHECK(step_count(simulation_params{0.1, 1000.0, 1}) == 10000);
}

TEST_CASE("Poisson trains have rate * T spikes per channel within 5 sigma, at most one per step", "[stimulus]") {
    const auto st = make("[[source]]\nname = \"p\"\nkind = \"poisson\"\nsize = 200\nrate_hz = 20.0\n", 10000.0);
    const auto& t = st.sources[0];
    const double p = 20.0 * 0.1e-3, n = 100000.0 * 200.0;
    const double mean = n * p, sd = std::sqrt(n * p * (1 - p));
    CHECK(std::abs(static_cast<double>(t.steps.size()) - mean) < 5 * sd);
    for (std::size_t i = 1; i < t.steps.size(); ++i) {
        REQUIRE((t.steps[i] > t.steps[i - 1] || (t.steps[i] == t.steps[i - 1] && t.channels[i] > t.channels[i - 1])));
    }
    // Inter-spike gaps of one channel are geometric: P(gap = 1 step) = p.
    std::vector<std::int64_t> last(200, -1);
    double ones = 0, gaps = 0;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        auto& l = last[t.channels[i]];
        if (l >= 0) {
            gaps += 1;
            ones += (t.steps[i] - l == 1);
        }
        l = t.steps[i];
    }
    CHECK(std::abs(ones / gaps - p) < 5 * std::sqrt(p / gaps));
}

TEST_CASE("regular, theta-burst and pairing sources spike at their exact steps", "[stimulus]") {
    const auto st = make(
        "[[source]]\nname = \"r\"\nkind = \"regular\"\nsize = 2\nrate_hz = 100.0\nphase_ms = 2.5\n"
        "[[source]]\nname = \"tb\"\nkind = \"theta_burst\"\nsize = 1\npulses = 4\nintra_burst_hz = 100.0\n"
        "burst_hz = 5.0\nn_bursts = 3\nstart_ms = 10.0\n"
        "[[source]]\nname = \"pp\"\nkind = \"pairing\"\nstream = \"post\"\ndt_pair_ms = [-5.0, 5.0]\nn_pairs = 3\n"
        "frequency_hz = 10.0\nstart_ms = 50.0\nlead_ms = 0.1\n",
        300.0);
    const auto& reg = st.sources[0];
    REQUIRE(reg.steps.size() == 2 * 30);
    CHECK(reg.steps[0] == 25);
    CHECK(reg.channels[1] == 1);
    CHECK(reg.steps.back() == 25 + 29 * 100);

    const auto& tb = st.sources[1];
    REQUIRE(tb.steps.size() == 8);  // the third burst (410 ms) is after the end of the run
    CHECK(tb.steps[0] == 100);
    CHECK(tb.steps[3] == 400);   // 4th pulse at 10 + 30 ms
    CHECK(tb.steps[4] == 2100);  // 2nd burst at 10 + 200 ms
    CHECK(tb.steps[7] == 2100 + 300);

    const auto& pp = st.sources[2];
    REQUIRE(pp.steps.size() == 6);
    CHECK(pp.steps[0] == 449);  // 50 - 5 - 0.1 ms
    CHECK(pp.channels[0] == 0);
    CHECK(pp.steps[1] == 549);  // 50 + 5 - 0.1 ms
    CHECK(pp.steps[2] == 1449);
}

TEST_CASE("a source's train depends on its name and the seed, not on other sources", "[stimulus]") {
    const std::string a = "[[source]]\nname = \"a\"\nkind = \"poisson\"\nsize = 5\nrate_hz = 50.0\n";
    const std::string b = "[[source]]\nname = \"b\"\nkind = \"poisson\"\nsize = 5\nrate_hz = 50.0\n";
    const auto alone = make(a);
    const auto with_b_first = make(b + a);
    CHECK(alone.sources[0].steps == with_b_first.sources[1].steps);
    CHECK(alone.sources[0].channels == with_b_first.sources[1].channels);
    CHECK(with_b_first.sources[0].steps != with_b_first.sources[1].steps);
}

TEST_CASE("explicit spikes in one step of one channel are merged and counted", "[stimulus]") {
    const auto st = make("[[source]]\nname = \"e\"\nkind = \"explicit\"\ntimes_ms = [[1.0, 1.05, 2.0], [1.0]]\n");
    const auto& t = st.sources[0];
    CHECK(t.steps == std::vector<std::int64_t>{10, 10, 20});
    CHECK(t.channels == std::vector<std::uint32_t>{0, 1, 0});
    CHECK(t.merged_in_step == 1);
}
