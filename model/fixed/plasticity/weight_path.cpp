#include "fixed/plasticity/weight_path.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace plasticore::fixed {

namespace fp = fixed_point;

fp::format additive_amp_format(const weight_scale& scale, const hardware_config& h) {
    return fp::format(false, scale.bits, std::min(h.trace_format.frac_bits(), 63 - scale.bits));
}

weight_path::weight_path(double w_min_na, double w_max_na, const weight_scale& scale, const hardware_config& h):
    guard_bits_(h.weight_guard_bits),
    update_spec_{fp::format(true, scale.bits + 6, h.weight_guard_bits), h.product_rounding, fp::overflow_mode::saturate},
    write_back_spec_{fp::format(false, scale.bits, 0), h.weight_rounding, fp::overflow_mode::saturate} {
    fp::overflow_counter c;
    w_min_ = scale.quantize(w_min_na, c) << guard_bits_;
    w_max_ = scale.quantize(w_max_na, c) << guard_bits_;
}

}  // namespace plasticore::fixed
