// The spike statistics of model/compare/spike_statistics.hpp, the KS test and the per-population
// comparison, against values worked out by hand.

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <sstream>

#include "compare/metrics.hpp"
#include "compare/population_statistics.hpp"
#include "compare/spike_statistics.hpp"

namespace plasticore {

TEST_CASE("firing rate counts the spikes in the window per second", "[compare][statistics]") {
    // Spikes at steps 0, 5, 10, 15 with dt 0.1 ms; window [5, 15) = 1 ms holds 5 and 10: 2000 Hz.
    const std::vector<std::int64_t> t{0, 5, 10, 15};
    CHECK(firing_rate(t, {5, 15}, 0.1) == Approx(2000.0).epsilon(1e-15));
    CHECK(firing_rate(t, {0, 20}, 0.1) == Approx(2000.0).epsilon(1e-15));  // 4 spikes in 2 ms
    CHECK(firing_rate({}, {0, 10000}, 0.1) == 0.0);
    CHECK(firing_rate(t, {16, 10016}, 0.1) == 0.0);  // all before the window
    CHECK_THROWS_AS(firing_rate(t, {5, 5}, 0.1), std::invalid_argument);
    CHECK_THROWS_AS(firing_rate(t, {0, 5}, 0.0), std::invalid_argument);
}

TEST_CASE("CV ISI: regular 0, hand-computed irregular, too few spikes none", "[compare][statistics]") {
    CHECK(*cv_isi({10, 20, 30, 40, 50}, {0, 100}, 3) == 0.0);
    // Intervals 1 and 3: mean 2, sd (1/n) 1, CV 0.5.
    CHECK(*cv_isi({0, 1, 4}, {0, 10}, 3) == Approx(0.5).epsilon(1e-15));
    // Intervals 2, 2, 8: mean 4, variance (4 + 4 + 16) / 3 = 8, CV sqrt(8) / 4.
    CHECK(*cv_isi({0, 2, 4, 12}, {0, 100}, 3) == Approx(std::sqrt(8.0) / 4.0).epsilon(1e-15));
    // Only the spikes inside the window count: {4, 12} is two spikes.
    CHECK_FALSE(cv_isi({0, 2, 4, 12}, {3, 100}, 3));
    CHECK_FALSE(cv_isi({0, 2, 4, 12}, {0, 100}, 5));
    CHECK(cv_isi({0, 2, 4, 12}, {0, 100}, 4));
    CHECK_THROWS_AS(cv_isi({0, 2, 4}, {0, 100}, 2), std::invalid_argument);
}

TEST_CASE("binned counts: bins from the window start, a partial last bin left out", "[compare][statistics]") {
    // Window [10, 31) with bins of 5 steps: [10,15) [15,20) [20,25) [25,30); step 30 is left out.
    const auto c = binned_counts({3, 10, 14, 15, 24, 24, 30, 40}, {10, 31}, 5);
    CHECK(c == std::vector<double>{2, 1, 2, 0});
    CHECK_THROWS_AS(binned_counts({}, {0, 4}, 5), std::invalid_argument);
    CHECK_THROWS_AS(binned_counts({}, {0, 10}, 0), std::invalid_argument);
}

TEST_CASE("Pearson correlation: identical 1, opposite -1, hand value, constant undefined", "[compare][statistics]") {
    CHECK(*pearson_correlation({1, 0, 2, 0}, {1, 0, 2, 0}) == Approx(1.0).epsilon(1e-15));
    CHECK(*pearson_correlation({1, 0, 1, 0}, {0, 1, 0, 1}) == Approx(-1.0).epsilon(1e-15));
    // x = {1, 2, 3}, y = {1, 3, 2}: centred {-1, 0, 1} and {-1, 1, 0}: 1 / (sqrt 2 sqrt 2) = 0.5.
    CHECK(*pearson_correlation({1, 2, 3}, {1, 3, 2}) == Approx(0.5).epsilon(1e-15));
    CHECK_FALSE(pearson_correlation({0, 0, 0}, {1, 0, 2}));  // a silent neuron
    CHECK_FALSE(pearson_correlation({2, 2, 2}, {1, 0, 2}));  // the same count in every bin
    CHECK_THROWS_AS(pearson_correlation({1, 2}, {1, 2, 3}), std::invalid_argument);
}

TEST_CASE("pairwise correlations leave out the pairs of a silent neuron", "[compare][statistics]") {
    const auto r = pairwise_correlations({{1, 2, 3}, {0, 0, 0}, {1, 3, 2}, {3, 2, 1}});
    // Pairs (0,2) 0.5, (0,3) -1, (2,3) -0.5; the three pairs with neuron 1 have none.
    REQUIRE(r.size() == 3);
    CHECK(r[0] == Approx(0.5));
    CHECK(r[1] == Approx(-1.0));
    CHECK(r[2] == Approx(-0.5));
}

TEST_CASE("the correlation sample is distinct, ascending, seeded and keyed by population", "[compare][statistics]") {
    const auto a = sample_neurons(1000, 200, 55, "L23e");
    REQUIRE(a.size() == 200);
    CHECK(std::set<std::uint32_t>(a.begin(), a.end()).size() == 200);
    CHECK(std::is_sorted(a.begin(), a.end()));
    CHECK(a.back() < 1000);
    CHECK(sample_neurons(1000, 200, 55, "L23e") == a);
    CHECK(sample_neurons(1000, 200, 56, "L23e") != a);
    CHECK(sample_neurons(1000, 200, 55, "L23i") != a);
    CHECK(sample_neurons(5, 200, 55, "x") == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
    // Every neuron is drawn about equally often (no modulo bias): 3000 samples of 1 of 3.
    int counts[3] = {0, 0, 0};
    for (std::uint64_t s = 0; s < 3000; ++s) ++counts[sample_neurons(3, 1, s, "x")[0]];
    for (int c: counts) CHECK(std::abs(c - 1000) < 100);
}

TEST_CASE("two-sample KS statistic by hand, p-value from the Kolmogorov distribution", "[compare][ks]") {
    CHECK(kolmogorov_smirnov({1, 2, 3}, {4, 5, 6}).statistic == 1.0);
    // F_a - F_b at 1, 2: 1/4, 1/2; at 3, 4: still 1/2 (both step); then falls: D = 1/2.
    CHECK(kolmogorov_smirnov({1, 2, 3, 4}, {3, 4, 5, 6}).statistic == Approx(0.5));
    const auto same = kolmogorov_smirnov({1, 2, 2, 3}, {3, 2, 1, 2});
    CHECK(same.statistic == 0.0);
    CHECK(same.p_value == 1.0);
    // Unequal sizes: {0, 1} against {0.5}: F_a(0) = 1/2, F_b(0) = 0; at 0.5 1/2 against 1: D = 1/2.
    CHECK(kolmogorov_smirnov({0, 1}, {0.5}).statistic == Approx(0.5));
    // p for D = 0.5, n = m = 100: m_eff = 50, lambda = (sqrt 50 + 0.12 + 0.11 / sqrt 50) 0.5 = 3.6053,
    // Q = 2 exp(-2 lambda^2) - ... = 1.0e-11 (leading term; the next is e^-104).
    std::vector<double> a(100), b(100);
    for (int k = 0; k < 100; ++k) {
        a[k] = k;
        b[k] = k + 50;
    }
    const auto r = kolmogorov_smirnov(a, b);
    CHECK(r.statistic == Approx(0.5));
    const double lambda = (std::sqrt(50.0) + 0.12 + 0.11 / std::sqrt(50.0)) * 0.5;
    CHECK(r.p_value == Approx(2.0 * std::exp(-2.0 * lambda * lambda)).epsilon(1e-9));
    CHECK_THROWS_AS(kolmogorov_smirnov({}, {1}), std::invalid_argument);
}

TEST_CASE("population statistics of trains known by construction", "[compare][statistics]") {
    // Three neurons over 1000 steps of 0.1 ms (100 ms): 0 regular every 100 steps (10 spikes,
    // 100 Hz, CV 0), 1 the same train (correlation 1 with 0), 2 silent (no CV, no correlation).
    std::vector<std::vector<std::int64_t>> ref(3);
    for (std::int64_t s = 0; s < 1000; s += 100) ref[0].push_back(s);
    ref[1] = ref[0];
    // The candidate moves neuron 1's spikes by 20 steps (2 ms, one bin): correlation with
    // neuron 0 becomes that of two regular trains one bin apart.
    auto cand = ref;
    for (auto& s: cand[1]) s += 20;
    statistics_options o;  // window = whole run, 2 ms bins, sample 200 (all 3)
    const auto st = compare_population_statistics(ref, cand, o, 0.1, 1000, 1, "p");
    CHECK(st.correlation_neurons == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(st.rate.reference == std::vector<double>{100.0, 100.0, 0.0});
    CHECK(st.rate.candidate == std::vector<double>{100.0, 100.0, 0.0});
    CHECK(st.rate.ks->statistic == 0.0);
    CHECK(*st.rate.wasserstein1 == 0.0);
    CHECK(st.rate.reference_summary.mean == Approx(200.0 / 3.0));
    CHECK(st.cv_isi.reference == std::vector<double>{0.0, 0.0});
    REQUIRE(st.correlation.reference.size() == 1);  // pair (0, 1); pairs with the silent neuron left out
    CHECK(st.correlation.reference[0] == Approx(1.0));
    // 50 bins, each train 10 ones in different bins: centred products 10 (1 - 1/5)(-1/5) * 2 +
    // 30 (1/25) = -3.2 + 1.2 = -2; variance sum 10 (16/25) + 40 (1/25) = 8: rho = -2 / 8 = -1/4.
    REQUIRE(st.correlation.candidate.size() == 1);
    CHECK(st.correlation.candidate[0] == Approx(-0.25));
    CHECK(st.correlation.ks->statistic == 1.0);
    CHECK(*st.correlation.wasserstein1 == Approx(1.25));

    std::ostringstream csv;
    write_distribution_rows(csv, "p", st, "golden", "fixed");
    CHECK(csv.str().find("p,reference,golden,rate_hz,100\n") == 0);
    CHECK(csv.str().find("p,candidate,fixed,cv_isi,0\n") != std::string::npos);
    CHECK(csv.str().find("p,candidate,fixed,correlation,-0.2") != std::string::npos);  // -1/4 up to rounding
}

TEST_CASE("statistics options are checked with the flag named", "[compare][statistics]") {
    auto message = [](statistics_options o) {
        try {
            check_statistics_options(o, 0.1, 10000);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(message({}) == "accepted");
    // A bin that is not a whole number of steps is rounded (a swept dt need not divide it).
    statistics_options rounded;
    rounded.correlation_bin = 0.25;
    CHECK(message(rounded) == "accepted");
    CHECK(correlation_bin_steps(rounded, 0.1) == 3);
    CHECK(correlation_bin_steps({}, 0.3) == 7);
    struct bad_case {
        void (*set)(statistics_options&);
        const char* flag;
        const char* value;
    };
    const bad_case cases[] = {
        {[](statistics_options& o) { o.analysis_start = -1.0; }, "--analysis-start", "-1"},
        {[](statistics_options& o) { o.analysis_stop = 1000.5; }, "--analysis-stop", "1000.5"},
        {[](statistics_options& o) { o.analysis_start = 600, o.analysis_stop = 500; }, "--analysis-stop", "500"},
        {[](statistics_options& o) { o.analysis_start = 1000; }, "--analysis-start", "1000"},
        {[](statistics_options& o) { o.correlation_bin = 0.04; }, "--correlation-bin", "0.04"},
        {[](statistics_options& o) { o.correlation_bin = 0.0; }, "--correlation-bin", "0"},
        {[](statistics_options& o) { o.correlation_sample = 1; }, "--correlation-sample", "1"},
        {[](statistics_options& o) { o.cv_min_spikes = 2; }, "--cv-min-spikes", "2"},
    };
    for (const auto& c: cases) {
        statistics_options o;
        c.set(o);
        INFO(c.flag << " " << c.value);
        CHECK_THAT(message(o), Catch::Contains(c.flag) && Catch::Contains(c.value));
    }
}

}  // namespace plasticore
