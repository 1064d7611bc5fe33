// Network construction: connectors, weight initialisation, delays and the row/column indices.
#include <catch2/catch.hpp>

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
    const auto net = make("[[projection]]\nname = \"l\"\npre = \"a\"\npost = \"b\"\nconnector = \"list\"\n"
                          "weight_na = 0.2\nconnections = [[3, 1, 0.5, 2.0], [3, 0, 0.4, 0.5], [0, 7], [3, 2]]\n");
    const auto& t = net.projections[0];
    REQUIRE(t.size() == 4);
    CHECK(t.pre == std::vector<std::uint32_t>{0, 3, 3, 3});
    CHECK(t.post == std::vector<std::uint32_t>{7, 0, 2, 1});  // row 3 by delay: 5, 10, 20 steps
    CHECK(t.delay == std::vector<std::uint32_t>{10, 5, 10, 20});
    CHECK(t.weight == std::vector<double>{0.2, 0.4, 0.2, 0.5});
    CHECK(t.max_delay == 20);
    CHECK(t.row_start[3] == 1);
    CHECK(t.row_start[4] == 4);
    for (std::uint32_t j = 0; j < 80; ++j)
        for (std::uint32_t c = t.column_start[j]; c < t.column_start[j + 1]; ++c) REQUIRE(t.post[t.column_synapse[c]] == j);
    CHECK(t.column_start.back() == 4);
}
