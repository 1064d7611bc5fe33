#include "fixed/plasticity/stdp_triplet_unit.hpp"

#include <stdexcept>
#include <string>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

stdp_triplet_unit::stdp_triplet_unit(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    nearest_(p.pairing == stdp_triplet_params::pairing_kind::nearest),
    weights_(p.w_min, p.w_max, scale, h),
    tables_{trace_decay_table(p.tau_plus, dt_ms, h), trace_decay_table(p.tau_x, dt_ms, h),
            trace_decay_table(p.tau_minus, dt_ms, h), trace_decay_table(p.tau_y, dt_ms, h)},
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    amp_format_(additive_amp_format(scale, h)),
    gain_spec_{fp::format(false, std::min(scale.bits + 4, 62 - amp_format_.frac_bits()), amp_format_.frac_bits()),
               h.product_rounding, fp::overflow_mode::saturate},
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    const double range_lsb = (p.w_max - p.w_min) / scale.lsb();
    // In weight LSBs, with trace_format's fraction bits (docs/datapath.md).
    const std::string key = "weight_bits and trace_format fraction bits: amplitude format";
    auto amp = [&](double a, const char* name) {
        return host_constant(a * range_lsb, amp_format_, constant_role::value,
                             std::string(name) + " * (w_max - w_min) [weight LSB]", key, warnings_);
    };
    a2_plus_ = amp(p.a2_plus, "a2_plus");
    a3_plus_ = amp(p.a3_plus, "a3_plus");
    a2_minus_ = amp(p.a2_minus, "a2_minus");
    a3_minus_ = amp(p.a3_minus, "a3_minus");
}

synapse_response stdp_triplet_unit::unsupported(synapse_op op) {
    throw std::logic_error("the triplet-STDP unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
