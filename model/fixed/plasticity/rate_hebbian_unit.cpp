#include "fixed/plasticity/rate_hebbian_unit.hpp"

#include <stdexcept>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {
// A format of BCM's threshold path; the other rules get a placeholder, so that a wide trace
// format they accept is not refused for a path they do not have.
fp::format bcm_format(rate_rule_kind kind, bool is_signed, int int_bits, int frac_bits) {
    return kind == rate_rule_kind::bcm ? fp::format(is_signed, int_bits, frac_bits) : fp::format(true, 1, 0);
}
}  // namespace

rate_hebbian_unit::rate_hebbian_unit(const hebbian_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    rate_hebbian_unit(rate_rule_kind::hebbian, p.gain(), p.tau, p.w_min, p.w_max, scale, dt_ms, h, seed) {}

rate_hebbian_unit::rate_hebbian_unit(const oja_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    rate_hebbian_unit(rate_rule_kind::oja, p.gain(), p.tau, p.w_min, p.w_max, scale, dt_ms, h, seed) {}

rate_hebbian_unit::rate_hebbian_unit(const bcm_params& p, const weight_scale& scale, double dt_ms,
                                     const hardware_config& h, std::uint32_t seed):
    rate_hebbian_unit(rate_rule_kind::bcm, p.gain(), p.tau, p.w_min, p.w_max, scale, dt_ms, h, seed) {
    a_ = host_constant(p.theta_step(), a_format_, constant_role::value, "period / tau_theta",
                       "trace_format fraction bits + 16: BCM threshold step format", warnings_);
    c_ = host_constant(p.theta_scale(), c_format_, constant_role::value, "1 / (tau rho0) [1/trace]",
                       "trace_format fraction bits + 8: BCM threshold scale format", warnings_);
    theta0_ = host_constant(p.theta0_trace(), h.trace_format, constant_role::value, "theta0 tau (initial threshold)",
                            "trace_format", warnings_);
}

rate_hebbian_unit::rate_hebbian_unit(rate_rule_kind kind, double gain, double tau, double w_min, double w_max,
                                     const weight_scale& scale, double dt_ms, const hardware_config& h,
                                     std::uint32_t seed):
    kind_(kind),
    weights_(w_min, w_max, scale, h),
    decay_(tau, dt_ms, h),
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    yy_format_(true, 2 * h.trace_format.int_bits() + 1, 2 * h.trace_format.frac_bits()),
    product_format_(kind == rate_rule_kind::bcm
                        ? fp::format(true, 3 * h.trace_format.int_bits() + 3, 2 * h.trace_format.frac_bits())
                        : yy_format_),
    amp_format_(additive_amp_format(scale, h)),
    k_format_(false, 4, h.trace_format.frac_bits() + 16),
    oja_spec_{fp::format(true, 1, h.trace_format.frac_bits() + 16), h.product_rounding, fp::overflow_mode::saturate},
    a_format_(bcm_format(kind, false, 1, h.trace_format.frac_bits() + 16)),
    c_format_(bcm_format(kind, false, 8, h.trace_format.frac_bits() + 8)),
    target_spec_{bcm_format(kind, true, 2 * h.trace_format.int_bits() + 9, h.trace_format.frac_bits()),
                 h.product_rounding, fp::overflow_mode::saturate},
    error_format_(bcm_format(kind, true, 2 * h.trace_format.int_bits() + 10, h.trace_format.frac_bits())),
    step_spec_{error_format_, h.product_rounding, fp::overflow_mode::saturate},
    theta_fit_spec_{h.trace_format, fp::rounding::floor, h.trace_overflow},
    factor_spec_{bcm_format(kind, true, 2 * h.trace_format.int_bits() + 2, h.trace_format.frac_bits()),
                 h.product_rounding, fp::overflow_mode::saturate},
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    k_lsb_ = host_constant(gain / scale.lsb(), amp_format_, constant_role::value,
                           kind_ == rate_rule_kind::bcm ? "eta P / tau^3 [weight LSB]" : "eta P / tau^2 [weight LSB]",
                           "weight_bits and trace_format fraction bits: amplitude format", warnings_);
    if (kind_ == rate_rule_kind::oja)
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
