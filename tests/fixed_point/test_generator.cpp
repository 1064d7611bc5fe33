// The stochastic-rounding generator: known answers, seeding, streams, and which bits one
// rounding consumes (docs/fixed-point.md, "Generator").

#include <cstdint>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;

TEST_CASE("generator: xorshift32 known answers for seed 1", "[generator]") {
    // By hand from x ^= x << 13; x ^= x >> 17; x ^= x << 5, starting at x = 1:
    // 1 -> 0x2001 -> 0x2001 -> 0x42021 = 270369; then 0x84000021 -> 0x84004221 -> 0x04080601.
    // Later values cross-checked with an independent Python implementation.
    fx::xorshift32 g(1);
    const std::vector<std::uint32_t> expect{270369u, 67634689u, 2647435461u, 307599695u, 2398689233u};
    for (auto e: expect) CHECK(g.next() == e);
}

TEST_CASE("generator: same seed gives the same sequence, zero seed is replaced", "[generator]") {
    fx::xorshift32 a(12345), b(12345), c(12346);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        CHECK(x != 0);  // a nonzero state never reaches zero
        differs = differs || x != c.next();
    }
    CHECK(differs);
    CHECK(fx::xorshift32(0).state() == fx::zero_seed_replacement);
    fx::xorshift32 z(0), r(fx::zero_seed_replacement);
    CHECK(z.next() == r.next());
    a.reseed(12345);
    CHECK(a.next() == fx::xorshift32(12345).next());
}

TEST_CASE("generator: stream seeds are reproducible, distinct and never zero", "[generator]") {
    // splitmix64 known answer: the first output for state 0 is 0xE220A8397B1DCDAF.
    CHECK(fx::splitmix64_mix(0 + fx::splitmix64_gamma) == 0xE220A8397B1DCDAFull);
    // stream_seed known answers, from an independent Python implementation of the documented rule.
    CHECK(fx::stream_seed(0, 0) == 0xA706DD2Fu);
    CHECK(fx::stream_seed(0, 1) == 0xB382A305u);
    CHECK(fx::stream_seed(42, 7) == 0xBC16A3D4u);
    CHECK(fx::nonzero_seed(0) == fx::zero_seed_replacement);
    CHECK(fx::nonzero_seed(5) == 5u);
    std::set<std::uint32_t> seen;
    for (std::uint64_t master: {0ULL, 1ULL, 42ULL, 0xFFFFFFFFFFFFFFFFULL, 0x9E3779B97F4A7C15ULL}) {
        for (std::uint32_t unit = 0; unit < 2000; ++unit) {
            const auto s = fx::stream_seed(master, unit);
            REQUIRE(s != 0);
            CHECK(s == fx::stream_seed(master, unit));
            seen.insert(s);
        }
    }
    CHECK(seen.size() == 10000);  // no collisions among these 10,000 streams
    for (std::uint32_t unit = 0; unit < 100000; ++unit) REQUIRE(fx::stream_seed(7, unit) != 0);
}

TEST_CASE("generator: one step per stochastic rounding, top bits against discarded bits", "[generator]") {
    const auto s7_3 = fx::format::parse("s7.3");
    const auto s7_0 = fx::format::parse("s7.0");
    const fx::result_spec stochastic{s7_0, fx::rounding::stochastic, fx::overflow_mode::saturate};
    fx::overflow_counter c;
    // Discarded bits 0b101 = 5/8: round up iff r >> 29 < 5.
    fx::xorshift32 g(99), shadow(99);
    for (int i = 0; i < 200; ++i) {
        const auto r = shadow.next();
        const auto got = fx::convert(fx::value{8 * 3 + 5, s7_3}, stochastic, c, &g);
        CHECK(got.raw == 3 + ((r >> 29) < 5 ? 1 : 0));
    }
    // Negative: -2.375 = -19/8 has floor -3 and discarded bits 0b101 as well.
    for (int i = 0; i < 200; ++i) {
        const auto r = shadow.next();
        const auto got = fx::convert(fx::value{-19, s7_3}, stochastic, c, &g);
        CHECK(got.raw == -3 + ((r >> 29) < 5 ? 1 : 0));
    }
    // An exact result still consumes its step, and never moves.
    const auto before = g.state();
    CHECK(fx::convert(fx::value{16, s7_3}, stochastic, c, &g).raw == 2);
    CHECK(g.state() != before);
    shadow.next();
    // More than 32 discarded bits: the top 32 of them against r. u0.63 -> u0.8 drops 55 bits.
    const auto u0_63 = fx::format(false, 0, 63);
    const auto u0_8 = fx::format::parse("u0.8");
    const std::int64_t raw = (std::int64_t{77} << 55) | (std::int64_t{0x12345678} << 23) | 0x7FFFFF;
    for (int i = 0; i < 200; ++i) {
        const auto r = shadow.next();
        const auto got = fx::convert(fx::value{raw, u0_63}, {u0_8, fx::rounding::stochastic, fx::overflow_mode::saturate}, c, &g);
        CHECK(got.raw == 77 + (r < 0x12345678u ? 1 : 0));
    }
    CHECK(g.state() == shadow.state());
    // A stochastic rounding without a generator is an error.
    CHECK_THROWS_WITH(fx::convert(fx::value{1, s7_3}, stochastic, c), Catch::Contains("rng: stochastic"));
    CHECK(c.total() == 0);
}

TEST_CASE("generator: the worked example of docs/fixed-point.md", "[generator]") {
    // 2.375 (s7.3 raw 19, discarded bits 0b011) into s7.0, generator seeded with 1.
    fx::xorshift32 g(1);
    fx::overflow_counter c;
    const fx::result_spec spec{fx::format::parse("s7.0"), fx::rounding::stochastic, fx::overflow_mode::saturate};
    std::vector<std::int64_t> got;
    for (int i = 0; i < 5; ++i) got.push_back(fx::convert({19, fx::format::parse("s7.3")}, spec, c, &g).raw);
    CHECK(got == std::vector<std::int64_t>{3, 3, 2, 3, 2});
}
