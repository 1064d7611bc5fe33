// The throwing paths of the inline operations, kept out of line so the hot code stays small.

#include <stdexcept>
#include <string>

#include "fixed_point/ops.hpp"

namespace plasticore::fixed_point::detail {

namespace {
std::string describe(const result_spec& out) {
    return out.fmt.to_string() + " (" + std::string(to_string(out.round)) + ", " +
           std::string(to_string(out.overflow)) + ")";
}
}  // namespace

void throw_missing_generator(const result_spec& out) {
    throw std::invalid_argument("rng: stochastic rounding into " + describe(out) +
                                " needs a generator, got null");
}

void throw_nan(const result_spec& out) {
    throw std::invalid_argument("x: NaN cannot be converted to " + describe(out));
}

void throw_negative_shift(int amount) {
    throw std::invalid_argument("amount: shift amount " + std::to_string(amount) +
                                " is negative; use the other shift direction");
}

void throw_constant_out_of_range(double x, const format& f) {
    throw std::invalid_argument("x: constant " + std::to_string(x) + " does not fit " +
                                f.to_string() + " (range " + std::to_string(f.min_value()) +
                                " .. " + std::to_string(f.max_value()) + ")");
}

void throw_raw_out_of_range(std::int64_t raw, const format& f) {
    throw std::invalid_argument("raw: " + std::to_string(raw) + " is outside the raw range " +
                                std::to_string(f.min_raw()) + " .. " + std::to_string(f.max_raw()) +
                                " of " + f.to_string());
}

}  // namespace plasticore::fixed_point::detail
