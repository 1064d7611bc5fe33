#pragma once

// The stochastic-rounding generator, specified so that a Verilog unit can produce the identical
// stream (docs/fixed-point.md, "Generator"): Marsaglia's xorshift32 with shifts 13, 17, 5;
// 32-bit state that is never zero; one step per stochastic rounding.

#include <cstdint>

namespace plasticore::fixed_point {

// xorshift32 has the all-zero state as a fixed point, so a zero seed is replaced by this
// constant (2^32 / golden ratio).
inline constexpr std::uint32_t zero_seed_replacement = 0x9E3779B9u;

constexpr std::uint32_t nonzero_seed(std::uint32_t seed) noexcept {
    return seed != 0 ? seed : zero_seed_replacement;
}

class xorshift32 {
public:
    constexpr explicit xorshift32(std::uint32_t seed) noexcept: state_(nonzero_seed(seed)) {}

    // One step; the output is the new state (Marsaglia 2003, "Xorshift RNGs", p. 4).
    constexpr std::uint32_t next() noexcept {
        std::uint32_t x = state_;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        state_ = x;
        return x;
    }

    constexpr std::uint32_t state() const noexcept { return state_; }
    // Restarts the stream as if newly constructed with `seed`.
    constexpr void reseed(std::uint32_t seed) noexcept { state_ = nonzero_seed(seed); }

private:
    std::uint32_t state_;
};

// The splitmix64 output function (Steele, Lea & Flood 2014).
constexpr std::uint64_t splitmix64_mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

inline constexpr std::uint64_t splitmix64_gamma = 0x9E3779B97F4A7C15u;

// Seed of hardware unit `unit_id`'s generator in a run with experiment seed `master_seed`:
//   key  = splitmix64_mix(master_seed + gamma)             (splitmix64's first output)
//   seed = upper 32 bits of splitmix64_mix(key + (unit_id + 1) * gamma), zero mapped to
//          zero_seed_replacement.
// That is output unit_id + 1 of a splitmix64 stream started at the mixed master seed: mixing
// the master first keeps seeds that differ by a multiple of gamma from sharing unit streams.
// The same (seed, unit) pair always gets the same stream, in the model and in the RTL.
constexpr std::uint32_t stream_seed(std::uint64_t master_seed, std::uint32_t unit_id) noexcept {
    const std::uint64_t key = splitmix64_mix(master_seed + splitmix64_gamma);
    const std::uint64_t z = splitmix64_mix(key + (std::uint64_t{unit_id} + 1) * splitmix64_gamma);
    return nonzero_seed(static_cast<std::uint32_t>(z >> 32));
}

}  // namespace plasticore::fixed_point
