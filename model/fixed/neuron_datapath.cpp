#include "fixed/neuron_datapath.hpp"

#include <cmath>
#include <stdexcept>

#include "experiment/time_steps.hpp"
#include "fixed/host_constant.hpp"
#include "math/lif_propagator.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

neuron_datapath::neuron_datapath(const lif_params& p, double dt_ms, const hardware_config& h,
                                 const std::string& population_name):
    pf_(h.propagator_format),
    gf_(h.gain_format),
    slot_format_(false, 62, 0),
    v_exact_{h.v_format, fp::rounding::floor, h.v_overflow},
    v_prod_{h.v_format, h.product_rounding, h.v_overflow},
    i_exact_{h.current_format, fp::rounding::floor, h.current_overflow},
    i_prod_{h.current_format, h.product_rounding, h.current_overflow},
    ip_rate_{h.ip_rate_format, h.product_rounding, fp::overflow_mode::saturate},
    ip_theta_prod_{h.ip_threshold_format, h.product_rounding, fp::overflow_mode::saturate} {
    narrow_v_ = fp::detail::product_fits_int64(pf_, h.v_format);
    narrow_gain_ = fp::detail::product_fits_int64(gf_, h.current_format);
    narrow_i_ = fp::detail::product_fits_int64(pf_, h.current_format);
    // As in fp::subtract: the difference of two v-format values needs one bit more.
    sub_narrow_ = fp::detail::fits_int64(h.v_format.magnitude_bits() + 1, false);
    // Six terms (adaptive LIF; five for plain LIF) of at most 2^m each in magnitude: below 2^(m + 3).
    sum_narrow_ = fp::detail::fits_int64(h.v_format.magnitude_bits() + 3, false);
    const auto prop = math::make_lif_propagator<double>(p, dt_ms);  // host, double
    const std::string pop = "population '" + population_name + "': ";
    const auto value = constant_role::value, decay = constant_role::decay;
    k_.v_rest = host_constant(p.v_rest, h.v_format, value, pop + "v_rest", "v_format", warnings_);
    k_.v_reset = host_constant(p.v_reset, h.v_format, value, pop + "v_reset", "v_format", warnings_);
    k_.v_thresh = host_constant(p.v_thresh, h.v_format, value, pop + "v_thresh", "v_format", warnings_);
    k_.p22 = host_constant(prop.p22, pf_, decay, pop + "P22 (membrane decay)", "propagator_format", warnings_);
    k_.pe = host_constant(prop.pe, pf_, decay, pop + "Pe (excitatory current decay)", "propagator_format", warnings_);
    k_.pi = host_constant(prop.pi, pf_, decay, pop + "Pi (inhibitory current decay)", "propagator_format", warnings_);
    k_.p20 = host_constant(prop.p20, gf_, value, pop + "P20 (external current gain)", "gain_format", warnings_);
    k_.p21e = host_constant(prop.p21e, gf_, value, pop + "P21e (excitatory gain)", "gain_format", warnings_);
    k_.p21i = host_constant(prop.p21i, gf_, value, pop + "P21i (inhibitory gain)", "gain_format", warnings_);
    k_.refractory_steps = refractory_steps(p.t_ref, dt_ms);
    adaptive_ = p.adaptive();
    if (adaptive_) {
        k_.p21w = host_constant(prop.p21w, gf_, value, pop + "P21w (adaptation current gain)", "gain_format", warnings_);
        k_.pw = host_constant(prop.pw, pf_, decay, pop + "Pw (adaptation current decay)", "propagator_format", warnings_);
        k_.ptheta = host_constant(prop.ptheta, pf_, decay, pop + "Ptheta (threshold offset decay)", "propagator_format",
                                  warnings_);
        k_.adapt_b = host_constant(p.adapt_b, h.current_format, value, pop + "adapt_b_na", "current_format", warnings_);
        k_.theta_jump = host_constant(p.theta_jump, h.v_format, value, pop + "theta_jump_mv", "v_format", warnings_);
    }
    intrinsic_ = p.intrinsic();
    narrow_ga_ = fp::detail::product_fits_int64(pf_, h.ip_rate_format);
    narrow_pa_ = narrow_ga_;
    if (intrinsic_) {
        k_.pa = host_constant(prop.pa, pf_, decay, pop + "Pa (rate trace decay)", "propagator_format", warnings_);
        k_.ga = host_constant(prop.ga, pf_, value, pop + "Ga (threshold drift per Hz of rate trace)",
                              "propagator_format", warnings_);
        k_.dip = host_constant(prop.dip, h.ip_threshold_format, value, pop + "Dip (threshold drift of the target rate)",
                               "ip_threshold_format", warnings_);
        k_.a_jump = host_constant(prop.a_jump, h.ip_rate_format, value, pop + "rate trace increment 1000/ip_tau_ms",
                                  "ip_rate_format", warnings_);
    }
}

std::int64_t neuron_datapath::external_current(double i_na, neuron_counters& c) const {
    return fp::from_double(i_na, {i_prod_.fmt, fp::rounding::nearest_even, i_prod_.overflow}, c.i_ext).raw;
}

std::int64_t neuron_datapath::v_from_mv(double v_mv) const {
    fp::overflow_counter c;
    return fp::from_double(v_mv, {v_exact_.fmt, fp::rounding::nearest_even, fp::overflow_mode::saturate}, c).raw;
}

}  // namespace plasticore::fixed
