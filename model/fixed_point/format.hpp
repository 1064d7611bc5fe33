#pragma once

// A fixed-point number format chosen at run time: signedness, integer bits, fraction bits.
// Written s<int>.<frac> or u<int>.<frac>: s16.15 is sign + 16 integer + 15 fraction bits = 32
// bits. A raw integer r in format f stands for the value r * 2^-f.frac_bits().

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace plasticore::fixed_point {

// Raw values live in an int64. A signed format may use all 64 bits (two's complement); an
// unsigned one at most 63, so that every raw value is a non-negative int64.
inline constexpr int max_signed_width = 64;
inline constexpr int max_unsigned_width = 63;

namespace detail {
[[noreturn]] void throw_bad_format(bool is_signed, int int_bits, int frac_bits);
}  // namespace detail

class format {
public:
    // Throws std::invalid_argument naming the offending bit count.
    format(bool is_signed, int int_bits, int frac_bits) {
        const int width = int(is_signed) + int_bits + frac_bits;
        const int max_width = is_signed ? max_signed_width : max_unsigned_width;
        if (int_bits < 0 || frac_bits < 0 || width < 1 || width > max_width) {
            detail::throw_bad_format(is_signed, int_bits, frac_bits);
        }
        is_signed_ = is_signed;
        int_bits_ = static_cast<std::uint8_t>(int_bits);
        frac_bits_ = static_cast<std::uint8_t>(frac_bits);
    }

    // Parses "s16.15", "u0.32", ...; throws std::invalid_argument quoting the text.
    static format parse(std::string_view text);
    std::string to_string() const;

    bool is_signed() const noexcept { return is_signed_; }
    int int_bits() const noexcept { return int_bits_; }
    int frac_bits() const noexcept { return frac_bits_; }
    int width() const noexcept { return int(is_signed_) + int_bits_ + frac_bits_; }
    // Bits of magnitude: every raw value satisfies |raw| <= 2^magnitude_bits().
    int magnitude_bits() const noexcept { return int_bits_ + frac_bits_; }

    std::int64_t max_raw() const noexcept {
        return static_cast<std::int64_t>((std::uint64_t{1} << magnitude_bits()) - 1);
    }
    std::int64_t min_raw() const noexcept { return is_signed_ ? -max_raw() - 1 : 0; }
    bool contains_raw(std::int64_t raw) const noexcept {
        return raw >= min_raw() && raw <= max_raw();
    }

    // Exact for widths up to 53 bits, else the nearest double.
    double resolution() const noexcept;  // value of one LSB
    double max_value() const noexcept;
    double min_value() const noexcept;

    friend bool operator==(const format& a, const format& b) noexcept {
        return a.is_signed_ == b.is_signed_ && a.int_bits_ == b.int_bits_ &&
               a.frac_bits_ == b.frac_bits_;
    }
    friend bool operator!=(const format& a, const format& b) noexcept { return !(a == b); }

private:
    bool is_signed_;
    std::uint8_t int_bits_;
    std::uint8_t frac_bits_;
};

std::ostream& operator<<(std::ostream& o, const format& f);

}  // namespace plasticore::fixed_point
