#pragma once
// The oscillating (tACS-like) bias current of docs/semantics.md, step 0: in step n of a block
// that starts at step n0, the current is
//
//     I(n) = amplitude sin(2 pi f (n - n0) dt + phase)
//
// constant over the step, as every external current of the contract (it enters the membrane
// through P20, the response to a current constant over the step). The golden model evaluates
// this definition in its own scalar; the fixed layer approximates it with a phase accumulator
// and a sine table (fixed/oscillator.hpp, docs/datapath.md).

#include <boost/math/constants/constants.hpp>
#include <cmath>
#include <cstdint>

namespace plasticore::math {

// Whole cycles are removed before the sine is taken, so the argument stays in [0, 2 pi) +
// phase however long the run: for double the error is that of the product f dt m (relative
// 2^-53, i.e. ~1e-11 of a cycle after 10^5 cycles), for the 50-digit scalar far below it.
template <typename Real>
Real oscillation(double amplitude_na, double frequency_hz, double phase_deg, double dt_ms, std::int64_t steps_since_start) {
    using std::floor;
    using std::sin;
    const Real pi = boost::math::constants::pi<Real>();
    Real cycles = Real(frequency_hz) * Real(dt_ms) * Real(steps_since_start) / Real(1000);
    cycles -= Real(floor(cycles));
    const Real angle = Real(2) * pi * cycles + Real(phase_deg) * pi / Real(180);
    return Real(amplitude_na) * Real(sin(angle));
}

}  // namespace plasticore::math
