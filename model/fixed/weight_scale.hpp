#pragma once
// Weight storage: an unsigned magnitude of `bits` bits whose LSB is 2^k nA, k chosen per
// projection on the host so that the largest weight fits (docs/datapath.md, "Weights").
// The receptor of the projection gives the sign.

#include <cstdint>
#include <vector>

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

// The slot scale k_slot (slot LSB 2^k_slot nA) of one (population, receptor) input bank, from
// the weight shifts k of the projections into it that have a non-zero weight: as fine as the
// finest weight LSB, coarse enough that the largest weight fits a slot of ring_buffer_bits.
// A projection whose weights are all 0 sends nothing and must not coarsen the bank (it would
// shift the real weights to 0): callers leave it out and give it k = k_slot. 0 when empty.
int choose_slot_shift(const std::vector<int>& nonzero_weight_shifts, int ring_buffer_bits, int weight_bits);

}  // namespace plasticore::fixed
