#pragma once
// Named, independent random streams. Each consumer (a spike source, a projection's
// connectivity, its initial weights) draws from its own stream, keyed by the master seed and
// the consumer's name, so adding or reordering items in an experiment file never changes the
// random numbers another item sees. mt19937_64 and the conversions below are fully specified
// by the C++ standard, so streams are identical on every platform; std:: distributions are
// not, which is why none is used.

#include <cstdint>
#include <random>
#include <string_view>

namespace plasticore::random {

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// FNV-1a over the bytes of a name.
constexpr std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c: text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// The stream of consumer `name` for purpose `purpose` ("stimulus", "connectivity", "weights").
inline std::mt19937_64 make_stream(std::uint64_t master_seed, std::string_view purpose,
                                   std::string_view name) {
    return std::mt19937_64{splitmix64(master_seed ^ splitmix64(fnv1a(purpose) ^ fnv1a(name)))};
}

// Uniform double in [0, 1) from the top 53 bits of one draw.
inline double uniform01(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Standard normal by the Box-Muller transform (two draws per value, the sine branch unused):
// simple and reproducible.
double standard_normal(std::mt19937_64& rng);

}  // namespace plasticore::random
