#pragma once
// A result_spec with its format's bounds computed once, at set-up, for the products of a
// kernel's inner loop: requantize_hoisted() is fixed_point::detail::requantize (the library's
// rounding and fitting kernels, round_shift_right and fit) with the in-range test done against
// the stored bounds, so a product whose result fits (the common case) costs no format
// arithmetic. A result out of range goes through fit() itself (saturate or wrap, counted).
// Bit-identical to requantize(n, k, spec, c, rng), including the draws.

#include <cstdint>

#include "fixed_point/requantize.hpp"

namespace plasticore::fixed {

struct hoisted_spec {
    fixed_point::result_spec spec;
    std::int64_t lo, hi;  // spec.fmt.min_raw(), spec.fmt.max_raw()

    explicit hoisted_spec(const fixed_point::result_spec& s): spec(s), lo(s.fmt.min_raw()), hi(s.fmt.max_raw()) {}
};

// n * 2^-(k + F) into out (F its fraction bits), rounded by `mode`; r is this operation's
// generator output (stochastic only, drawn by the caller).
PLASTICORE_FX_INLINE std::int64_t requantize_hoisted(std::int64_t n, int k, const hoisted_spec& out,
                                                     fixed_point::rounding mode, std::uint32_t r,
                                                     fixed_point::overflow_counter& c) {
    namespace fp = fixed_point;
    if (k <= 0) return fp::detail::requantize<std::int64_t>(n, k, out.spec.fmt, mode, out.spec.overflow, r, c);
    const std::int64_t q = fp::detail::round_shift_right<std::int64_t>(n, k, mode, r);
    if (__builtin_expect(q >= out.lo && q <= out.hi, 1)) return q;  // what fit() returns in range
    return fp::detail::fit<std::int64_t>(q, out.spec.fmt, out.spec.overflow, c);
}

// The same with out.spec.round = R fixed at compile time (one draw if R is stochastic).
template <fixed_point::rounding R>
PLASTICORE_FX_INLINE std::int64_t requantize_hoisted(std::int64_t n, int k, const hoisted_spec& out,
                                                     fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) {
    std::uint32_t r = 0;
    if constexpr (R == fixed_point::rounding::stochastic) {
        if (rng == nullptr) fixed_point::detail::throw_missing_generator(out.spec);
        r = rng->next();
    }
    return requantize_hoisted(n, k, out, R, r, c);
}

// The same with the run-time rounding out.spec.round (fixed_point::detail::draw's stream use).
PLASTICORE_FX_INLINE std::int64_t requantize_hoisted(std::int64_t n, int k, const hoisted_spec& out,
                                                     fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) {
    const std::uint32_t r = fixed_point::detail::draw(out.spec, rng);
    return requantize_hoisted(n, k, out, out.spec.round, r, c);
}

}  // namespace plasticore::fixed
