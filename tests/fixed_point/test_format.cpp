// Formats: the s<int>.<frac> / u<int>.<frac> notation, limits, and errors for bad text.

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "fixed_point/format.hpp"

using plasticore::fixed_point::format;

TEST_CASE("format: parse and print round-trip", "[format]") {
    for (const char* text: {"s16.15", "u0.32", "s4.11", "s23.0", "u0.12", "u0.8", "u3.0",
                            "u16.0", "s0.15", "s0.63", "s63.0", "u0.63", "u63.0", "s0.0", "u1.0",
                            "s31.32", "u8.0", "u6.0", "s7.0"}) {
        CAPTURE(text);
        CHECK(format::parse(text).to_string() == text);
    }
}

TEST_CASE("format: fields, width and raw range", "[format]") {
    const auto s16_15 = format::parse("s16.15");
    CHECK(s16_15.is_signed());
    CHECK(s16_15.int_bits() == 16);
    CHECK(s16_15.frac_bits() == 15);
    CHECK(s16_15.width() == 32);
    CHECK(s16_15.min_raw() == -2147483648LL);
    CHECK(s16_15.max_raw() == 2147483647LL);
    CHECK(s16_15.resolution() == 1.0 / 32768);

    const auto u0_32 = format::parse("u0.32");
    CHECK(!u0_32.is_signed());
    CHECK(u0_32.width() == 32);
    CHECK(u0_32.min_raw() == 0);
    CHECK(u0_32.max_raw() == 4294967295LL);

    const auto s63_0 = format(true, 63, 0);
    CHECK(s63_0.width() == 64);
    CHECK(s63_0.min_raw() == INT64_MIN);
    CHECK(s63_0.max_raw() == INT64_MAX);
    CHECK(format(false, 0, 63).max_raw() == INT64_MAX);
    CHECK(format::parse("s23.0").min_raw() == -(1 << 23));
    CHECK(format::parse("s0.0").min_raw() == -1);
    CHECK(format::parse("s0.0").max_raw() == 0);
    CHECK(format::parse("s16.15") == format(true, 16, 15));
    CHECK(format::parse("s16.15") != format(false, 16, 15));
}

TEST_CASE("format: anchor hardware formats are expressible", "[format]") {
    // docs/fixed-point.md, "Reference hardware formats".
    for (const char* text: {"s16.15", "u0.32", "s4.11", "u16.0", "s23.0", "u0.12", "s7.0",
                            "u8.0", "u3.0", "u6.0"}) {
        CAPTURE(text);
        CHECK_NOTHROW(format::parse(text));
    }
}

TEST_CASE("format: bad text is rejected with a message quoting it", "[format]") {
    const auto fails_with = [](const std::string& text, const std::string& fragment) {
        CAPTURE(text);
        try {
            (void)format::parse(text);
            FAIL("no exception");
        }
        catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            CAPTURE(what);
            CHECK(what.find(fragment) != std::string::npos);
        }
    };
    fails_with("", "is empty");
    fails_with("x16.15", "\"x16.15\"");
    fails_with("S16.15", "'s' or 'u'");
    fails_with("s16", "no '.'");
    fails_with("s16.", "fraction bit count");
    fails_with("s.15", "integer bit count");
    fails_with("s-1.15", "integer bit count");
    fails_with("s+1.15", "integer bit count");
    fails_with("s16.15.1", "fraction bit count");
    fails_with("s16.15 ", "fraction bit count");
    fails_with(" s16.15", "'s' or 'u'");
    fails_with("s1000.0", "integer bit count");
    fails_with("s32.32", "width 65");
    fails_with("u64.0", "exceeds 63 bits");
    fails_with("u0.0", "width 0");
}

TEST_CASE("format: constructor names the bad parameter", "[format]") {
    CHECK_THROWS_WITH(format(true, -1, 3), Catch::Contains("int_bits = -1"));
    CHECK_THROWS_WITH(format(true, 3, -2), Catch::Contains("frac_bits = -2"));
    CHECK_THROWS_WITH(format(true, 40, 24), Catch::Contains("width 65"));
    CHECK_NOTHROW(format(true, 40, 23));
    CHECK_THROWS_AS(format(false, 0, 64), std::invalid_argument);
}
