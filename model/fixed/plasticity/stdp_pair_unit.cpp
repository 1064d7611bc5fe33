#include "fixed/plasticity/stdp_pair_unit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {
std::int64_t amplitude(double value, const fp::format& f, const char* name) {
    fp::overflow_counter c;
    const fp::value v = fp::from_double(value, {f, fp::rounding::nearest_even, fp::overflow_mode::saturate}, c);
    if (c.total() != 0) {
        throw std::invalid_argument(std::string(name) + " = " + std::to_string(value) +
                                    " does not fit its hardware format " + f.to_string());
    }
    return v.raw;
}
}  // namespace

stdp_pair_unit::stdp_pair_unit(const stdp_pair_params& p, const weight_scale& scale, double dt_ms,
                               const hardware_config& h, std::uint32_t seed):
    nearest_(p.pairing == stdp_pair_params::pairing_kind::nearest),
    multiplicative_(p.dependence == stdp_pair_params::dependence_kind::multiplicative),
    guard_bits_(h.weight_guard_bits),
    decay_plus_(p.tau_plus, dt_ms, h),
    decay_minus_(p.tau_minus, dt_ms, h),
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    update_spec_{fp::format(true, scale.bits + 6, h.weight_guard_bits), h.product_rounding,
                 fp::overflow_mode::saturate},
    write_back_spec_{fp::format(false, scale.bits, 0), h.weight_rounding, fp::overflow_mode::saturate},
    amp_format_(multiplicative_ ? h.trace_format
                                : fp::format(false, scale.bits, std::min(h.trace_format.frac_bits(), 63 - scale.bits))),
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    if (multiplicative_) {
        amp_plus_ = amplitude(p.a_plus, amp_format_, "a_plus");
        amp_minus_ = amplitude(p.a_minus, amp_format_, "a_minus");
    }
    else {
        const double range_lsb = (p.w_max - p.w_min) / scale.lsb();
        amp_plus_ = amplitude(p.a_plus * range_lsb, amp_format_, "a_plus * (w_max - w_min)");
        amp_minus_ = amplitude(p.a_minus * range_lsb, amp_format_, "a_minus * (w_max - w_min)");
    }
    amp_narrow_ = fp::detail::product_fits_int64(amp_format_, h.trace_format);
    amp_shift_ = amp_format_.frac_bits() + h.trace_format.frac_bits() - h.weight_guard_bits;
    fp::overflow_counter c;
    w_min_ = scale.quantize(p.w_min, c) << guard_bits_;
    w_max_ = scale.quantize(p.w_max, c) << guard_bits_;
}

synapse_response stdp_pair_unit::unsupported(synapse_op op) {
    throw std::logic_error("the pair-STDP unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
