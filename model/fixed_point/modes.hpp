#pragma once

// How an operation rounds away discarded fraction bits, and what it does when the rounded
// result does not fit its format. docs/fixed-point.md has a worked example of each.

#include <cstdint>
#include <iosfwd>
#include <string_view>

namespace plasticore::fixed_point {

enum class rounding : std::uint8_t {
    floor,         // toward -inf: an arithmetic right shift (SpiNNaker's GCC stdfix multiply)
    toward_zero,   // truncate the magnitude (Loihi's sign-magnitude decay)
    nearest_up,    // nearest, ties toward +inf (add half an LSB, then floor)
    nearest_even,  // nearest, ties to the even neighbour (IEEE 754 default)
    stochastic,    // up with probability equal to the discarded fraction (xorshift32.hpp)
};

enum class overflow_mode : std::uint8_t {
    saturate,  // clamp to the format's minimum or maximum
    wrap,      // keep the low width() bits (two's complement for signed formats)
};

// Names as written in experiment files and reports: "floor", "nearest_even", "saturate", ...
std::string_view to_string(rounding r) noexcept;
std::string_view to_string(overflow_mode o) noexcept;
// Throw std::invalid_argument quoting the text.
rounding parse_rounding(std::string_view text);
overflow_mode parse_overflow_mode(std::string_view text);

std::ostream& operator<<(std::ostream& o, rounding r);
std::ostream& operator<<(std::ostream& o, overflow_mode m);

}  // namespace plasticore::fixed_point
