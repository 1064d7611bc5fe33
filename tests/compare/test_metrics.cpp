// Each metric of model/compare/metrics.hpp against values worked out by hand.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "compare/metrics.hpp"

namespace plasticore {
namespace {

// D^2 = (1/2) [sum_ij k(a_i - a_j) + sum_ij k(b_i - b_j) - 2 sum_ij k(a_i - b_j)],
// k(x) = exp(-|x| / tau): the O(n^2) pair form of the same definition.
double van_rossum_pairs(const std::vector<double>& a, const std::vector<double>& b, double tau) {
    auto cross = [tau](const std::vector<double>& x, const std::vector<double>& y) {
        double s = 0.0;
        for (double p: x)
            for (double q: y) s += std::exp(-std::abs(p - q) / tau);
        return s;
    };
    return std::sqrt(std::max(0.0, 0.5 * (cross(a, a) + cross(b, b) - 2.0 * cross(a, b))));
}

}  // namespace

TEST_CASE("van Rossum distance of one spike against none is sqrt(1/2)", "[compare][van_rossum]") {
    CHECK(van_rossum_distance({12.5}, {}, 10.0) == Approx(std::sqrt(0.5)).epsilon(1e-15));
    CHECK(van_rossum_distance({}, {12.5}, 3.0) == Approx(std::sqrt(0.5)).epsilon(1e-15));
    CHECK(van_rossum_distance({}, {}, 10.0) == 0.0);
}

TEST_CASE("van Rossum distance of two single spikes d apart is sqrt(1 - exp(-d/tau))", "[compare][van_rossum]") {
    for (double d: {0.1, 1.0, 3.0, 10.0, 50.0}) {
        INFO("d = " << d);
        const double expected = std::sqrt(1.0 - std::exp(-d / 10.0));
        CHECK(van_rossum_distance({5.0}, {5.0 + d}, 10.0) == Approx(expected).epsilon(1e-13));
        CHECK(van_rossum_distance({5.0 + d}, {5.0}, 10.0) == Approx(expected).epsilon(1e-13));
    }
    // tau enters: the same offset with tau = 5 ms.
    CHECK(van_rossum_distance({0.0}, {3.0}, 5.0) == Approx(std::sqrt(1.0 - std::exp(-0.6))).epsilon(1e-13));
}

TEST_CASE("van Rossum distance: two spikes against none, identical trains", "[compare][van_rossum]") {
    // {0, 5} against nothing: D^2 = (1/2)(2 + 2 exp(-5/10)).
    CHECK(van_rossum_distance({0.0, 5.0}, {}, 10.0) == Approx(std::sqrt(1.0 + std::exp(-0.5))).epsilon(1e-14));
    CHECK(van_rossum_distance({1.0, 2.0, 7.5}, {1.0, 2.0, 7.5}, 10.0) == 0.0);
    // A spike present in both at the same time does not change the distance of the rest.
    CHECK(van_rossum_distance({1.0, 500.0}, {1.0, 503.0}, 10.0) ==
          Approx(std::sqrt(1.0 - std::exp(-0.3))).epsilon(1e-12));
    CHECK_THROWS_AS(van_rossum_distance({1.0}, {2.0}, 0.0), std::invalid_argument);
}

TEST_CASE("van Rossum distance equals the pair-sum form on random trains", "[compare][van_rossum]") {
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int> step(0, 400);
    for (int trial = 0; trial < 50; ++trial) {
        std::vector<double> a, b;
        for (int k = 0; k < 1 + trial % 7; ++k) a.push_back(0.1 * step(rng));
        for (int k = 0; k < trial % 5; ++k) b.push_back(0.1 * step(rng));
        if (trial % 3 == 0) b.insert(b.end(), a.begin(), a.begin() + 1);  // shared spike times
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        std::sort(b.begin(), b.end());
        b.erase(std::unique(b.begin(), b.end()), b.end());
        INFO("trial " << trial);
        CHECK(van_rossum_distance(a, b, 10.0) == Approx(van_rossum_pairs(a, b, 10.0)).epsilon(1e-9).margin(1e-7));
    }
}

TEST_CASE("spike matching within +-1 step is one to one", "[compare][match]") {
    CHECK(count_matched_spikes({10, 20, 30}, {11, 19, 32}, 1) == 2);
    CHECK(count_matched_spikes({10, 20, 30}, {10, 20, 30}, 1) == 3);
    CHECK(count_matched_spikes({10, 20, 30}, {10, 20, 30}, 0) == 3);
    CHECK(count_matched_spikes({10, 20, 30}, {11, 21, 31}, 0) == 0);
    CHECK(count_matched_spikes({10, 12}, {11}, 1) == 1);  // one candidate spike serves one reference spike
    CHECK(count_matched_spikes({11}, {10, 12}, 1) == 1);
    CHECK(count_matched_spikes({5, 6}, {4, 5}, 1) == 2);  // greedy in time order still finds both
    CHECK(count_matched_spikes({}, {4, 5}, 1) == 0);
    CHECK(count_matched_spikes({4, 5}, {}, 1) == 0);
    CHECK(count_matched_spikes({100}, {98, 102}, 1) == 0);
    CHECK(count_matched_spikes({100}, {98, 102}, 2) == 1);
}

TEST_CASE("Wasserstein-1 distance between empirical distributions", "[compare][w1]") {
    CHECK(wasserstein1({0.0, 1.0}, {1.0, 2.0}) == 1.0);
    CHECK(wasserstein1({1.0, 0.0}, {2.0, 1.0}) == 1.0);  // order of the samples does not matter
    CHECK(wasserstein1({3.0, 1.0}, {1.0, 3.0}) == 0.0);
    CHECK(wasserstein1({0.0, 0.0, 0.0, 4.0}, {1.0, 1.0, 1.0, 1.0}) == Approx(1.5));  // (1+1+1+3)/4
    CHECK(wasserstein1({0.0}, {0.0, 2.0}) == Approx(1.0));  // unequal sizes: half the mass moves 2
    CHECK(wasserstein1({0.0, 1.0, 2.0}, {0.0, 2.0}) == Approx(1.0 / 3.0));
    CHECK(wasserstein1({}, {}) == 0.0);
    CHECK_THROWS_AS(wasserstein1({}, {1.0}), std::invalid_argument);
}

TEST_CASE("error statistics: RMSE, max error, bias with its sign and standard error", "[compare][errors]") {
    // e = candidate - reference = {0.5, 0.5, -0.5, 0.5}
    const error_stats s = error_statistics({1, 2, 3, 4}, {1.5, 2.5, 2.5, 4.5});
    CHECK(s.n == 4);
    CHECK(s.rmse == Approx(0.5));
    CHECK(s.max_abs == Approx(0.5));
    CHECK(s.mean_signed == Approx(0.25));  // candidate above the reference: positive bias
    CHECK(s.mean_signed_se == Approx(0.25));  // sample sd 0.5 (n - 1 = 3), over sqrt(4)
    const error_stats neg = error_statistics({1, 2}, {0, 0});
    CHECK(neg.mean_signed == Approx(-1.5));
    CHECK(neg.rmse == Approx(std::sqrt(2.5)));
    CHECK(neg.max_abs == Approx(2.0));
    CHECK(neg.mean_signed_se == Approx(0.5));  // sd of {-1, -2} is sqrt(0.5), over sqrt(2)
    CHECK(std::isnan(error_statistics({1}, {2}).mean_signed_se));
    CHECK_THROWS_AS(error_statistics({1}, {1, 2}), std::invalid_argument);
}

}  // namespace plasticore
