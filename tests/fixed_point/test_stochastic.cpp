// Stochastic rounding statistics. Bounds are 5 standard errors of the binomial estimate
// (a false failure about once in 1.7 million runs per check); with more than 32 discarded bits
// the rounding probability is the fraction truncated to 32 bits, off by less than 2^-32.

#include <cmath>
#include <cstdint>

#include <catch2/catch.hpp>

#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;

namespace {
constexpr int draws = 400000;

// Rounds `x` (given exactly as a value) into `out` `draws` times; checks the frequency of
// rounding up and the mean of the result against the exact value.
void check_unbiased(fx::value x, const fx::format& out, std::uint32_t seed) {
    fx::xorshift32 g(fx::stream_seed(seed, 0));
    fx::overflow_counter c;
    const fx::result_spec spec{out, fx::rounding::stochastic, fx::overflow_mode::saturate};
    const fx::result_spec down{out, fx::rounding::floor, fx::overflow_mode::saturate};
    const std::int64_t floor_raw = fx::convert(x, down, c).raw;
    const double exact = fx::to_double(x) * std::ldexp(1.0, out.frac_bits());  // in output LSBs
    const double p = exact - static_cast<double>(floor_raw);                    // discarded fraction
    std::int64_t ups = 0;
    double sum = 0;
    for (int i = 0; i < draws; ++i) {
        const std::int64_t r = fx::convert(x, spec, c, &g).raw;
        REQUIRE((r == floor_raw || r == floor_raw + 1));
        ups += r - floor_raw;
        sum += static_cast<double>(r);
    }
    const double p_hat = static_cast<double>(ups) / draws;
    const double sigma = std::sqrt(p * (1 - p) / draws);
    const double bound = 5 * sigma + std::ldexp(1.0, -32) + 1e-12;
    const double mean = sum / draws;
    INFO("value " << fx::to_double(x) << " into " << out << ": p = " << p << ", p_hat = " << p_hat
                  << ", bound = " << bound << ", mean = " << mean << ", exact = " << exact);
    CHECK(std::abs(p_hat - p) <= bound);
    CHECK(std::abs(mean - exact) <= bound);
    CHECK(c.total() == 0);
}
}  // namespace

TEST_CASE("stochastic: probability of rounding up equals the discarded fraction", "[stochastic]") {
    const auto s16_15 = fx::format::parse("s16.15");
    const auto s7_8 = fx::format::parse("s7.8");
    const auto s7_0 = fx::format::parse("s7.0");
    check_unbiased({128 + 1, s7_8}, s7_0, 1);          // 1/256
    check_unbiased({-(3 * 256 + 77), s7_8}, s7_0, 2);  // 179/256 above -4
    check_unbiased({256 + 128, s7_8}, s7_0, 3);        // exactly half
    check_unbiased({255, s7_8}, s7_0, 4);              // 255/256
    check_unbiased({5 * 32768 + 10923, s16_15}, s7_0, 5);  // ~1/3
    check_unbiased({12345, s16_15}, fx::format::parse("s4.11"), 6);
    // 55 discarded bits: u0.63 -> u0.8.
    check_unbiased({(std::int64_t{77} << 55) + (std::int64_t{0x2AAAAAAB} << 24), fx::format(false, 0, 63)},
                   fx::format::parse("u0.8"), 7);
}

TEST_CASE("stochastic: multiply is unbiased where floor is not", "[stochastic]") {
    // SpiNNaker's s16.15 * u0.32 decay: floor loses on average half an LSB per step.
    const auto s16_15 = fx::format::parse("s16.15");
    const auto u0_32 = fx::format::parse("u0.32");
    const fx::value v{-123457, s16_15};
    const fx::value d = fx::constant(std::exp(-1.0 / 20), u0_32);
    const double exact = static_cast<double>(v.raw) * static_cast<double>(d.raw) / 4294967296.0;
    fx::xorshift32 g(fx::stream_seed(2024, 3));
    fx::overflow_counter c;
    double sum = 0;
    for (int i = 0; i < draws; ++i) {
        sum += static_cast<double>(
            fx::multiply(v, d, {s16_15, fx::rounding::stochastic, fx::overflow_mode::saturate}, c, &g).raw);
    }
    const double p = exact - std::floor(exact);
    const double bound = 5 * std::sqrt(p * (1 - p) / draws);
    INFO("exact " << exact << " mean " << sum / draws << " bound " << bound);
    CHECK(std::abs(sum / draws - exact) <= bound);

    // Accumulating 10,000 increments of 0.3 LSB: floor keeps none, stochastic keeps them.
    const auto s7_8 = fx::format::parse("s7.8");
    const fx::value weight_step = fx::constant(0.3 / 256, fx::format::parse("s7.16"));
    fx::value w_floor{0, s7_8};
    fx::value w_stochastic{0, s7_8};
    for (int i = 0; i < 10000; ++i) {
        w_floor = fx::add(w_floor, weight_step, {s7_8, fx::rounding::floor, fx::overflow_mode::saturate}, c);
        w_stochastic = fx::add(w_stochastic, weight_step, {s7_8, fx::rounding::stochastic, fx::overflow_mode::saturate}, c, &g);
    }
    const double expected = 10000 * fx::to_double(weight_step) * 256;  // in s7.8 LSBs, ~3000
    CHECK(w_floor.raw == 0);
    INFO("stochastic sum " << w_stochastic.raw << " LSBs, expected " << expected);
    CHECK(std::abs(static_cast<double>(w_stochastic.raw) - expected) <= 5 * std::sqrt(10000 * 0.3 * 0.7) + 1);
}
