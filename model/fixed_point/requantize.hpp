#pragma once

// The one kernel behind every operation: an exact value n * 2^-(k + F), held in a 64- or
// 128-bit integer n, is rounded to a multiple of 2^-F (discarding k bits, or shifting left by
// -k when k < 0) and then fitted into the result format by the overflow rule.
//
// Invariant relied upon below: |n| < 2^(bits - 1) for the integer type's width `bits` (callers
// pick int64 only when the exact value is provably below 2^63 in magnitude, see fits_int64). Shifts of negative values go through the unsigned type;
// right shifts of negative signed values are arithmetic (GCC and Clang define them so).

#include <cstdint>
#include <type_traits>

#include "fixed_point/format.hpp"
#include "fixed_point/int128.hpp"
#include "fixed_point/modes.hpp"
#include "fixed_point/overflow.hpp"
#include "fixed_point/xorshift32.hpp"

// The datapath's small functions are forced inline: the per-synapse loops of fixed and core
// are only fast when every operation of a kernel melts into one loop body. Builds that do not
// time anything (the sanitizer build) define PLASTICORE_NO_FORCED_INLINE: forcing every kernel
// of every rule inline costs most of their compile time, and the results do not depend on it.
#ifndef PLASTICORE_NO_FORCED_INLINE
#define PLASTICORE_FX_INLINE inline __attribute__((always_inline))
// The same for a lambda that only forwards (written after its parameter list).
#define PLASTICORE_FX_LAMBDA_INLINE __attribute__((always_inline))
#else
#define PLASTICORE_FX_INLINE inline
#define PLASTICORE_FX_LAMBDA_INLINE
#endif

namespace plasticore::fixed_point {

// Where an operation's result goes: its format, how it rounds, what it does on overflow.
struct result_spec {
    format fmt;
    rounding round;
    overflow_mode overflow;
};

namespace detail {

[[noreturn]] void throw_missing_generator(const result_spec& out);

template <class W>
using unsigned_of = std::conditional_t<std::is_same_v<W, std::int64_t>, std::uint64_t, uint128>;
template <class W>
inline constexpr int bits_of = int(sizeof(W)) * 8;

template <class U>
PLASTICORE_FX_INLINE U low_mask(int k) {  // k in [1, bits-1]
    return (U{1} << k) - 1;
}

// Rounds n * 2^-k to an integer, k >= 1. `r` is the generator output (stochastic only).
template <class W>
PLASTICORE_FX_INLINE W round_shift_right(W n, int k, rounding mode, std::uint32_t r) {
    using U = unsigned_of<W>;
    constexpr int bits = bits_of<W>;
    // With k >= bits the whole of n is discarded: the floor is the sign (0 or -1) and, since
    // |n| < 2^(bits-1) <= 2^(k-1), the discarded fraction is below one half for n >= 0 and
    // above one half for n < 0, never exactly one half.
    const bool all_discarded = k >= bits;
    const W floor_q = n >> (all_discarded ? bits - 1 : k);
    bool up = false;
    switch (mode) {
    case rounding::floor:
        break;
    case rounding::toward_zero:
        up = n < 0 && (all_discarded || (static_cast<U>(n) & low_mask<U>(k)) != 0);
        break;
    case rounding::nearest_up:
    case rounding::nearest_even:
        if (all_discarded) {
            up = n < 0;
        }
        else {
            const U rem = static_cast<U>(n) & low_mask<U>(k);
            const U half = U{1} << (k - 1);
            up = rem > half ||
                 (rem == half && (mode == rounding::nearest_up || (floor_q & 1) != 0));
        }
        break;
    case rounding::stochastic:
        if (k <= 32) {
            // k discarded bits d: up iff the top k bits of r are below d, probability d / 2^k.
            const auto d = static_cast<std::uint32_t>(static_cast<U>(n) & low_mask<U>(k));
            up = (r >> (32 - k)) < d;
        }
        else {
            // More than 32 discarded bits: compare r with the top 32 of them.
            const int s = k - 32 < bits - 1 ? k - 32 : bits - 1;
            up = r < static_cast<std::uint32_t>(static_cast<U>(n >> s));
        }
        break;
    }
    return floor_q + static_cast<W>(up);
}

// Low width() bits of `bits`, sign-extended for signed formats.
PLASTICORE_FX_INLINE std::int64_t wrap_into(std::uint64_t bits, const format& f) {
    const int w = f.width();
    if (w == 64) return static_cast<std::int64_t>(bits);
    const std::uint64_t mask = (std::uint64_t{1} << w) - 1;
    std::uint64_t v = bits & mask;
    if (f.is_signed() && ((v >> (w - 1)) & 1) != 0) v |= ~mask;
    return static_cast<std::int64_t>(v);
}

// Fits an already rounded q into f by the overflow rule.
template <class W>
PLASTICORE_FX_INLINE std::int64_t fit(W q, const format& f, overflow_mode mode, overflow_counter& c) {
    const std::int64_t lo = f.min_raw();
    const std::int64_t hi = f.max_raw();
    if (__builtin_expect(q >= W{lo} && q <= W{hi}, 1)) return static_cast<std::int64_t>(q);
    if (mode == overflow_mode::saturate) {
        ++c.saturations;
        return q < W{lo} ? lo : hi;
    }
    ++c.wraps;
    return wrap_into(static_cast<std::uint64_t>(static_cast<unsigned_of<W>>(q)), f);
}

// n * 2^m, m >= 1, fitted into f: exact when in range, else saturated or wrapped.
template <class W>
PLASTICORE_FX_INLINE std::int64_t shift_left_fit(W n, int m, const format& f, overflow_mode mode,
                                                 overflow_counter& c) {
    using U = unsigned_of<W>;
    constexpr int bits = bits_of<W>;
    if (n == 0) return 0;
    const std::int64_t lo = f.min_raw();
    const std::int64_t hi = f.max_raw();
    // n * 2^m is in [lo, hi] iff n is in [ceil(lo / 2^m), floor(hi / 2^m)]. With m >= 64 no
    // non-zero n is, as every format's range lies within (-2^64, 2^64).
    if (m < 64) {
        const W hi_m = W{hi} >> m;
        const W lo_m = (W{lo} + static_cast<W>((U{1} << m) - 1)) >> m;
        if (n >= lo_m && n <= hi_m) return static_cast<std::int64_t>(static_cast<U>(n) << m);
    }
    if (mode == overflow_mode::saturate) {
        ++c.saturations;
        return n < 0 ? lo : hi;
    }
    ++c.wraps;
    const U shifted = m < bits ? static_cast<U>(static_cast<U>(n) << m) : U{0};
    return wrap_into(static_cast<std::uint64_t>(shifted), f);
}

// The exact value n * 2^-(k + out.fmt.frac_bits()) rounded and fitted into out.fmt.
// `r` is the generator output drawn for this operation (stochastic rounding only).
template <class W>
PLASTICORE_FX_INLINE std::int64_t requantize(W n, int k, const format& f, rounding mode,
                                             overflow_mode ov, std::uint32_t r,
                                             overflow_counter& c) {
    if (k > 0) return fit(round_shift_right(n, k, mode, r), f, ov, c);
    if (k == 0) return fit(n, f, ov, c);
    return shift_left_fit(n, -k, f, ov, c);
}

// The generator output for one operation: one step per stochastic rounding, whether or not
// any bits end up discarded, so a unit's stream position depends only on its operation count.
PLASTICORE_FX_INLINE std::uint32_t draw(const result_spec& out, xorshift32* rng) {
    if (out.round != rounding::stochastic) return 0;
    if (rng == nullptr) throw_missing_generator(out);
    return rng->next();
}

template <class W>
PLASTICORE_FX_INLINE std::int64_t requantize(W n, int k, const result_spec& out,
                                             overflow_counter& c, xorshift32* rng) {
    const std::uint32_t r = draw(out, rng);
    return requantize(n, k, out.fmt, out.round, out.overflow, r, c);
}

// requantize() with the rounding mode fixed at compile time, for callers that resolve the mode
// once (per unit, per population) instead of per operation: the rounding switch and the
// generator test fold away. Bit-identical to requantize(n, k, {f, R, ov}, c, rng).
template <rounding R, class W>
PLASTICORE_FX_INLINE std::int64_t requantize_as(W n, int k, const format& f, overflow_mode ov,
                                                overflow_counter& c, xorshift32* rng) {
    std::uint32_t r = 0;
    if constexpr (R == rounding::stochastic) {
        if (rng == nullptr) throw_missing_generator(result_spec{f, R, ov});
        r = rng->next();
    }
    return requantize(n, k, f, R, ov, r, c);
}

// Calls f(std::integral_constant<rounding, R>{}) with the run-time mode as a compile-time
// constant R (a generic lambda reads it as decltype(tag)::value): one switch where a loop or
// a transaction starts, not one per operation.
template <rounding R>
using rounding_tag = std::integral_constant<rounding, R>;

template <class F>
PLASTICORE_FX_INLINE decltype(auto) with_rounding(rounding mode, F&& f) {
    switch (mode) {
    case rounding::floor: return f(rounding_tag<rounding::floor>{});
    case rounding::toward_zero: return f(rounding_tag<rounding::toward_zero>{});
    case rounding::nearest_up: return f(rounding_tag<rounding::nearest_up>{});
    case rounding::nearest_even: return f(rounding_tag<rounding::nearest_even>{});
    case rounding::stochastic: break;
    }
    return f(rounding_tag<rounding::stochastic>{});
}

// Whether an exact intermediate of at most `magnitude_bits` bits of magnitude is held in int64:
// |x| <= 2^magnitude_bits, and |x| < 2^magnitude_bits when `strict` (no most-negative value).
PLASTICORE_FX_INLINE bool fits_int64(int magnitude_bits, bool strict) {
    return magnitude_bits <= 62 || (magnitude_bits == 63 && strict);
}

// A product reaches 2^(ma + mb) only when both factors can be most negative.
PLASTICORE_FX_INLINE bool product_fits_int64(const format& a, const format& b) {
    return fits_int64(a.magnitude_bits() + b.magnitude_bits(), !(a.is_signed() && b.is_signed()));
}

PLASTICORE_FX_INLINE bool raw_fits_int64(const format& a) {
    return fits_int64(a.magnitude_bits(), !a.is_signed());
}

// Shift amounts beyond this behave exactly as this (everything discarded or overflowed), so
// clamping keeps the bit-count arithmetic in int without changing any result.
inline constexpr long long max_effective_shift = 1024;

PLASTICORE_FX_INLINE int clamp_shift(long long k) {
    return static_cast<int>(k > max_effective_shift    ? max_effective_shift
                            : k < -max_effective_shift ? -max_effective_shift
                                                       : k);
}

}  // namespace detail
}  // namespace plasticore::fixed_point
