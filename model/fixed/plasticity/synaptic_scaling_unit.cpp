#include "fixed/plasticity/synaptic_scaling_unit.hpp"

#include <stdexcept>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

synaptic_scaling_unit::synaptic_scaling_unit(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                                             const hardware_config& h, std::uint32_t seed):
    weights_(p.w_min, p.w_max, scale, h),
    decay_(p.tau_rate, dt_ms, h),
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    diff_format_(true, h.trace_format.int_bits() + 1, h.trace_format.frac_bits()),
    gain_format_(false, 4, h.trace_format.frac_bits() + 8),
    factor_spec_{fp::format(true, 1, h.trace_format.frac_bits() + 8), h.product_rounding, fp::overflow_mode::saturate},
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    gain_ = host_constant(p.gain(), gain_format_, constant_role::value, "eta / tau_rate [1/trace]",
                          "trace_format fraction bits + 8: scaling gain format", warnings_);
    target_ = host_constant(p.target_trace(), h.trace_format, constant_role::value, "target tau_rate", "trace_format",
                            warnings_);
    if (h.trace_format.frac_bits() == 0) {
        warnings_.push_back("hardware.trace_format " + h.trace_format.to_string() +
                            " has no fraction bits: the rate estimate (exact 1.0 decaying as exp(-t/tau)) quantizes "
                            "to whole numbers");
    }
}

synapse_response synaptic_scaling_unit::unsupported(synapse_op op) {
    throw std::logic_error("the synaptic-scaling unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
