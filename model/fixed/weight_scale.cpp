#include "fixed/weight_scale.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

double weight_scale::lsb() const { return std::ldexp(1.0, k); }

double weight_scale::to_na(std::int64_t raw) const { return std::ldexp(static_cast<double>(raw), k); }

std::int64_t weight_scale::quantize(double w_na, fp::overflow_counter& c) const {
    const fp::result_spec spec{fp::format(false, bits, 0), fp::rounding::nearest_even,
                               fp::overflow_mode::saturate};
    return fp::from_double(std::ldexp(w_na, -k), spec, c).raw;
}

int choose_weight_shift(double w_max_na, int bits) {
    if (bits < 1 || bits > 62) throw std::invalid_argument("weight_bits must be in [1, 62] (got " + std::to_string(bits) + ")");
    if (!std::isfinite(w_max_na)) throw std::invalid_argument("w_max must be finite");
    if (w_max_na <= 0) return 0;
    const double top = std::ldexp(1.0, bits) - 1.0;  // exact for bits <= 53
    int k = static_cast<int>(std::ceil(std::log2(w_max_na / top)));
    // log2 may be off by one near powers of two; the products below are exact.
    while (std::ldexp(top, k) < w_max_na) ++k;
    while (std::ldexp(top, k - 1) >= w_max_na) --k;
    return k;
}

int choose_slot_shift(const std::vector<int>& nonzero_weight_shifts, int ring_buffer_bits, int weight_bits) {
    if (nonzero_weight_shifts.empty()) return 0;
    const auto [k_min, k_max] = std::minmax_element(nonzero_weight_shifts.begin(), nonzero_weight_shifts.end());
    return std::max(*k_min, *k_max - (ring_buffer_bits - weight_bits));
}

}  // namespace plasticore::fixed
