#pragma once

// A fixed-point value: a raw integer and the format that gives it meaning. Two machine words,
// passed by value; arrays of one variable store raw integers and a single format instead.

#include <cstdint>

#include "fixed_point/format.hpp"

namespace plasticore::fixed_point {

namespace detail {
[[noreturn]] void throw_raw_out_of_range(std::int64_t raw, const format& f);
}  // namespace detail

struct value {
    std::int64_t raw;  // stands for raw * 2^-fmt.frac_bits()
    format fmt;

    // Checked construction; the aggregate form {raw, fmt} is unchecked, for hot loops.
    static value from_raw(std::int64_t raw, const format& f) {
        if (!f.contains_raw(raw)) detail::throw_raw_out_of_range(raw, f);
        return value{raw, f};
    }
};

}  // namespace plasticore::fixed_point
