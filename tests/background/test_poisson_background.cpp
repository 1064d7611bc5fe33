// The on-line Poisson background (docs/semantics.md, "Poisson background"): the generator's
// counts have the Poisson distribution (mean, variance, histogram); golden and fixed add
// exactly the generator's counts at the documented step; results do not depend on threads.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "experiment/load_experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "random/poisson_counts.hpp"
#include "stimulus/stimulus.hpp"
#include "support/require_identical.hpp"

using namespace plasticore;

namespace {

// Counts of `neurons` neurons over `steps` steps: mean, variance and chi-square of the
// histogram against the Poisson pmf (bins with expectation >= 20, the tail merged).
void check_distribution(double mean, std::uint32_t neurons, std::int64_t steps) {
    const random::poisson_counts gen(7, "pop", mean);
    std::map<std::uint32_t, double> histogram;
    double sum = 0, sum2 = 0;
    for (std::uint32_t j = 0; j < neurons; ++j) {
        const std::uint64_t s = gen.neuron_state(j);
        for (std::int64_t n = 0; n < steps; ++n) {
            const double k = gen.count_at(s, n);
            sum += k;
            sum2 += k * k;
            histogram[static_cast<std::uint32_t>(k)] += 1;
        }
    }
    const double draws = static_cast<double>(neurons) * static_cast<double>(steps);
    const double m = sum / draws;
    const double var = sum2 / draws - m * m;
    INFO("mean " << mean << ": sample mean " << m << ", variance " << var);
    // 5 standard errors: SE of the mean sqrt(lambda / N), of the variance sqrt((lambda + 2 lambda^2) / N).
    CHECK(std::abs(m - mean) < 5 * std::sqrt(mean / draws));
    CHECK(std::abs(var - mean) < 5 * std::sqrt((mean + 2 * mean * mean) / draws));
    double chi2 = 0, p = std::exp(-mean), cum = 0, seen = 0;
    int bins = 0;
    for (std::uint32_t k = 0;; ++k) {
        const double expected = p * draws;
        if (expected < 20) break;
        const double got = histogram[k];
        chi2 += (got - expected) * (got - expected) / expected;
        cum += p;
        seen += got;
        ++bins;
        p *= mean / (k + 1);
    }
    const double tail_expected = (1 - cum) * draws, tail = draws - seen;
    if (tail_expected > 0) {
        chi2 += (tail - tail_expected) * (tail - tail_expected) / tail_expected;
        ++bins;
    }
    // bins - 1 degrees of freedom (<= 15 here); 45 is beyond the 0.9999 quantile of chi2(15).
    INFO("chi2 " << chi2 << " over " << bins << " bins");
    CHECK(bins >= 3);
    CHECK(chi2 < 45);
}

// One population with a background, currents that forget in one step (tau_syn_e << dt) and
// a threshold it never reaches: I_e at the start of step n + 1 is k_n w, k_n the background
// count of step n.
const char* probe = R"(
[simulation]
dt_ms = 0.1
duration_ms = 30.0
seed = 5
[[population]]
name = "a"
size = 40
tau_syn_e_ms = 0.001
v_thresh_mv = 0.0
background_rate_hz = 15000.0
background_weight_na = 0.25
[[population]]
name = "quiet"
size = 3
[[record.state]]
population = "a"
)";

}  // namespace

TEST_CASE("background: counts are Poisson (mean, variance, histogram) at three rates", "[background]") {
    check_distribution(0.128, 1000, 1000);  // 1.28 kHz at 0.1 ms (L2/3e, 10% microcircuit)
    check_distribution(1.28, 1000, 1000);   // 12.8 kHz (L2/3e, full size)
    check_distribution(2.32, 1000, 1000);   // 23.2 kHz (L6e, full size)
}

TEST_CASE("background: the stream is a function of seed, population, neuron and step", "[background]") {
    const random::poisson_counts a(7, "pop", 1.5), b(7, "pop", 1.5), other_name(7, "pop2", 1.5), other_seed(8, "pop", 1.5);
    // Any visiting order gives the same counts: forwards against backwards.
    std::vector<std::uint32_t> forwards, backwards(50 * 50);
    for (std::uint32_t j = 0; j < 50; ++j)
        for (std::int64_t n = 0; n < 50; ++n) forwards.push_back(a.count(j, n));
    for (std::int64_t n = 49; n >= 0; --n)
        for (std::uint32_t j = 50; j-- > 0;) backwards[j * 50 + static_cast<std::size_t>(n)] = b.count(j, n);
    CHECK(forwards == backwards);
    int differ_name = 0, differ_seed = 0;
    for (std::uint32_t j = 0; j < 50; ++j)
        for (std::int64_t n = 0; n < 50; ++n) {
            differ_name += a.count(j, n) != other_name.count(j, n);
            differ_seed += a.count(j, n) != other_seed.count(j, n);
        }
    CHECK(differ_name > 1000);
    CHECK(differ_seed > 1000);
    CHECK(random::poisson_counts(7, "zero", 0.0).count(3, 4) == 0);
    CHECK_THROWS_AS(random::poisson_counts(7, "big", 101.0), std::invalid_argument);
}

TEST_CASE("background: golden and fixed add exactly the generator's counts, felt from the next step", "[background]") {
    const experiment ex = load_experiment_from_string(probe, "probe.toml");
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const random::poisson_counts gen(ex.simulation.seed, "a", 15000.0 * 0.1e-3);
    for (const std::string model: {"golden", "fixed"}) {
        INFO("model " << model);
        const run_result r = run_model(model, ex, stim, net);
        REQUIRE(r.state.size() == 40u * 300u);
        std::uint64_t total = 0;
        for (const auto& s: r.state) {
            const std::uint32_t expected = s.step == 0 ? 0 : gen.count(s.neuron, s.step - 1);
            REQUIRE(s.i_e == Approx(0.25 * expected).margin(1e-9));
            total += expected;
        }
        CHECK(total > 15548u);  // 40 x 299 x 1.3: about 1.5 per neuron and step
        for (const auto& c: r.counts) if (c.name == "a") CHECK(c.spikes == 0);
        if (model == "fixed") CHECK(r.counters.at("ring_buffer_saturations") == 0);
    }
}

namespace {
// Two populations with backgrounds (one also driven by the other), one without.
const char* threaded = R"(
[simulation]
dt_ms = 0.1
duration_ms = 100.0
seed = 21
[[population]]
name = "e"
size = 300
v_init_sd_mv = 5.0
background_rate_hz = 12000.0
background_weight_na = 0.12
[[population]]
name = "i"
size = 80
background_rate_hz = 9000.0
background_weight_na = 0.1
[[population]]
name = "x"
size = 50
[[projection]]
name = "e_i"
pre = "e"
post = "i"
connector = "fixed_total_number"
n = 6000
weight_na = { normal = [0.3, 0.1], clip = [0.0, 1.0] }
delay_ms = { normal = [1.0, 0.5], redraw = [0.1, 5.0] }
[[projection]]
name = "i_e"
pre = "i"
post = "e"
connector = "fixed_total_number"
n = 6000
receptor = "inhibitory"
weight_na = 0.8
[[projection]]
name = "e_x"
pre = "e"
post = "x"
connector = "fixed_probability"
p = 0.1
weight_na = 0.3
[record]
spikes = ["e", "i", "x"]
)";
}  // namespace

TEST_CASE("background: golden and fixed give identical results on 1, 2 and 3 threads", "[background][threads]") {
    const experiment ex = load_experiment_from_string(threaded, "threaded.toml");
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    for (const std::string model: {"golden", "fixed"}) {
        INFO("model " << model);
        model_options one;
        const run_result a = run_model(model, ex, stim, net, one);
        std::uint64_t spikes = 0;
        for (const auto& c: a.counts) spikes += c.spikes;
        CHECK(spikes > 1000);  // the background drives the network
        for (unsigned threads: {2u, 3u}) {
            model_options more;
            more.threads = threads;
            test::require_identical(a, run_model(model, ex, stim, net, more));
        }
    }
}
