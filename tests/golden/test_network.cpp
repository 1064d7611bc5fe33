// Network construction: connectors, weight initialisation, delays and the row/column indices.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "experiment/load_experiment.hpp"
#include "network/network.hpp"

using namespace plasticore;

namespace {
network make(const std::string& projection) {
    const std::string text =
        "[simulation]\ndt_ms = 0.1\nduration_ms = 10.0\nseed = 5\n"
        "[[population]]\nname = \"a\"\nsize = 100\n[[population]]\nname = \"b\"\nsize = 80\n" + projection;
    return build_network(load_experiment_from_string(text, "net.toml"));
}
}  // namespace

TEST_CASE("fixed_probability connects a fraction p of pairs within 5 sigma", "[network]") {
    const auto net = make("[[projection]]\nname = \"p\"\npre = \"a\"\npost = \"b\"\nconnector = \"fixed_probability\"\n"
                          "p = 0.2\nweight_na = { uniform = [0.1, 0.3] }\n");
    const auto& t = net.projections[0];
    const double n = 8000, p = 0.2;
    CHECK(std::abs(static_cast<double>(t.size()) - n * p) < 5 * std::sqrt(n * p * (1 - p)));
    for (double w: t.weight) REQUIRE((w >= 0.1 && w < 0.3));
}

TEST_CASE("rows are ordered by pre then delay, and columns index every synapse once", "[network]") {
    // The same list twice: static (no column index) and with a rule (columns).
    const std::string list = "pre = \"a\"\npost = \"b\"\nconnector = \"list\"\n"
                             "weight_na = 0.2\nconnections = [[3, 1, 0.5, 2.0], [3, 0, 0.4, 0.5], [0, 7], [3, 2]]\n";
    const auto net = make("[[projection]]\nname = \"s\"\n" + list + "[[projection]]\nname = \"l\"\n" + list +
                          "[projection.plasticity]\nrule = \"stdp_pair\"\ntau_plus_ms = 20.0\ntau_minus_ms = 20.0\n"
                          "a_plus = 0.01\na_minus = 0.01\nw_min_na = 0.0\nw_max_na = 1.0\n");
    CHECK(net.projections[0].column_synapse.empty());
    CHECK(net.projections[0].post == net.projections[1].post);
    const auto& t = net.projections[1];
    REQUIRE(t.size() == 4);
    std::vector<std::uint32_t> pre, delay, pre_found, delay_found;
    t.for_each_synapse([&](std::uint32_t i, std::uint32_t d, std::uint32_t s) {
        REQUIRE(s == pre.size());
        pre.push_back(i);
        delay.push_back(d);
        pre_found.push_back(t.pre_of(s));
        delay_found.push_back(t.delay_of(s));
    });
    CHECK(pre == std::vector<std::uint32_t>{0, 3, 3, 3});
    CHECK(pre_found == pre);
    CHECK(t.post == std::vector<std::uint32_t>{7, 0, 2, 1});  // row 3 by delay: 5, 10, 20 steps
    CHECK(delay == std::vector<std::uint32_t>{10, 5, 10, 20});
    CHECK(delay_found == delay);
    CHECK(t.weight == std::vector<double>{0.2, 0.4, 0.2, 0.5});
    CHECK(t.max_delay == 20);
    CHECK(t.row_start[3] == 1);
    CHECK(t.row_start[4] == 4);
    for (std::uint32_t j = 0; j < 80; ++j)
        for (std::uint32_t c = t.column_start[j]; c < t.column_start[j + 1]; ++c) REQUIRE(t.post[t.column_synapse[c]] == j);
    CHECK(t.column_start.back() == 4);
}

namespace {
// Each synapse's delay [steps] in synapse order.
std::vector<std::uint32_t> delays_of(const synapse_table& t) {
    std::vector<std::uint32_t> d;
    t.for_each_synapse([&](std::uint32_t, std::uint32_t delay, std::uint32_t) { d.push_back(delay); });
    return d;
}

struct moments {
    double mean = 0, sd = 0;
};
template <class V>
moments moments_of(const V& xs) {
    moments m;
    for (double x: xs) m.mean += static_cast<double>(x);
    m.mean /= static_cast<double>(xs.size());
    for (double x: xs) m.sd += (static_cast<double>(x) - m.mean) * (static_cast<double>(x) - m.mean);
    m.sd = std::sqrt(m.sd / static_cast<double>(xs.size()));
    return m;
}
}  // namespace

TEST_CASE("fixed_total_number makes exactly n synapses, pre and post uniform with replacement", "[network]") {
    const auto net = make("[[projection]]\nname = \"t\"\npre = \"a\"\npost = \"b\"\nconnector = \"fixed_total_number\"\n"
                          "n = 40000\nweight_na = 0.1\n");
    const auto& t = net.projections[0];
    REQUIRE(t.size() == 40000);
    // Each pre gets Binomial(40000, 1/100) synapses (mean 400, sd 19.9), each post Binomial(40000, 1/80).
    std::size_t multapses = 0;
    for (int i = 0; i < 100; ++i) {
        const double k = t.row_start[i + 1] - t.row_start[i];
        REQUIRE(std::abs(k - 400.0) < 6 * std::sqrt(400.0 * 0.99));
        for (std::uint32_t s = t.row_start[i] + 1; s < t.row_start[i + 1]; ++s)
            if (t.post[s] == t.post[s - 1] && t.delay_of(s) == t.delay_of(s - 1)) ++multapses;
    }
    for (int j = 0; j < 80; ++j) {
        const double k = t.column_start[j + 1] - t.column_start[j];
        REQUIRE(std::abs(k - 500.0) < 6 * std::sqrt(500.0 * (1 - 1.0 / 80)));
    }
    // With replacement: pairs repeat. Expected repeats 40000 - 8000 (1 - e^-5) = 32054; without
    // replacement none could.
    CHECK(multapses > 30000);
    CHECK(multapses < 34000);
}

TEST_CASE("fixed_total_number allows autapses within one population and n = 0", "[network]") {
    auto net = make("[[projection]]\nname = \"self\"\npre = \"a\"\npost = \"a\"\nconnector = \"fixed_total_number\"\n"
                    "n = 20000\nweight_na = 0.1\n");
    std::size_t autapses = 0;
    for (std::size_t s = 0; s < net.projections[0].size(); ++s)
        if (net.projections[0].pre_of(s) == net.projections[0].post[s]) ++autapses;
    CHECK(autapses > 100);  // expected 200 (1 in 100)
    CHECK(autapses < 320);
    net = make("[[projection]]\nname = \"none\"\npre = \"a\"\npost = \"b\"\nconnector = \"fixed_total_number\"\n"
               "n = 0\nweight_na = 0.1\n");
    CHECK(net.projections[0].size() == 0);
}

TEST_CASE("normal weights: mean and sd within tolerance, clipped or redrawn at the bounds", "[network]") {
    const std::string head = "[[projection]]\nname = \"w\"\npre = \"a\"\npost = \"b\"\nconnector = \"all_to_all\"\n";
    // Far from the bound: mean 0.0878 nA, sd 10% (the microcircuit's weights).
    auto t = make(head + "weight_na = { normal = [0.0878, 0.00878], redraw = [0.0, inf] }\n").projections[0];
    auto m = moments_of(t.weight);
    CHECK(std::abs(m.mean - 0.0878) < 5 * 0.00878 / std::sqrt(8000.0));
    CHECK(std::abs(m.sd - 0.00878) < 0.05 * 0.00878);
    // Near the bound: clip piles the lower tail onto 0 (half the draws), redraw never gives 0.
    t = make(head + "weight_na = { normal = [0.0, 1.0], clip = [0.0, inf] }\n").projections[0];
    const auto zeros = std::count(t.weight.begin(), t.weight.end(), 0.0);
    CHECK(std::abs(static_cast<double>(zeros) - 4000.0) < 5 * std::sqrt(2000.0));
    for (double w: t.weight) REQUIRE(w >= 0.0);
    t = make(head + "weight_na = { normal = [0.0, 1.0], redraw = [0.0, inf] }\n").projections[0];
    CHECK(std::count(t.weight.begin(), t.weight.end(), 0.0) == 0);
    for (double w: t.weight) REQUIRE(w > 0.0);
    // The half-normal's mean: sqrt(2 / pi).
    CHECK(std::abs(moments_of(t.weight).mean - std::sqrt(2.0 / std::acos(-1.0))) < 0.03);
}

TEST_CASE("normal delays: per synapse, rounded to steps, clipped or redrawn at one step", "[network]") {
    const std::string head = "[[projection]]\nname = \"d\"\npre = \"a\"\npost = \"b\"\nconnector = \"all_to_all\"\nweight_na = 0.1\n";
    // 1.5 +- 0.75 ms at dt = 0.1 ms (the microcircuit's excitatory delays): 15 +- 7.5 steps.
    auto t = make(head + "delay_ms = { normal = [1.5, 0.75], redraw = [0.1, inf] }\n").projections[0];
    auto delay = delays_of(t);
    REQUIRE(delay.size() == t.size());
    for (auto d: delay) REQUIRE(d >= 1);
    auto m = moments_of(delay);
    // Redrawing below 0.1 ms truncates the normal at z = -1.87 (3% of the mass): the truncated
    // normal's mean is 15 + 7.5 phi(z) / (1 - Phi(z)) = 15.54 steps, its sd 7.5 x 0.928 = 6.96.
    CHECK(std::abs(m.mean - 15.54) < 0.3);
    CHECK(std::abs(m.sd - 6.96) < 0.3);
    const auto at_one = std::count(delay.begin(), delay.end(), 1u);
    // Clipping puts the 3% lower tail on one step; redrawing leaves one step only its own share.
    t = make(head + "delay_ms = { normal = [1.5, 0.75], clip = [0.1, inf] }\n").projections[0];
    delay = delays_of(t);
    const auto clipped_at_one = std::count(delay.begin(), delay.end(), 1u);
    CHECK(clipped_at_one > 200);  // 8000 x 2.5%
    CHECK(at_one < 120);  // 8000 x 1.5%
    // Segments split each row by delay; max_delay covers the drawn delays.
    CHECK(t.max_delay == *std::max_element(delay.begin(), delay.end()));
}
