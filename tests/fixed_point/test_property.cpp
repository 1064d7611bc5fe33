// Property test: every operation, in every rounding mode and both overflow modes, against an
// independent reference built on exact rational arithmetic (Boost.Multiprecision). The
// reference never calls the library's arithmetic: it takes the exact rational value of the
// operation, scales it to output LSBs, rounds it by the rule as written in docs/fixed-point.md,
// then applies the overflow rule to the exact integer. Results must be bit-identical and the
// overflow counters must move exactly when the reference overflows.
//
// Seed: a fixed default, printed; PLASTICORE_PROPERTY_SEED=<n> replays or varies it.

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>

#include "fixed_point/ops.hpp"

namespace fx = plasticore::fixed_point;
using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;
using fx::format;
using fx::overflow_mode;
using fx::rounding;
using fx::value;

namespace {

// ---------------------------------------------------------------------------------------------
// The reference.

cpp_int pow2(int n) { return cpp_int(1) << n; }

cpp_rational exact(const value& v) { return cpp_rational(cpp_int(v.raw), pow2(v.fmt.frac_bits())); }

// The exact value of a finite double: mantissa * 2^exponent with a 53-bit integer mantissa.
cpp_rational exact(double x) {
    int e = 0;
    const double fr = std::frexp(x, &e);
    const auto m = static_cast<std::int64_t>(std::ldexp(fr, 53));
    e -= 53;
    return e >= 0 ? cpp_rational(cpp_int(m) << e) : cpp_rational(cpp_int(m), pow2(-e));
}

// The exact value in output LSBs, split into its floor and its fraction in [0, 1).
struct scaled {
    cpp_int floor;
    cpp_rational frac;
};

scaled scale(const cpp_rational& v, const format& out) {
    const cpp_rational s = v * cpp_rational(pow2(out.frac_bits()));
    const cpp_int n = numerator(s);
    const cpp_int d = denominator(s);  // > 0
    cpp_int q = n / d;                 // truncates toward zero
    if (n < 0 && q * d != n) q -= 1;
    return {q, s - cpp_rational(q)};
}

// The rounding rules of docs/fixed-point.md, as statements about the exact fraction.
cpp_int round_reference(const scaled& s, rounding mode, std::uint32_t r) {
    static const cpp_rational half(1, 2);
    bool up = false;
    switch (mode) {
    case rounding::floor: up = false; break;
    case rounding::toward_zero: up = s.floor < 0 && s.frac != 0; break;
    case rounding::nearest_up: up = s.frac >= half; break;
    case rounding::nearest_even: up = s.frac > half || (s.frac == half && (s.floor & 1) != 0); break;
    // Up iff (r + 1) / 2^32 <= fraction: probability = the fraction truncated to 32 bits.
    case rounding::stochastic: up = cpp_rational(cpp_int(r) + 1) <= s.frac * cpp_rational(pow2(32)); break;
    }
    return s.floor + (up ? 1 : 0);
}

struct expected {
    std::int64_t raw;
    std::uint64_t saturations;
    std::uint64_t wraps;
};

expected fit_reference(const cpp_int& q, const format& out, overflow_mode mode) {
    const int w = (out.is_signed() ? 1 : 0) + out.int_bits() + out.frac_bits();
    const cpp_int lo = out.is_signed() ? cpp_int(-pow2(w - 1)) : cpp_int(0);
    const cpp_int hi = out.is_signed() ? cpp_int(pow2(w - 1) - 1) : cpp_int(pow2(w) - 1);
    if (q >= lo && q <= hi) return {q.convert_to<std::int64_t>(), 0, 0};
    if (mode == overflow_mode::saturate) return {(q < lo ? lo : hi).convert_to<std::int64_t>(), 1, 0};
    cpp_int m = q % pow2(w);  // sign of q
    if (m < 0) m += pow2(w);
    if (m > hi) m -= pow2(w);
    return {m.convert_to<std::int64_t>(), 0, 1};
}

// The test's own xorshift32, written from the specification.
std::uint32_t reference_step(std::uint32_t& x) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

// ---------------------------------------------------------------------------------------------
// Random operands.

const std::vector<format>& named_formats() {
    static const std::vector<format> all = [] {
        std::vector<format> v;
        for (const char* t: {"s16.15", "u0.32", "s4.11", "s23.0", "u0.12", "u0.8", "u3.0", "u16.0",
                             "s7.0",   "u8.0",  "u6.0",  "s0.15", "s0.31", "s0.63", "u0.63", "s63.0",
                             "u63.0",  "s31.32", "u32.31", "s15.48", "s47.16", "u1.62", "s2.5", "u1.1",
                             "s0.0",   "u1.0",  "s1.0",  "s11.20", "u12.12", "s3.60", "u40.0", "s8.23"}) {
            v.push_back(format::parse(t));
        }
        return v;
    }();
    return all;
}

class generator {
public:
    explicit generator(std::uint64_t seed): rng_(seed) {}

    std::uint64_t bits() { return rng_(); }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

    format any_format() {
        if (chance(0.5)) return named_formats()[static_cast<std::size_t>(uniform(0, int(named_formats().size()) - 1))];
        const bool is_signed = chance(0.5);
        const int width = uniform(1, is_signed ? 64 : 63);
        const int int_bits = uniform(0, width - (is_signed ? 1 : 0));
        return format(is_signed, int_bits, width - (is_signed ? 1 : 0) - int_bits);
    }

    // A format near an exact result with `frac` fraction bits and `mag` magnitude bits, so that
    // results often round (a few bits discarded) and sit near the overflow boundary.
    format near_format(int frac, int mag) {
        const bool is_signed = chance(0.6);
        const int limit = 63;  // magnitude bits available: s0.63, u63.0
        int f = std::max(0, std::min(63, frac - uniform(0, 4)));
        int i = std::max(0, mag - frac + uniform(-2, 1));
        if (i + f > limit) f = std::max(0, limit - i);
        if (i + f > limit) i = limit - f;
        if (!is_signed && i + f == 0) i = 1;
        return format(is_signed, i, f);
    }

    std::int64_t raw(const format& f) {
        const std::int64_t lo = f.min_raw();
        const std::int64_t hi = f.max_raw();
        switch (uniform(0, 9)) {
        case 0: return lo;
        case 1: return hi;
        case 2: return uniform(-2, 2) + (chance(0.5) ? lo + 2 : hi - 2) < lo ? lo : std::min(hi, uniform(-2, 2) + (chance(0.5) ? lo + 2 : hi - 2));
        case 3: return std::max(lo, std::min(hi, std::int64_t{uniform(-3, 3)}));
        default: {
            // A random magnitude of random bit length, so small values are common too.
            const int len = uniform(0, f.magnitude_bits());
            const std::uint64_t mask = len == 64 ? ~0ULL : (len == 0 ? 0 : ((1ULL << len) - 1));
            std::int64_t r = static_cast<std::int64_t>(bits() & mask & static_cast<std::uint64_t>(hi));
            if (f.is_signed() && chance(0.5)) r = -r - (chance(0.3) ? 1 : 0);
            return std::max(lo, std::min(hi, r));
        }
        }
    }

    value any_value(const format& f) { return value{raw(f), f}; }

    int shift_amount(const format& a) {
        switch (uniform(0, 2)) {
        case 0: return uniform(0, 70);
        case 1: return uniform(0, 200);
        default: {
            const int w = a.width();
            const int special[] = {0, 1, w - 1, w, w + 1, 63, 64, 65, 127, 128, 129, 1000,
                                   std::numeric_limits<int>::max()};
            return std::max(0, special[uniform(0, 12)]);
        }
        }
    }

    double any_double(const format& out) {
        switch (uniform(0, 9)) {
        case 0: case 1: case 2: {  // a value of some format
            const format f = any_format();
            return fx::to_double(any_value(f));
        }
        case 3: case 4: {  // exactly halfway between two output LSBs
            const int mag = std::min(50, out.magnitude_bits());
            const auto k = static_cast<std::int64_t>(bits() & ((1ULL << mag) - 1)) * (out.is_signed() && chance(0.5) ? -1 : 1);
            return std::ldexp(static_cast<double>(2 * k + 1), -(out.frac_bits() + 1));
        }
        case 5: case 6: case 7: {
            const double m = static_cast<double>(bits() >> 11) * (chance(0.5) ? -1 : 1);
            return std::ldexp(m, uniform(-120, 40));
        }
        case 8: {
            const double m = static_cast<double>(bits() >> 11) * (chance(0.5) ? -1 : 1);
            return std::ldexp(m, uniform(-1130, 970));
        }
        default: {
            const double inf = std::numeric_limits<double>::infinity();
            const double special[] = {0.0, -0.0, inf, -inf, std::ldexp(1.0, 63), -std::ldexp(1.0, 63),
                                      std::ldexp(1.0, 64), -std::ldexp(1.0, 64),
                                      std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::denorm_min(),
                                      std::ldexp(1.0, 63) - 1024, -(std::ldexp(1.0, 63) - 1024)};
            return special[uniform(0, 13)];
        }
        }
    }

private:
    std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------------------------
// The harness.

std::uint64_t property_seed() {
    if (const char* env = std::getenv("PLASTICORE_PROPERTY_SEED")) return std::strtoull(env, nullptr, 0);
    return 20240601;
}

std::string describe(const value& v) {
    std::ostringstream o;
    o << v.fmt << " raw " << v.raw;
    return o.str();
}

class harness {
public:
    harness(std::string name, std::uint64_t stream)
        : name_(std::move(name)), seed_(property_seed()), gen_(seed_ ^ (stream * 0x9E3779B97F4A7C15ULL)),
          lib_rng_(static_cast<std::uint32_t>(seed_ + stream)), ref_state_(fx::nonzero_seed(static_cast<std::uint32_t>(seed_ + stream))) {}

    generator& gen() { return gen_; }

    // Runs `op` in every rounding and overflow mode against the exact value `v` (or an
    // infinity, which saturates whatever the overflow mode).
    template <class Op>
    void check(const char* op_name, const std::function<std::string()>& operands, const cpp_rational* v,
               int infinity_sign, const format& out, Op op) {
        scaled s{};
        if (v != nullptr) s = scale(*v, out);
        for (const rounding mode: {rounding::floor, rounding::toward_zero, rounding::nearest_up,
                                   rounding::nearest_even, rounding::stochastic}) {
            for (const overflow_mode ov: {overflow_mode::saturate, overflow_mode::wrap}) {
                const fx::result_spec spec{out, mode, ov};
                std::uint32_t r = 0;
                if (mode == rounding::stochastic) r = reference_step(ref_state_);
                expected e{};
                if (v == nullptr) {
                    e = {infinity_sign > 0 ? out.max_raw() : out.min_raw(), 1, 0};
                }
                else {
                    e = fit_reference(round_reference(s, mode, r), out, ov);
                    if (s.frac == cpp_rational(1, 2)) ++ties_;
                    if (e.saturations + e.wraps != 0) ++overflows_;
                    if (s.frac != 0 && e.saturations + e.wraps == 0) ++inexact_in_range_;
                }
                fx::overflow_counter c;
                const value got = op(spec, c, mode == rounding::stochastic ? &lib_rng_ : nullptr);
                ++checks_;
                if (got.raw != e.raw || got.fmt != out || c.saturations != e.saturations || c.wraps != e.wraps) {
                    if (++mismatches_ <= 12) {
                        std::cout << "MISMATCH " << op_name << "(" << operands() << ") -> " << out << " " << mode
                                  << " " << ov << ": got raw " << got.raw << " (" << c.saturations << " sat, "
                                  << c.wraps << " wrap), expected " << e.raw << " (" << e.saturations << " sat, "
                                  << e.wraps << " wrap)\n";
                    }
                }
            }
        }
    }

    void count_check(bool ok, const std::function<std::string()>& what) {
        ++checks_;
        if (!ok && ++mismatches_ <= 12) std::cout << "MISMATCH " << what() << "\n";
    }

    void finish(std::uint64_t minimum_checks) {
        ++checks_;  // the generators' final states must agree
        if (lib_rng_.state() != ref_state_) {
            ++mismatches_;
            std::cout << "MISMATCH generator state " << lib_rng_.state() << " vs reference " << ref_state_ << "\n";
        }
        std::cout << "property " << name_ << ": seed " << seed_ << " (replay with PLASTICORE_PROPERTY_SEED="
                  << seed_ << "), " << checks_ << " checks, " << mismatches_ << " mismatches; reference "
                  << "outcomes: " << overflows_ << " overflowed, " << ties_ << " exact ties, "
                  << inexact_in_range_ << " rounded in range" << std::endl;
        INFO("seed " << seed_);
        CHECK(checks_ >= minimum_checks);
        REQUIRE(mismatches_ == 0);
    }

private:
    std::string name_;
    std::uint64_t seed_;
    generator gen_;
    fx::xorshift32 lib_rng_;
    std::uint32_t ref_state_;
    std::uint64_t checks_ = 0, mismatches_ = 0, ties_ = 0, overflows_ = 0, inexact_in_range_ = 0;
};

format pick_out(generator& g, int frac, int mag, const format& a) {
    const int choice = g.uniform(0, 9);
    if (choice < 4) return g.any_format();
    if (choice < 6) return a;
    return g.near_format(frac, mag);
}

constexpr int iterations = 40000;

}  // namespace

TEST_CASE("property: add and subtract", "[property]") {
    harness h("add/subtract", 1);
    auto& g = h.gen();
    for (int i = 0; i < iterations; ++i) {
        const value a = g.any_value(g.any_format());
        const value b = g.any_value(g.chance(0.3) ? a.fmt : g.any_format());
        const auto operands = [&] { return describe(a) + ", " + describe(b); };
        const int frac = std::max(a.fmt.frac_bits(), b.fmt.frac_bits());
        const int mag = std::max(a.fmt.int_bits(), b.fmt.int_bits()) + 1 + frac;
        const cpp_rational sum = exact(a) + exact(b);
        const cpp_rational difference = exact(a) - exact(b);
        h.check("add", operands, &sum, 0, pick_out(g, frac, mag, a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::add(a, b, s, c, r); });
        h.check("subtract", operands, &difference, 0, pick_out(g, frac, mag, a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::subtract(a, b, s, c, r); });
    }
    h.finish(750000);
}

TEST_CASE("property: multiply", "[property]") {
    harness h("multiply", 2);
    auto& g = h.gen();
    for (int i = 0; i < 2 * iterations; ++i) {
        const value a = g.any_value(g.any_format());
        const value b = g.any_value(g.chance(0.2) ? a.fmt : g.any_format());
        const auto operands = [&] { return describe(a) + ", " + describe(b); };
        const int frac = a.fmt.frac_bits() + b.fmt.frac_bits();
        const int mag = a.fmt.magnitude_bits() + b.fmt.magnitude_bits();
        const cpp_rational product = exact(a) * exact(b);
        h.check("multiply", operands, &product, 0, pick_out(g, frac, mag, a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::multiply(a, b, s, c, r); });
    }
    h.finish(750000);
}

TEST_CASE("property: convert and shifts", "[property]") {
    harness h("convert/shift", 3);
    auto& g = h.gen();
    for (int i = 0; i < iterations; ++i) {
        const value a = g.any_value(g.any_format());
        const int left = g.shift_amount(a.fmt);
        const int right = g.shift_amount(a.fmt);
        const cpp_rational va = exact(a);
        h.check("convert", [&] { return describe(a); }, &va, 0, pick_out(g, a.fmt.frac_bits(), a.fmt.magnitude_bits(), a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::convert(a, s, c, r); });
        // Amounts past 1100 behave as 1100 (everything discarded or overflowed); the reference
        // uses the real amount up to there, to keep its numbers small.
        const int left_ref = std::min(left, 1100);
        const int right_ref = std::min(right, 1100);
        const cpp_rational shifted_left = va * cpp_rational(pow2(left_ref));
        const cpp_rational shifted_right = va / cpp_rational(pow2(right_ref));
        const int f = a.fmt.frac_bits();
        h.check("shift_left", [&] { return describe(a) + " by " + std::to_string(left); }, &shifted_left, 0,
                pick_out(g, std::max(0, f - left), a.fmt.magnitude_bits() + std::min(left, 64), a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::shift_left(a, left, s, c, r); });
        h.check("shift_right", [&] { return describe(a) + " by " + std::to_string(right); }, &shifted_right, 0,
                pick_out(g, std::min(63, f + std::min(right, 64)), a.fmt.magnitude_bits(), a.fmt),
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::shift_right(a, right, s, c, r); });
    }
    h.finish(750000);
}

TEST_CASE("property: from_double", "[property]") {
    harness h("from_double", 4);
    auto& g = h.gen();
    for (int i = 0; i < 2 * iterations; ++i) {
        const format out = g.chance(0.5) ? g.any_format() : g.near_format(g.uniform(0, 63), g.uniform(0, 63));
        const double x = g.any_double(out);
        const auto operands = [&] {
            std::ostringstream o;
            o.precision(17);
            o << x << " = " << std::hexfloat << x;
            return o.str();
        };
        if (std::isinf(x)) {
            h.check("from_double", operands, nullptr, x > 0 ? 1 : -1, out,
                    [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::from_double(x, s, c, r); });
            continue;
        }
        const cpp_rational v = exact(x);
        h.check("from_double", operands, &v, 0, out,
                [&](const fx::result_spec& s, fx::overflow_counter& c, fx::xorshift32* r) { return fx::from_double(x, s, c, r); });
    }
    h.finish(750000);
}

TEST_CASE("property: compare and to_double", "[property]") {
    harness h("compare/to_double", 5);
    auto& g = h.gen();
    for (int i = 0; i < 4 * iterations; ++i) {
        const value a = g.any_value(g.any_format());
        const value b = g.chance(0.1) ? a : g.any_value(g.chance(0.3) ? a.fmt : g.any_format());
        const cpp_rational va = exact(a);
        const cpp_rational vb = exact(b);
        const int want = va < vb ? -1 : (va > vb ? 1 : 0);
        h.count_check(fx::compare(a, b) == want, [&] { return "compare(" + describe(a) + ", " + describe(b) + ")"; });
        // to_double: the nearest double, ties to an even mantissa.
        const double x = fx::to_double(a);
        const cpp_rational err = abs(exact(x) - va);
        const double up = std::nextafter(x, std::numeric_limits<double>::infinity());
        const double down = std::nextafter(x, -std::numeric_limits<double>::infinity());
        const cpp_rational err_up = abs(exact(up) - va);
        const cpp_rational err_down = abs(exact(down) - va);
        bool ok = err <= err_up && err <= err_down;
        if (ok && (err == err_up || err == err_down) && err != 0) {
            int e = 0;
            const auto m = static_cast<std::int64_t>(std::ldexp(std::frexp(x, &e), 53));
            ok = (m & 1) == 0;
        }
        h.count_check(ok, [&] { return "to_double(" + describe(a) + ")"; });
    }
    h.finish(300000);
}
