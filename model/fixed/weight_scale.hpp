#pragma once
// Weight storage: an unsigned magnitude of `bits` bits whose LSB is 2^k nA, k chosen per
// projection on the host so that the largest weight fits (docs/datapath.md, "Weights").
// The receptor of the projection gives the sign.

#include <cstdint>

#include "fixed_point/overflow.hpp"

namespace plasticore::fixed {

struct weight_scale {
    int bits = 16;  // stored bits
    int k = 0;      // weight LSB = 2^k nA

    std::int64_t max_raw() const { return (std::int64_t{1} << bits) - 1; }
    double lsb() const;  // [nA]
    double to_na(std::int64_t raw) const;
    // w / 2^k rounded to nearest (ties to even), saturated to [0, max_raw] and counted.
    std::int64_t quantize(double w_na, fixed_point::overflow_counter& c) const;
};

// The smallest k with (2^bits - 1) * 2^k >= w_max_na: the finest LSB that holds w_max.
// w_max_na <= 0 gives k = 0 (a projection of zero weights). Throws std::invalid_argument
// naming the parameter for a non-finite w_max_na or bits outside [1, 62].
int choose_weight_shift(double w_max_na, int bits);

}  // namespace plasticore::fixed
