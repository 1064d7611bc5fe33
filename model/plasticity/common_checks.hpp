#pragma once
// Checks several rules share.

#include <optional>

#include <fmt/format.h>

#include "plasticity/declaration.hpp"

namespace plasticore::plasticity {

// w_min >= 0 and w_max > w_min: amplitudes are fractions of w_max - w_min, so an empty range
// would make a rule a no-op; weights are magnitudes (the receptor gives the sign).
template <class P>
std::optional<param_problem> check_weight_range(const P& p) {
    if (p.w_max > p.w_min) return std::nullopt;
    return param_problem{"w_max_na",
                         fmt::format("w_max_na ({}) must be greater than w_min_na ({})", p.w_max, p.w_min)};
}

}  // namespace plasticore::plasticity
