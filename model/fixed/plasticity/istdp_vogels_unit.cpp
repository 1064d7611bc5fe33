#include "fixed/plasticity/istdp_vogels_unit.hpp"

#include <stdexcept>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

istdp_vogels_unit::istdp_vogels_unit(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    weights_(p.w_min, p.w_max, scale, h),
    decay_(p.tau, dt_ms, h),
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    trace_fit_(trace_spec_),
    diff_format_(true, h.trace_format.int_bits() + 1, h.trace_format.frac_bits()),
    amp_format_(additive_amp_format(scale, h)),
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    eta_ = host_constant(p.eta / scale.lsb(), amp_format_, constant_role::value, "eta [weight LSB]",
                         "weight_bits and trace_format fraction bits: amplitude format", warnings_);
    alpha_ = host_constant(p.alpha(), h.trace_format, constant_role::value, "alpha = 2 rho0 tau", "trace_format",
                           warnings_);
    if (h.trace_format.frac_bits() == 0) {
        warnings_.push_back("hardware.trace_format " + h.trace_format.to_string() +
                            " has no fraction bits: traces (exact 1.0 decaying as exp(-t/tau)) quantize to 0 or 1");
    }
}

synapse_response istdp_vogels_unit::unsupported(synapse_op op) {
    throw std::logic_error("the inhibitory-STDP unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
