#include "fixed_point/modes.hpp"

#include <array>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>

namespace plasticore::fixed_point {

namespace {
constexpr std::array<std::pair<std::string_view, rounding>, 5> rounding_names{{
    {"floor", rounding::floor},
    {"toward_zero", rounding::toward_zero},
    {"nearest_up", rounding::nearest_up},
    {"nearest_even", rounding::nearest_even},
    {"stochastic", rounding::stochastic},
}};
constexpr std::array<std::pair<std::string_view, overflow_mode>, 2> overflow_names{{
    {"saturate", overflow_mode::saturate},
    {"wrap", overflow_mode::wrap},
}};
}  // namespace

std::string_view to_string(rounding r) noexcept {
    for (const auto& [name, mode]: rounding_names) {
        if (mode == r) return name;
    }
    return "unknown";
}

std::string_view to_string(overflow_mode o) noexcept {
    for (const auto& [name, mode]: overflow_names) {
        if (mode == o) return name;
    }
    return "unknown";
}

rounding parse_rounding(std::string_view text) {
    for (const auto& [name, mode]: rounding_names) {
        if (name == text) return mode;
    }
    throw std::invalid_argument("rounding: \"" + std::string(text) +
                                "\" is not one of floor, toward_zero, nearest_up, nearest_even, "
                                "stochastic");
}

overflow_mode parse_overflow_mode(std::string_view text) {
    for (const auto& [name, mode]: overflow_names) {
        if (name == text) return mode;
    }
    throw std::invalid_argument("overflow: \"" + std::string(text) +
                                "\" is not one of saturate, wrap");
}

std::ostream& operator<<(std::ostream& o, rounding r) { return o << to_string(r); }
std::ostream& operator<<(std::ostream& o, overflow_mode m) { return o << to_string(m); }

}  // namespace plasticore::fixed_point
