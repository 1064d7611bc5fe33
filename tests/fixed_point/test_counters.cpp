// Overflow counters and the registry that names them.

#include <catch2/catch.hpp>

#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;

TEST_CASE("counters: every saturation and wrap increments its counter", "[counters]") {
    const auto u8_0 = fx::format::parse("u8.0");
    fx::counter_registry registry;
    auto& weight = registry.counter("weight");
    auto& trace = registry.counter("trace");
    const fx::result_spec sat{u8_0, fx::rounding::floor, fx::overflow_mode::saturate};
    const fx::result_spec wrap{u8_0, fx::rounding::floor, fx::overflow_mode::wrap};
    const fx::value w{250, u8_0};
    const fx::value step{10, u8_0};
    for (int i = 0; i < 5; ++i) (void)fx::add(w, step, sat, weight);
    for (int i = 0; i < 3; ++i) (void)fx::add(w, step, wrap, trace);
    (void)fx::add(fx::value{1, u8_0}, step, sat, weight);  // in range: not counted
    CHECK(weight.saturations == 5);
    CHECK(weight.wraps == 0);
    CHECK(trace.wraps == 3);
    CHECK(registry.total().total() == 8);
    CHECK(registry.find("weight") == &weight);
    CHECK(registry.find("v") == nullptr);
    CHECK(&registry.counter("weight") == &weight);
    // The reference survives new entries.
    for (const char* name: {"a", "b", "c", "v", "w", "z"}) registry.counter(name);
    (void)fx::add(w, step, sat, weight);
    CHECK(registry.find("weight")->saturations == 6);
    CHECK(registry.report().find("weight: 6 saturations, 0 wraps\n") != std::string::npos);
    CHECK(registry.report().find("trace: 0 saturations, 3 wraps\n") != std::string::npos);
    registry.reset();
    CHECK(weight.total() == 0);
    CHECK(registry.counters().size() == 8);
}

TEST_CASE("counters: mode names parse and print", "[counters]") {
    for (auto r: {fx::rounding::floor, fx::rounding::toward_zero, fx::rounding::nearest_up,
                  fx::rounding::nearest_even, fx::rounding::stochastic}) {
        CHECK(fx::parse_rounding(fx::to_string(r)) == r);
    }
    CHECK(fx::parse_overflow_mode("wrap") == fx::overflow_mode::wrap);
    CHECK(fx::parse_overflow_mode("saturate") == fx::overflow_mode::saturate);
    CHECK_THROWS_WITH(fx::parse_rounding("nearest"), Catch::Contains("rounding: \"nearest\""));
    CHECK_THROWS_WITH(fx::parse_overflow_mode("clip"), Catch::Contains("overflow: \"clip\""));
}
