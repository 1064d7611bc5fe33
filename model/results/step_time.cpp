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
}

std::string step_time_format::operator()(std::int64_t step) const {
    const double t = static_cast<double>(step) * dt_;
    // Rounding to dt's decimals recovers the exact decimal while the product's error is far
    // below half a unit of the last decimal: true below 1e15 units (relative error 2^-53).
    if (decimals_ < 0 || std::abs(t) * std::pow(10.0, decimals_) >= 1e15) return fmt::format("{}", t);
    std::string text = fmt::format("{:.{}f}", t, decimals_);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text;
}

}  // namespace plasticore
