#include "fixed/plasticity/stdp_pair_unit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

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
    trace_fit_(trace_spec_),
    update_fit_(update_spec_),
    write_back_fit_(write_back_spec_),
    amp_format_(multiplicative_ ? h.trace_format
                                : fp::format(false, scale.bits, std::min(h.trace_format.frac_bits(), 63 - scale.bits))),
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    if (multiplicative_) {
        amp_plus_ = host_constant(p.a_plus, amp_format_, constant_role::value, "a_plus", "trace_format", warnings_);
        amp_minus_ = host_constant(p.a_minus, amp_format_, constant_role::value, "a_minus", "trace_format", warnings_);
    }
    else {
        const double range_lsb = (p.w_max - p.w_min) / scale.lsb();
        // In weight LSBs, with trace_format's fraction bits (docs/datapath.md, "STDP unit").
        const std::string amp_key = "weight_bits and trace_format fraction bits: amplitude format";
        amp_plus_ = host_constant(p.a_plus * range_lsb, amp_format_, constant_role::value,
                                  "a_plus * (w_max - w_min) [weight LSB]", amp_key, warnings_);
        amp_minus_ = host_constant(p.a_minus * range_lsb, amp_format_, constant_role::value,
                                   "a_minus * (w_max - w_min) [weight LSB]", amp_key, warnings_);
    }
    amp_narrow_ = fp::detail::product_fits_int64(amp_format_, h.trace_format);
    amp_shift_ = amp_format_.frac_bits() + h.trace_format.frac_bits() - h.weight_guard_bits;
    fp::overflow_counter c;
    w_min_ = scale.quantize(p.w_min, c) << guard_bits_;
    w_max_ = scale.quantize(p.w_max, c) << guard_bits_;
    // Without fraction bits a trace is 0 or 1: the STDP window degenerates to a step.
    if (h.trace_format.frac_bits() == 0) {
        warnings_.push_back("hardware.trace_format " + h.trace_format.to_string() +
                            " has no fraction bits: traces (exact 1.0 decaying as exp(-t/tau)) quantize to 0 or 1");
    }
}

synapse_response stdp_pair_unit::unsupported(synapse_op op) {
    throw std::logic_error("the pair-STDP unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
