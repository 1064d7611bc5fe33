#include "random/streams.hpp"

#include <cmath>

namespace plasticore::random {

double standard_normal(std::mt19937_64& rng) {
    constexpr double two_pi = 6.283185307179586476925286766559;
    const double u1 = 1.0 - uniform01(rng);  // (0, 1]: log is finite
    const double u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
}

}  // namespace plasticore::random
