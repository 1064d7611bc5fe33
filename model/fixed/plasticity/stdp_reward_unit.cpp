#include "fixed/plasticity/stdp_reward_unit.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

stdp_reward_unit::stdp_reward_unit(const stdp_reward_params& p, const weight_scale& scale, double dt_ms,
                                   const hardware_config& h, std::uint32_t seed):
    nearest_(p.pairing == stdp_reward_params::pairing_kind::nearest),
    weights_(p.w_min, p.w_max, scale, h),
    tables_{trace_decay_table(p.tau_plus, dt_ms, h), trace_decay_table(p.tau_minus, dt_ms, h),
            trace_decay_table(p.tau_c, dt_ms, h, h.eligibility_format),
            trace_decay_table(p.tau_d, dt_ms, h, h.modulator_format),
            trace_decay_table(1.0 / (1.0 / p.tau_c + 1.0 / p.tau_d), dt_ms, h, h.modulator_format)},
    trace_spec_{h.trace_format, h.product_rounding, h.trace_overflow},
    elig_spec_{h.eligibility_format, h.product_rounding, h.eligibility_overflow},
    mod_spec_{h.modulator_format, h.product_rounding, fp::overflow_mode::saturate},
    amp_format_(additive_amp_format(scale, h)),
    tau_format_(fp::format(false, 8, std::min(h.modulator_format.frac_bits() + 8, 54))),
    impulse_(std::int64_t{1} << h.trace_format.frac_bits()),
    rng_(seed) {
    const double range_lsb = (p.w_max - p.w_min) / scale.lsb();
    const std::string key = "weight_bits and trace_format fraction bits: amplitude format";
    amp_plus_ = host_constant(p.a_plus * range_lsb, amp_format_, constant_role::value,
                              "a_plus * (w_max - w_min) [weight LSB]", key, warnings_);
    amp_minus_ = host_constant(p.a_minus * range_lsb, amp_format_, constant_role::value,
                               "a_minus * (w_max - w_min) [weight LSB]", key, warnings_);
    tau_cd_ = host_constant(1e-3 / (1.0 / p.tau_c + 1.0 / p.tau_d), tau_format_, constant_role::value,
                            "tau_cd = 1/(1/tau_c + 1/tau_d) [s]", "modulator_format fraction bits + 8", warnings_);
}

std::int64_t stdp_reward_unit::amount_raw(double amount) {
    return fp::from_double(amount, {mod_spec_.fmt, fp::rounding::nearest_even, fp::overflow_mode::saturate},
                           counters_.modulator).raw;
}

synapse_response stdp_reward_unit::unsupported(synapse_op op) {
    throw std::logic_error("the reward-modulated STDP unit has no operation '" + std::string(op_name(op)) + "'");
}

}  // namespace plasticore::fixed
