#pragma once

// Element-wise operations over arrays of raw values, one variable (one format) per array. The
// result is bit-identical to calling ops.hpp element by element in index order (same counter
// totals, same generator steps); the gain is that the format arithmetic, the choice of
// int64 or int128 and the rounding and overflow rules are decided once per call, not per
// element, and the counter and generator state stay in registers.

#include <cstddef>
#include <cstdint>

#include "fixed_point/format.hpp"
#include "fixed_point/int128.hpp"
#include "fixed_point/modes.hpp"
#include "fixed_point/overflow.hpp"
#include "fixed_point/requantize.hpp"
#include "fixed_point/xorshift32.hpp"

namespace plasticore::fixed_point {

namespace detail {

template <class W, rounding R, overflow_mode O>
void multiply_loop(const std::int64_t* a, const std::int64_t* b, std::int64_t* out,
                   std::size_t n, int k, const format& f, overflow_counter& c, xorshift32* rng) {
    overflow_counter local;
    xorshift32 gen = rng != nullptr ? *rng : xorshift32{0};
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t r = R == rounding::stochastic ? gen.next() : 0;
        out[i] = requantize<W>(static_cast<W>(static_cast<W>(a[i]) * b[i]), k, f, R, O, r, local);
    }
    c += local;
    if (rng != nullptr) *rng = gen;
}

template <class W, rounding R>
void multiply_dispatch_overflow(const std::int64_t* a, const std::int64_t* b, std::int64_t* out,
                                std::size_t n, int k, const result_spec& spec,
                                overflow_counter& c, xorshift32* rng) {
    if (spec.overflow == overflow_mode::saturate) {
        multiply_loop<W, R, overflow_mode::saturate>(a, b, out, n, k, spec.fmt, c, rng);
    }
    else {
        multiply_loop<W, R, overflow_mode::wrap>(a, b, out, n, k, spec.fmt, c, rng);
    }
}

template <class W>
void multiply_dispatch(const std::int64_t* a, const std::int64_t* b, std::int64_t* out,
                       std::size_t n, int k, const result_spec& spec, overflow_counter& c,
                       xorshift32* rng) {
    switch (spec.round) {
    case rounding::floor:
        return multiply_dispatch_overflow<W, rounding::floor>(a, b, out, n, k, spec, c, rng);
    case rounding::toward_zero:
        return multiply_dispatch_overflow<W, rounding::toward_zero>(a, b, out, n, k, spec, c, rng);
    case rounding::nearest_up:
        return multiply_dispatch_overflow<W, rounding::nearest_up>(a, b, out, n, k, spec, c, rng);
    case rounding::nearest_even:
        return multiply_dispatch_overflow<W, rounding::nearest_even>(a, b, out, n, k, spec, c, rng);
    case rounding::stochastic:
        return multiply_dispatch_overflow<W, rounding::stochastic>(a, b, out, n, k, spec, c, rng);
    }
}

}  // namespace detail

// out[i] = a[i] * b[i] for i < n: a holds raw values of format fa, b of fb, out receives raw
// values of out_spec.fmt. out may alias a or b.
inline void multiply_n(const std::int64_t* a, const format& fa, const std::int64_t* b,
                       const format& fb, std::int64_t* out, std::size_t n,
                       const result_spec& spec, overflow_counter& c, xorshift32* rng = nullptr) {
    if (spec.round == rounding::stochastic && rng == nullptr) detail::throw_missing_generator(spec);
    const int k = fa.frac_bits() + fb.frac_bits() - spec.fmt.frac_bits();
    if (detail::product_fits_int64(fa, fb)) {
        detail::multiply_dispatch<std::int64_t>(a, b, out, n, k, spec, c, rng);
    }
    else {
        detail::multiply_dispatch<int128>(a, b, out, n, k, spec, c, rng);
    }
}

}  // namespace plasticore::fixed_point
