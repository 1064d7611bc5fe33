#include "fixed_point/format.hpp"

#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace plasticore::fixed_point {

namespace detail {
void throw_bad_format(bool is_signed, int int_bits, int frac_bits) {
    const std::string text =
        std::string(is_signed ? "s" : "u") + std::to_string(int_bits) + "." + std::to_string(frac_bits);
    if (int_bits < 0) {
        throw std::invalid_argument("format: int_bits = " + std::to_string(int_bits) + " in " +
                                    text + " is negative");
    }
    if (frac_bits < 0) {
        throw std::invalid_argument("format: frac_bits = " + std::to_string(frac_bits) + " in " +
                                    text + " is negative");
    }
    const int width = int(is_signed) + int_bits + frac_bits;
    if (width < 1) {
        throw std::invalid_argument("format: " + text + " has no bits (width 0)");
    }
    const int max_width = is_signed ? max_signed_width : max_unsigned_width;
    throw std::invalid_argument("format: width " + std::to_string(width) + " of " + text +
                                " exceeds " + std::to_string(max_width) + " bits, the limit for " +
                                (is_signed ? "signed" : "unsigned") +
                                " formats (raw values are held in an int64)");
}
}  // namespace detail

namespace {
[[noreturn]] void throw_bad_text(std::string_view text, const char* why) {
    throw std::invalid_argument("format: \"" + std::string(text) + "\" " + why +
                                "; expected s<int>.<frac> or u<int>.<frac>, e.g. s16.15 or u0.32");
}

// A decimal bit count of at most three digits, no sign.
int parse_bits(std::string_view whole, std::string_view digits, const char* what) {
    if (digits.empty() || digits.size() > 3) throw_bad_text(whole, what);
    if (digits.front() < '0' || digits.front() > '9') throw_bad_text(whole, what);  // no sign
    int bits = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (ec != std::errc{} || end != digits.data() + digits.size()) throw_bad_text(whole, what);
    return bits;
}
}  // namespace

format format::parse(std::string_view text) {
    if (text.empty()) throw_bad_text(text, "is empty");
    const char sign = text.front();
    if (sign != 's' && sign != 'u') throw_bad_text(text, "does not start with 's' or 'u'");
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) throw_bad_text(text, "has no '.'");
    const std::string_view body = text.substr(1);
    const int int_bits = parse_bits(text, body.substr(0, dot - 1), "has a bad integer bit count");
    const int frac_bits = parse_bits(text, body.substr(dot), "has a bad fraction bit count");
    return format(sign == 's', int_bits, frac_bits);
}

std::string format::to_string() const {
    return std::string(is_signed_ ? "s" : "u") + std::to_string(int_bits_) + "." +
           std::to_string(frac_bits_);
}

double format::resolution() const noexcept { return std::ldexp(1.0, -frac_bits()); }
double format::max_value() const noexcept {
    return std::ldexp(static_cast<double>(max_raw()), -frac_bits());
}
double format::min_value() const noexcept {
    return std::ldexp(static_cast<double>(min_raw()), -frac_bits());
}

std::ostream& operator<<(std::ostream& o, const format& f) { return o << f.to_string(); }

}  // namespace plasticore::fixed_point
