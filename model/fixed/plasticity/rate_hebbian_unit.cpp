#include "fixed/plasticity/rate_hebbian_unit.hpp"

#include <stdexcept>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

rate_hebbian_unit::rate_hebbian_unit(const hebbian_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    rate_hebbian_unit(false, p.gain(), p.tau, p.w_min, p.w_max, scale, dt_ms, h, seed) {}

rate_hebbian_unit::rate_hebbian_unit(const oja_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    rate_hebbian_unit(true, p.gain(), p.tau, p.w_min, p.w_max, scale, dt_ms, h, seed) {}

rate_hebbian_unit::rate_hebbian_unit(bool oja, double gain, double tau, double w_min, double w_max,
                                     const weight_scale& scale, double dt_ms, const hardware_config& h,
                                     std::uint32_t seed):
    oja_(oja),
    weights_(w_min, w_max, scale, h),
    decay_(tau, dt_ms, h),
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    product_format_(true, 2 * h.trace_format.int_bits() + 1, 2 * h.trace_format.frac_bits()),
    amp_format_(additive_amp_format(scale, h)),
    k_format_(false, 4, h.trace_format.frac_bits() + 16),
    factor_spec_{fp::format(true, 1, h.trace_format.frac_bits() + 16), h.product_rounding, fp::overflow_mode::saturate},
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    k_lsb_ = host_constant(gain / scale.lsb(), amp_format_, constant_role::value, "eta P / tau^2 [weight LSB]",
                           "weight_bits and trace_format fraction bits: amplitude format", warnings_);
    if (oja_)
        k_ = host_constant(gain, k_format_, constant_role::value, "eta P / tau^2 [1/trace^2]",
                           "trace_format fraction bits + 16: Oja decay gain format", warnings_);
    if (h.trace_format.frac_bits() == 0) {
        warnings_.push_back("hardware.trace_format " + h.trace_format.to_string() +
                            " has no fraction bits: rate traces (exact 1.0 decaying as exp(-t/tau)) quantize to "
                            "whole numbers");
    }
}

synapse_response rate_hebbian_unit::unsupported(synapse_op op) {
    throw std::logic_error("the rate-based Hebbian unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
