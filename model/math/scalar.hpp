#pragma once
// The scalar types of the floating-point model (golden) and of host-side constants: double, and a 50-decimal-digit binary float
// that shows whether double's own rounding is visible in a result.

#include <boost/math/special_functions/expm1.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <cmath>

namespace plasticore::math {

using high_precision = boost::multiprecision::cpp_bin_float_50;

// exp(x) and expm1(x) for either scalar: ADL finds boost::multiprecision's overloads.
template <typename Real>
Real exp_of(const Real& x) {
    using std::exp;
    return Real(exp(x));
}
template <typename Real>
Real expm1_of(const Real& x) {
    return Real(boost::math::expm1(x));
}

template <typename Real>
double to_double(const Real& x) {
    return static_cast<double>(x);
}

}  // namespace plasticore::math
