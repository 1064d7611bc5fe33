#pragma once

// Fixed-point operations on run-time formats. Each one names its result format, rounding and
// overflow rule in a result_spec, charges any saturation or wrap to the counter it is given,
// and takes a generator, which only stochastic rounding uses (one step per operation).
// All inline: no heap allocation, no virtual call. Intermediate results are exact (int64 when
// the operands are narrow enough, else int128), so each result is the exact value rounded once.

#include <cmath>
#include <cstdint>

#include "fixed_point/format.hpp"
#include "fixed_point/int128.hpp"
#include "fixed_point/modes.hpp"
#include "fixed_point/overflow.hpp"
#include "fixed_point/requantize.hpp"
#include "fixed_point/value.hpp"
#include "fixed_point/xorshift32.hpp"

namespace plasticore::fixed_point {

namespace detail {
[[noreturn]] void throw_nan(const result_spec& out);
[[noreturn]] void throw_negative_shift(int amount);
[[noreturn]] void throw_constant_out_of_range(double x, const format& f);

template <bool subtract>
PLASTICORE_FX_INLINE value add_or_subtract(value a, value b, const result_spec& out,
                                           overflow_counter& c, xorshift32* rng) {
    const int fa = a.fmt.frac_bits();
    const int fb = b.fmt.frac_bits();
    const int f = fa > fb ? fa : fb;
    const int ma = a.fmt.magnitude_bits() + (f - fa);
    const int mb = b.fmt.magnitude_bits() + (f - fb);
    const int k = f - out.fmt.frac_bits();
    if (fits_int64((ma > mb ? ma : mb) + 1, false)) {
        const auto x = static_cast<std::int64_t>(static_cast<std::uint64_t>(a.raw) << (f - fa));
        const auto y = static_cast<std::int64_t>(static_cast<std::uint64_t>(b.raw) << (f - fb));
        return {requantize<std::int64_t>(subtract ? x - y : x + y, k, out, c, rng), out.fmt};
    }
    const auto x = static_cast<int128>(static_cast<uint128>(int128{a.raw}) << (f - fa));
    const auto y = static_cast<int128>(static_cast<uint128>(int128{b.raw}) << (f - fb));
    return {requantize<int128>(subtract ? x - y : x + y, k, out, c, rng), out.fmt};
}
}  // namespace detail

// a + b.
PLASTICORE_FX_INLINE value add(value a, value b, const result_spec& out, overflow_counter& c,
                               xorshift32* rng = nullptr) {
    return detail::add_or_subtract<false>(a, b, out, c, rng);
}

// a - b.
PLASTICORE_FX_INLINE value subtract(value a, value b, const result_spec& out,
                                    overflow_counter& c, xorshift32* rng = nullptr) {
    return detail::add_or_subtract<true>(a, b, out, c, rng);
}

// a * b, the operands in any formats: s16.15 state times a u0.32 decay, an s4.11 trace times
// an s4.11 trace, a weight times a constant made by constant().
PLASTICORE_FX_INLINE value multiply(value a, value b, const result_spec& out,
                                    overflow_counter& c, xorshift32* rng = nullptr) {
    const int k = a.fmt.frac_bits() + b.fmt.frac_bits() - out.fmt.frac_bits();
    if (detail::product_fits_int64(a.fmt, b.fmt)) {
        return {detail::requantize<std::int64_t>(a.raw * b.raw, k, out, c, rng), out.fmt};
    }
    return {detail::requantize<int128>(int128{a.raw} * b.raw, k, out, c, rng), out.fmt};
}

// a converted to out.fmt.
PLASTICORE_FX_INLINE value convert(value a, const result_spec& out, overflow_counter& c,
                                   xorshift32* rng = nullptr) {
    const int k = a.fmt.frac_bits() - out.fmt.frac_bits();
    if (detail::raw_fits_int64(a.fmt)) {
        return {detail::requantize<std::int64_t>(a.raw, k, out, c, rng), out.fmt};
    }
    return {detail::requantize<int128>(int128{a.raw}, k, out, c, rng), out.fmt};
}

// a * 2^amount, any amount >= 0 (at or beyond the width it overflows unless a is zero).
PLASTICORE_FX_INLINE value shift_left(value a, int amount, const result_spec& out,
                                      overflow_counter& c, xorshift32* rng = nullptr) {
    if (amount < 0) detail::throw_negative_shift(amount);
    const int k = detail::clamp_shift(static_cast<long long>(a.fmt.frac_bits()) - amount -
                                      out.fmt.frac_bits());
    if (detail::raw_fits_int64(a.fmt)) {
        return {detail::requantize<std::int64_t>(a.raw, k, out, c, rng), out.fmt};
    }
    return {detail::requantize<int128>(int128{a.raw}, k, out, c, rng), out.fmt};
}

// a * 2^-amount rounded by out.round, any amount >= 0 (at or beyond the width only the
// rounding of the discarded bits remains: 0, -1 or +1 LSB).
PLASTICORE_FX_INLINE value shift_right(value a, int amount, const result_spec& out,
                                       overflow_counter& c, xorshift32* rng = nullptr) {
    if (amount < 0) detail::throw_negative_shift(amount);
    const int k = detail::clamp_shift(static_cast<long long>(a.fmt.frac_bits()) + amount -
                                      out.fmt.frac_bits());
    if (detail::raw_fits_int64(a.fmt)) {
        return {detail::requantize<std::int64_t>(a.raw, k, out, c, rng), out.fmt};
    }
    return {detail::requantize<int128>(int128{a.raw}, k, out, c, rng), out.fmt};
}

// The exact value of x rounded into out.fmt. NaN throws std::invalid_argument; an infinity
// saturates (counted as a saturation, also in wrap mode: it has no low bits to keep).
PLASTICORE_FX_INLINE value from_double(double x, const result_spec& out, overflow_counter& c,
                                       xorshift32* rng = nullptr) {
    if (std::isnan(x)) detail::throw_nan(out);
    const std::uint32_t r = detail::draw(out, rng);
    if (std::isinf(x)) {
        ++c.saturations;
        return {x > 0 ? out.fmt.max_raw() : out.fmt.min_raw(), out.fmt};
    }
    // x = mantissa * 2^(exponent - 53) exactly, |mantissa| < 2^53.
    int exponent = 0;
    const double fraction = std::frexp(x, &exponent);
    const auto mantissa = static_cast<std::int64_t>(std::ldexp(fraction, 53));
    const int k = 53 - exponent - out.fmt.frac_bits();
    return {detail::requantize<std::int64_t>(mantissa, k, out.fmt, out.round, out.overflow, r, c),
            out.fmt};
}

// The value as a double: exact for raw values within 53 bits, else the nearest double
// (ties to even).
PLASTICORE_FX_INLINE double to_double(value a) noexcept {
    return std::ldexp(static_cast<double>(a.raw), -a.fmt.frac_bits());
}

// A constant in format f, rounded to nearest (ties to even); throws std::invalid_argument if x
// is NaN or does not fit f. For multiplying by a decay, a scale or a learning rate.
inline value constant(double x, const format& f) {
    overflow_counter c;
    const value v = from_double(x, result_spec{f, rounding::nearest_even, overflow_mode::saturate}, c);
    if (c.total() != 0) detail::throw_constant_out_of_range(x, f);
    return v;
}

// Exact comparison across formats: -1 if a < b, 0 if equal, +1 if a > b.
PLASTICORE_FX_INLINE int compare(value a, value b) noexcept {
    const int fa = a.fmt.frac_bits();
    const int fb = b.fmt.frac_bits();
    const int f = fa > fb ? fa : fb;
    const auto x = static_cast<int128>(static_cast<uint128>(int128{a.raw}) << (f - fa));
    const auto y = static_cast<int128>(static_cast<uint128>(int128{b.raw}) << (f - fb));
    return (x > y) - (x < y);
}

PLASTICORE_FX_INLINE bool equal(value a, value b) noexcept { return compare(a, b) == 0; }
PLASTICORE_FX_INLINE bool less(value a, value b) noexcept { return compare(a, b) < 0; }

}  // namespace plasticore::fixed_point
