#pragma once
// Subnormal doubles flushed to zero while golden runs (docs/semantics.md, "Floating-point
// notes"). A synaptic current without input decays by exp(-dt/tau_syn) every step and after
// some 700 time constants enters the subnormal range, where each multiply costs ~25x a normal
// one (x86): on a quiet network golden's step was 93% such multiplies (docs/performance.md).
// Flush-to-zero (results) and denormals-are-zero (operands) make those currents exact zeros.
// No spike, weight or membrane potential can change: a current below 2.2e-308 nA moves v by
// less than 1e-300 mV, far below the last bit of any v. Only a recorded current that would
// have been subnormal reads 0 instead.
//
// The guard sets the flags of the calling thread's SSE control register (MXCSR) and restores
// them when it goes out of scope; elsewhere (no SSE) it does nothing.

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace plasticore::math {

class flush_subnormals_guard {
public:
#if defined(__SSE2__)
    flush_subnormals_guard(): saved_(_mm_getcsr()) { _mm_setcsr(saved_ | flush_to_zero | denormals_are_zero); }
    ~flush_subnormals_guard() { _mm_setcsr(saved_); }
#endif
    flush_subnormals_guard(const flush_subnormals_guard&) = delete;
    flush_subnormals_guard& operator=(const flush_subnormals_guard&) = delete;

private:
#if defined(__SSE2__)
    static constexpr unsigned flush_to_zero = 0x8000;      // MXCSR FTZ
    static constexpr unsigned denormals_are_zero = 0x0040; // MXCSR DAZ
    unsigned saved_;
#endif
};

}  // namespace plasticore::math
