// Operations at their edges: most-negative products, shifts at and beyond the width, exact
// halfway conversions in every mode, saturation and wrap at both ends, fraction-only and
// integer-only formats.

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "fixed_point/array_ops.hpp"
#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;
using fx::format;
using fx::overflow_mode;
using fx::result_spec;
using fx::rounding;
using fx::value;

namespace {
const format s16_15 = format::parse("s16.15");
const format u0_32 = format::parse("u0.32");
const format s7_0 = format::parse("s7.0");
const format u8_0 = format::parse("u8.0");

result_spec spec(const format& f, rounding r = rounding::floor,
                 overflow_mode o = overflow_mode::saturate) {
    return result_spec{f, r, o};
}

value raw(std::int64_t r, const format& f) { return value::from_raw(r, f); }
}  // namespace

TEST_CASE("ops: most negative times most negative", "[ops]") {
    fx::overflow_counter c;
    const auto s15_0 = format::parse("s15.0");
    // -2^15 * -2^15 = 2^30 fits s31.0 exactly.
    CHECK(fx::multiply(raw(-32768, s15_0), raw(-32768, s15_0), spec(format::parse("s31.0")), c).raw ==
          (1LL << 30));
    CHECK(c.total() == 0);

    // Q15: -1 * -1 = +1 does not fit s0.15: saturates to 1 - 2^-15, counted.
    const auto s0_15 = format::parse("s0.15");
    CHECK(fx::multiply(raw(-32768, s0_15), raw(-32768, s0_15), spec(s0_15), c).raw == 32767);
    CHECK(c.saturations == 1);
    // Wrapped, +1 becomes -1 (raw 2^15 keeps the low 16 bits 0x8000).
    CHECK(fx::multiply(raw(-32768, s0_15), raw(-32768, s0_15), spec(s0_15, rounding::floor, overflow_mode::wrap), c).raw ==
          -32768);
    CHECK(c.wraps == 1);

    // 64-bit operands: (-2^63)^2 = 2^126 needs the int128 path.
    const auto s63_0 = format(true, 63, 0);
    const auto s0_63 = format(true, 0, 63);
    c = {};
    CHECK(fx::multiply(raw(INT64_MIN, s63_0), raw(INT64_MIN, s63_0), spec(s63_0), c).raw == INT64_MAX);
    CHECK(fx::multiply(raw(INT64_MIN, s63_0), raw(INT64_MIN, s63_0), spec(s63_0, rounding::floor, overflow_mode::wrap), c).raw ==
          0);
    CHECK(fx::multiply(raw(INT64_MIN, s0_63), raw(INT64_MIN, s0_63), spec(s0_63), c).raw == INT64_MAX);
    CHECK(c.saturations == 2);
    CHECK(c.wraps == 1);
    // (-1) * (-1) into s1.62 is exactly +1.
    CHECK(fx::multiply(raw(INT64_MIN, s0_63), raw(INT64_MIN, s0_63), spec(format(true, 1, 62)), c).raw ==
          (1LL << 62));
    // s16.15 min squared = 2^30 does not fit s16.15 (max just under 2^16).
    CHECK(fx::multiply(raw(s16_15.min_raw(), s16_15), raw(s16_15.min_raw(), s16_15), spec(s16_15), c).raw ==
          s16_15.max_raw());
    CHECK(c.saturations == 3);
}

TEST_CASE("ops: shifts at and beyond the width", "[ops]") {
    fx::overflow_counter c;
    const value one = fx::constant(1.0, s16_15);      // raw 2^15
    const value minus_three = fx::constant(-3.0, s16_15);
    const value minus = raw(-5, s16_15);  // -5 LSB
    // 1.0 * 2^15 fits s16.15 (max 2^16 - 2^-15); 1.0 * 2^16 does not.
    CHECK(fx::shift_left(one, 15, spec(s16_15), c).raw == (1LL << 30));
    CHECK(c.total() == 0);
    for (int amount: {16, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, std::numeric_limits<int>::max()}) {
        CAPTURE(amount);
        CHECK(fx::shift_left(one, amount, spec(s16_15), c).raw == s16_15.max_raw());
        CHECK(fx::shift_left(minus_three, amount, spec(s16_15), c).raw == s16_15.min_raw());
        // Wrapped: the low 32 bits of raw << amount.
        const std::int64_t expect = amount >= 17 ? 0 : std::int64_t{INT32_MIN};
        CHECK(fx::shift_left(one, amount, spec(s16_15, rounding::floor, overflow_mode::wrap), c).raw == expect);
    }
    CHECK(fx::shift_left(raw(0, s16_15), 1000, spec(s16_15), c).raw == 0);
    CHECK(c.saturations == 24);  // one, minus_three: 12 amounts each
    CHECK(c.wraps == 12);
    c = {};

    // Right by the width and beyond: only the rounding of what was discarded remains.
    const value big = raw(s16_15.max_raw(), s16_15);  // just under 2^16
    const value most_negative = raw(s16_15.min_raw(), s16_15);
    for (int amount: {32, 33, 40, 63, 64, 100, 127, 128, 200, std::numeric_limits<int>::max()}) {
        CAPTURE(amount);
        CHECK(fx::shift_right(big, amount, spec(s16_15, rounding::floor), c).raw == 0);
        CHECK(fx::shift_right(minus, amount, spec(s16_15, rounding::floor), c).raw == -1);
        CHECK(fx::shift_right(minus, amount, spec(s16_15, rounding::toward_zero), c).raw == 0);
        CHECK(fx::shift_right(minus, amount, spec(s16_15, rounding::nearest_up), c).raw == 0);
        CHECK(fx::shift_right(minus, amount, spec(s16_15, rounding::nearest_even), c).raw == 0);
        CHECK(fx::shift_right(big, amount, spec(s16_15, rounding::nearest_even), c).raw == 0);
    }
    // -2^16 >> 16 is -1.0: exact. One more bit: -0.5 LSB... in s16.15 terms raw -2^31 >> 31 = -1
    // exactly; >> 32 is -0.5 LSB, a tie.
    CHECK(fx::shift_right(most_negative, 31, spec(s16_15, rounding::nearest_even), c).raw == -1);
    CHECK(fx::shift_right(most_negative, 32, spec(s16_15, rounding::floor), c).raw == -1);
    CHECK(fx::shift_right(most_negative, 32, spec(s16_15, rounding::toward_zero), c).raw == 0);
    CHECK(fx::shift_right(most_negative, 32, spec(s16_15, rounding::nearest_up), c).raw == 0);
    CHECK(fx::shift_right(most_negative, 32, spec(s16_15, rounding::nearest_even), c).raw == 0);
    // max >> 31 is just under one LSB: nearest rounds to 1.
    CHECK(fx::shift_right(big, 31, spec(s16_15, rounding::nearest_up), c).raw == 1);
    CHECK(fx::shift_right(big, 31, spec(s16_15, rounding::floor), c).raw == 0);
    CHECK(c.total() == 0);

    // 64-bit formats shifted by 63, 64, 65: most negative s63.0.
    const auto s63_0 = format(true, 63, 0);
    CHECK(fx::shift_right(raw(INT64_MIN, s63_0), 63, spec(s63_0), c).raw == -1);
    CHECK(fx::shift_right(raw(INT64_MIN, s63_0), 64, spec(s63_0, rounding::nearest_even), c).raw == 0);
    CHECK(fx::shift_right(raw(INT64_MIN, s63_0), 64, spec(s63_0, rounding::nearest_up), c).raw == 0);
    CHECK(fx::shift_right(raw(INT64_MIN, s63_0), 64, spec(s63_0, rounding::floor), c).raw == -1);
    CHECK(fx::shift_right(raw(INT64_MIN, s63_0), 65, spec(s63_0, rounding::nearest_even), c).raw == 0);
    CHECK(fx::shift_left(raw(-1, s63_0), 63, spec(s63_0), c).raw == INT64_MIN);
    CHECK(c.total() == 0);
    CHECK(fx::shift_left(raw(-1, s63_0), 64, spec(s63_0), c).raw == INT64_MIN);
    CHECK(c.saturations == 1);

    CHECK_THROWS_WITH(fx::shift_left(one, -1, spec(s16_15), c), Catch::Contains("amount: shift amount -1"));
    CHECK_THROWS_AS(fx::shift_right(one, -3, spec(s16_15), c), std::invalid_argument);
}

TEST_CASE("ops: conversions of values exactly halfway, each mode", "[ops]") {
    struct row {
        double x;
        std::int64_t floor, toward_zero, nearest_up, nearest_even;
    };
    const std::vector<row> rows{
        {2.5, 2, 2, 3, 2},     {3.5, 3, 3, 4, 4},     {-2.5, -3, -2, -2, -2},
        {-3.5, -4, -3, -3, -4}, {0.5, 0, 0, 1, 0},     {-0.5, -1, 0, 0, 0},
        {1.5, 1, 1, 2, 2},     {-1.5, -2, -1, -1, -2}, {2.25, 2, 2, 2, 2},
        {-2.75, -3, -2, -3, -3},
    };
    fx::overflow_counter c;
    for (const auto& r: rows) {
        CAPTURE(r.x);
        CHECK(fx::from_double(r.x, spec(s7_0, rounding::floor), c).raw == r.floor);
        CHECK(fx::from_double(r.x, spec(s7_0, rounding::toward_zero), c).raw == r.toward_zero);
        CHECK(fx::from_double(r.x, spec(s7_0, rounding::nearest_up), c).raw == r.nearest_up);
        CHECK(fx::from_double(r.x, spec(s7_0, rounding::nearest_even), c).raw == r.nearest_even);
        // The same ties through a format conversion: s7.1 raw 2x -> s7.0.
        const value half_steps = raw(static_cast<std::int64_t>(std::ldexp(r.x, 2)), format::parse("s7.2"));
        CHECK(fx::convert(half_steps, spec(s7_0, rounding::floor), c).raw == r.floor);
        CHECK(fx::convert(half_steps, spec(s7_0, rounding::toward_zero), c).raw == r.toward_zero);
        CHECK(fx::convert(half_steps, spec(s7_0, rounding::nearest_up), c).raw == r.nearest_up);
        CHECK(fx::convert(half_steps, spec(s7_0, rounding::nearest_even), c).raw == r.nearest_even);
    }
    // Halfway in a wide fraction: 2^-33 is half an LSB of u0.32.
    CHECK(fx::from_double(std::ldexp(1.0, -33), spec(u0_32, rounding::nearest_even), c).raw == 0);
    CHECK(fx::from_double(std::ldexp(3.0, -33), spec(u0_32, rounding::nearest_even), c).raw == 2);
    CHECK(fx::from_double(std::ldexp(1.0, -33), spec(u0_32, rounding::nearest_up), c).raw == 1);
    CHECK(c.total() == 0);
    // Round trip to double is exact for widths up to 53 bits.
    CHECK(fx::to_double(raw(-3, s16_15)) == -3.0 / 32768);
    CHECK(fx::to_double(raw(s16_15.min_raw(), s16_15)) == -65536.0);
}

TEST_CASE("ops: saturation at both ends", "[ops]") {
    fx::overflow_counter c;
    const value max = raw(127, s7_0);
    const value min = raw(-128, s7_0);
    const value one = raw(1, s7_0);
    CHECK(fx::add(max, one, spec(s7_0), c).raw == 127);
    CHECK(fx::subtract(min, one, spec(s7_0), c).raw == -128);
    CHECK(c.saturations == 2);
    // Unsigned: below zero clamps to zero.
    CHECK(fx::subtract(raw(0, u8_0), raw(1, u8_0), spec(u8_0), c).raw == 0);
    CHECK(fx::add(raw(255, u8_0), raw(1, u8_0), spec(u8_0), c).raw == 255);
    CHECK(c.saturations == 4);
    // Rounding first, then overflow: 127.5 rounds to 128, which saturates.
    CHECK(fx::from_double(127.5, spec(s7_0, rounding::nearest_even), c).raw == 127);
    CHECK(fx::from_double(127.5, spec(s7_0, rounding::floor), c).raw == 127);
    CHECK(c.saturations == 5);
    // Conversions from double count their saturations too.
    CHECK(fx::from_double(1e300, spec(s16_15), c).raw == s16_15.max_raw());
    CHECK(fx::from_double(-1e300, spec(s16_15), c).raw == s16_15.min_raw());
    CHECK(fx::from_double(-0.1, spec(u0_32), c).raw == 0);
    CHECK(fx::from_double(std::numeric_limits<double>::infinity(), spec(s16_15), c).raw == s16_15.max_raw());
    CHECK(fx::from_double(-std::numeric_limits<double>::infinity(), spec(s16_15, rounding::floor, overflow_mode::wrap), c).raw ==
          s16_15.min_raw());
    CHECK(c.saturations == 10);
    CHECK(c.wraps == 0);
    // NaN is an error, never a silent value.
    CHECK_THROWS_WITH(fx::from_double(std::nan(""), spec(s16_15), c), Catch::Contains("x: NaN"));
    CHECK_THROWS_WITH(fx::constant(1.0, u0_32), Catch::Contains("does not fit u0.32"));
}

TEST_CASE("ops: wrap keeps the low bits and counts", "[ops]") {
    fx::overflow_counter c;
    const auto wrap = [](const format& f) { return spec(f, rounding::floor, overflow_mode::wrap); };
    CHECK(fx::add(raw(127, s7_0), raw(1, s7_0), wrap(s7_0), c).raw == -128);
    CHECK(fx::subtract(raw(-128, s7_0), raw(1, s7_0), wrap(s7_0), c).raw == 127);
    CHECK(fx::add(raw(255, u8_0), raw(1, u8_0), wrap(u8_0), c).raw == 0);
    CHECK(fx::subtract(raw(0, u8_0), raw(1, u8_0), wrap(u8_0), c).raw == 255);
    const auto s63_0 = format(true, 63, 0);
    CHECK(fx::add(raw(INT64_MAX, s63_0), raw(1, s63_0), wrap(s63_0), c).raw == INT64_MIN);
    const auto s23_0 = format::parse("s23.0");  // Loihi's u wraps at 24 bits
    CHECK(fx::add(raw((1 << 23) - 1, s23_0), raw(2, s23_0), wrap(s23_0), c).raw == -(1 << 23) + 1);
    CHECK(fx::from_double(300.0, wrap(u8_0), c).raw == 44);
    CHECK(fx::from_double(-1.0, wrap(u8_0), c).raw == 255);
    CHECK(c.wraps == 8);
    CHECK(c.saturations == 0);
}

TEST_CASE("ops: zero-width integer parts and integer-only formats", "[ops]") {
    fx::overflow_counter c;
    // u0.32: [0, 1 - 2^-32]; 1.0 itself does not fit.
    CHECK(fx::from_double(0.5, spec(u0_32), c).raw == (1LL << 31));
    CHECK(fx::from_double(1.0 - std::ldexp(1.0, -32), spec(u0_32), c).raw == u0_32.max_raw());
    CHECK(c.total() == 0);
    CHECK(fx::from_double(1.0, spec(u0_32), c).raw == u0_32.max_raw());
    CHECK(c.saturations == 1);
    // SpiNNaker decay: (s16.15 x) * (u0.32 d) -> s16.15, truncating.
    const value v = fx::constant(-10.0, s16_15);
    const value d = fx::constant(std::exp(-0.1), u0_32);
    const value decayed = fx::multiply(v, d, spec(s16_15, rounding::floor), c);
    CHECK(decayed.raw == ((v.raw * d.raw) >> 32));
    // s0.15: -1 fits, +1 does not.
    const auto s0_15 = format::parse("s0.15");
    CHECK(fx::from_double(-1.0, spec(s0_15), c).raw == -32768);
    CHECK(c.saturations == 1);
    CHECK(fx::from_double(1.0, spec(s0_15), c).raw == 32767);
    CHECK(c.saturations == 2);
    // s23.0 (Loihi's 24-bit v): integers only, saturating at +-(2^23 - 1) and -2^23.
    const auto s23_0 = format::parse("s23.0");
    CHECK(fx::from_double(8388607.0, spec(s23_0), c).raw == 8388607);
    CHECK(fx::from_double(8388607.5, spec(s23_0, rounding::nearest_even), c).raw == 8388607);
    CHECK(c.saturations == 3);
    CHECK(fx::from_double(-8388608.4, spec(s23_0, rounding::nearest_even), c).raw == -8388608);
    CHECK(c.saturations == 3);
    // Loihi decay: sign(x) * ((|x| * (4096 - d)) >> 12) is a u0.12 factor with toward_zero.
    const auto u0_12 = format::parse("u0.12");
    const value factor = raw(4096 - 410, u0_12);
    CHECK(fx::multiply(raw(-1001, s23_0), factor, spec(s23_0, rounding::toward_zero), c).raw ==
          -((1001 * (4096 - 410)) >> 12));
    CHECK(fx::multiply(raw(1001, s23_0), factor, spec(s23_0, rounding::toward_zero), c).raw ==
          ((1001 * (4096 - 410)) >> 12));
    // Integer-only to fraction-only and back.
    CHECK(fx::convert(raw(3, format::parse("u3.0")), spec(format::parse("u0.8")), c).raw == 255);
    CHECK(c.saturations == 4);
}

TEST_CASE("ops: comparison is exact across formats", "[ops]") {
    CHECK(fx::compare(fx::constant(0.5, u0_32), fx::constant(0.5, s16_15)) == 0);
    CHECK(fx::equal(fx::constant(0.5, u0_32), fx::constant(0.5, s16_15)));
    CHECK(fx::compare(raw(1, u0_32), raw(0, s16_15)) == 1);
    CHECK(fx::less(raw(-1, format(true, 0, 63)), raw(0, u0_32)));
    CHECK(fx::compare(raw(INT64_MIN, format(true, 63, 0)), raw(INT64_MIN, format(true, 0, 63))) == -1);
    CHECK(fx::compare(raw(INT64_MAX, format(false, 0, 63)), raw(1, format(false, 1, 0))) == -1);
}

TEST_CASE("ops: array multiply equals the element-wise operation", "[ops]") {
    std::vector<std::int64_t> a, b;
    for (std::int64_t i = 0; i < 300; ++i) {
        a.push_back((i * 2654435761LL) % s16_15.max_raw() - (1LL << 30));
        b.push_back((i * 40503LL * 65537LL) & u0_32.max_raw());
    }
    for (auto r: {rounding::floor, rounding::toward_zero, rounding::nearest_up, rounding::nearest_even,
                  rounding::stochastic}) {
        for (auto o: {overflow_mode::saturate, overflow_mode::wrap}) {
            for (const auto& out: {s16_15, format::parse("s4.11"), format(true, 40, 23)}) {
                fx::overflow_counter c1, c2;
                fx::xorshift32 g1(7), g2(7);
                std::vector<std::int64_t> got(a.size());
                fx::multiply_n(a.data(), s16_15, b.data(), u0_32, got.data(), a.size(), spec(out, r, o), c1, &g1);
                for (std::size_t i = 0; i < a.size(); ++i) {
                    const auto want = fx::multiply(value{a[i], s16_15}, value{b[i], u0_32}, spec(out, r, o), c2, &g2);
                    REQUIRE(got[i] == want.raw);
                }
                CHECK(c1.saturations == c2.saturations);
                CHECK(c1.wraps == c2.wraps);
                CHECK(g1.state() == g2.state());
            }
        }
    }
}
