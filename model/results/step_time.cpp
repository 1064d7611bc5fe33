#include "results/step_time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace plasticore {

namespace {
// Digits after the point of x's shortest round-trip decimal form (0.025 -> 3, 1e-7 -> 7).
int decimals_of(double x) {
    const std::string shortest = fmt::format("{}", x);
    const auto e = shortest.find_first_of("eE");
    const std::string mantissa = shortest.substr(0, e);
    const auto point = mantissa.find('.');
    int digits = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
    if (e != std::string::npos) digits -= std::atoi(shortest.c_str() + e + 1);
    return std::max(0, digits);
}
}  // namespace

step_time_format::step_time_format(double dt_ms): dt_(dt_ms), decimals_(decimals_of(dt_ms)) {
    if (decimals_ > 12) decimals_ = -1;
    if (decimals_ >= 0) {
        for (int i = 0; i < decimals_; ++i) scale_ *= 10;
        dt_units_ = std::llround(dt_ms * static_cast<double>(scale_));
    }
}

std::string step_time_format::operator()(std::int64_t step) const {
    const double t = static_cast<double>(step) * dt_;
    // The exact decimal is step * dt_units_ units of 10^-decimals_ ms, an integer product (no
    // rounding at all); the binary t reads back to it while t is below 1e15 units (relative
    // error 2^-53). Beyond that, or for a dt with too many digits, the shortest form of t.
    if (decimals_ < 0 || std::abs(t) * static_cast<double>(scale_) >= 1e15) return fmt::format("{}", t);
    const std::int64_t units = step * dt_units_;
    const std::uint64_t magnitude = static_cast<std::uint64_t>(units < 0 ? -units : units);
    std::string text = units < 0 ? "-" : "";
    text += fmt::format_int(magnitude / static_cast<std::uint64_t>(scale_)).c_str();
    std::uint64_t fraction = magnitude % static_cast<std::uint64_t>(scale_);
    if (fraction != 0) {
        int digits = decimals_;
        while (fraction % 10 == 0) { fraction /= 10; --digits; }  // trailing zeros are not written
        const std::string f = fmt::format_int(fraction).str();
        text += '.';
        text.append(static_cast<std::size_t>(digits) - f.size(), '0');
        text += f;
    }
    return text;
}

}  // namespace plasticore
