// Value lists, ranges, shard specs and the Cartesian product of `plasticore sweep`.

#include <catch2/catch.hpp>

#include "sweep/sweep.hpp"

namespace plasticore::sweep {
namespace {

using strings = std::vector<std::string>;

TEST_CASE("value lists and integer ranges", "[sweep]") {
    CHECK(parse_values("floor,nearest,stochastic") == strings{"floor", "nearest", "stochastic"});
    CHECK(parse_values(" 0.5 , 1e-3 ") == strings{"0.5", "1e-3"});
    CHECK(parse_values("16") == strings{"16"});
    CHECK(parse_values("4..8") == strings{"4", "5", "6", "7", "8"});
    CHECK(parse_values("4..16:4") == strings{"4", "8", "12", "16"});
    CHECK(parse_values("4..15:4") == strings{"4", "8", "12"});
    CHECK(parse_values("-2..1") == strings{"-2", "-1", "0", "1"});
    CHECK(parse_values("7..7") == strings{"7"});
}

TEST_CASE("bad value lists and ranges name the offending text", "[sweep]") {
    CHECK_THROWS_WITH(parse_values(""), Catch::Contains("empty value list"));
    CHECK_THROWS_WITH(parse_values("a,,b"), Catch::Contains("empty value in list 'a,,b'"));
    CHECK_THROWS_WITH(parse_values("a,"), Catch::Contains("empty value"));
    CHECK_THROWS_WITH(parse_values("16..4"), Catch::Contains("'16..4'") && Catch::Contains("below the start"));
    CHECK_THROWS_WITH(parse_values("4..16:0"), Catch::Contains("step must be positive"));
    CHECK_THROWS_WITH(parse_values("4..x"), Catch::Contains("bad range '4..x'"));
    CHECK_THROWS_WITH(parse_values("1.5..3"), Catch::Contains("bad range"));
    CHECK_THROWS_WITH(parse_set("hardware.weight_bits"), Catch::Contains("not KEY=VALUES"));
    CHECK_THROWS_WITH(parse_set("=4..8"), Catch::Contains("has no key"));
    CHECK_THROWS_WITH(parse_set("hardware.weight_bits=8..4"), Catch::Contains("hardware.weight_bits=8..4"));
    const axis a = parse_set("hardware.weight_bits=4..6");
    CHECK(a.key == "hardware.weight_bits");
    CHECK(a.values == strings{"4", "5", "6"});
}

TEST_CASE("shard specs", "[sweep]") {
    CHECK(parse_shard("1/1").k == 1);
    const auto s = parse_shard("2/3");
    CHECK((s.k == 2 && s.n == 3));
    for (const char* bad: {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2", ""})
        CHECK_THROWS_WITH(parse_shard(bad), Catch::Contains(std::string("'") + bad + "'"));
}

TEST_CASE("Cartesian product: size and order, first axis slowest", "[sweep]") {
    const std::vector<axis> axes{{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}};
    const auto p = cartesian_product(axes);
    REQUIRE(p.size() == 6);
    CHECK(p[0] == strings{"1", "x"});
    CHECK(p[1] == strings{"1", "y"});
    CHECK(p[2] == strings{"1", "z"});
    CHECK(p[3] == strings{"2", "x"});
    CHECK(p[5] == strings{"2", "z"});
    CHECK(cartesian_product({}).size() == 1);
    CHECK(cartesian_product({{"a", {"1"}}, {"b", {"1", "2"}}, {"c", {"1", "2", "3"}}}).size() == 6);
    CHECK_THROWS_WITH(cartesian_product({{"a", {}}}), Catch::Contains("--set a"));
}

TEST_CASE("t quantiles for the 95% confidence interval", "[sweep]") {
    CHECK(t_quantile_95(1) == Approx(12.706));
    CHECK(t_quantile_95(4) == Approx(2.776));
    CHECK(t_quantile_95(30) == Approx(2.042));
    CHECK(t_quantile_95(60) == Approx(2.000).epsilon(1e-3));
    CHECK(t_quantile_95(1000) == Approx(1.962).epsilon(1e-3));
}

}  // namespace
}  // namespace plasticore::sweep
