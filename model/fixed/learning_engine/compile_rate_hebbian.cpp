#include "fixed/learning_engine/compile_rate_hebbian.hpp"

#include <string>

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/rate_hebbian_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// w + K' x(delta) v [- K y y w], clipped; the value field carries x(delta).
microprogram rate_update(const std::string& rule, const rate_hebbian_unit& host, const decay_stage& decay,
                         const hardware_config& h, const source_formats& f, step_rounding product) {
    const fp::result_spec& dw = host.weights().update_spec();
    term hebb;
    hebb.mantissa = host.gain_lsb();
    hebb.exponent = -host.amp_format().frac_bits();
    hebb.steps.push_back({source::decayed_trace, 0, exact_product_format(rule, "K' x", host.amp_format(), h.trace_format),
                          fp::overflow_mode::saturate, step_rounding::exact, false});
    hebb.steps.push_back({source::operand, host.amp_format().frac_bits() + f.trace_frac + f.operand_frac - dw.fmt.frac_bits(),
                          dw.fmt, dw.overflow, product, true});
    microprogram m = clipped_update(decay, f.weight_frac, hebb);
    if (host.oja()) {
        const fp::result_spec& ky = host.oja_spec();
        term decay_term;
        decay_term.subtract = true;
        decay_term.mantissa = host.oja_gain();
        decay_term.exponent = -host.k_format().frac_bits();
        decay_term.steps.push_back({source::operand, 0, exact_product_format(rule, "K y", host.k_format(), h.trace_format),
                                    fp::overflow_mode::saturate, step_rounding::exact, false});
        decay_term.steps.push_back({source::operand, host.k_format().frac_bits() + 2 * f.operand_frac - ky.fmt.frac_bits(),
                                    ky.fmt, ky.overflow, product, true});
        decay_term.steps.push_back({source::weight, ky.fmt.frac_bits() + f.weight_frac - dw.fmt.frac_bits(), dw.fmt,
                                    dw.overflow, product, true});
        m.terms.push_back(decay_term);
    }
    return m;
}

// BCM's T = c y^2: c * y exact, then * y rounded into the target format.
microprogram theta_target(const std::string& rule, const rate_hebbian_unit& host, const hardware_config& h,
                          step_rounding product) {
    const fp::result_spec& out = host.target_spec();
    const int f = h.trace_format.frac_bits();
    microprogram m;
    m.sum_frac = out.fmt.frac_bits();
    term t;
    t.mantissa = host.theta_scale();
    t.exponent = -host.c_format().frac_bits();
    t.steps.push_back({source::operand, 0, exact_product_format(rule, "c y", host.c_format(), h.trace_format),
                       fp::overflow_mode::saturate, step_rounding::exact, false});
    t.steps.push_back({source::operand, host.c_format().frac_bits() + 2 * f - out.fmt.frac_bits(), out.fmt,
                       out.overflow, product, true});
    m.terms.push_back(t);
    m.result_to = result_field::value;
    return m;
}

// BCM's Theta + a (T - Theta): the trace is Theta, the operand T; fitted into the trace format.
microprogram slide_threshold(const rate_hebbian_unit& host, const hardware_config& h, step_rounding product) {
    const fp::result_spec& step = host.step_spec();
    const int f = h.trace_format.frac_bits();
    microprogram m;
    m.target = source::trace;
    m.sum_frac = f;
    term t;
    t.mantissa = host.theta_step();
    t.exponent = -host.a_format().frac_bits();
    t.steps.push_back({source::operand_minus_trace, host.a_format().frac_bits() + f - step.fmt.frac_bits(), step.fmt,
                       step.overflow, product, true});
    m.terms.push_back(t);
    const fp::result_spec& fit = host.theta_fit_spec();
    m.finish = {finish_kind::fit, fit.fmt, fit.overflow, true};
    m.result_to = result_field::value;
    return m;
}

// BCM's phi = y (y - Theta): 1 * y exact, then * (y - Theta) rounded into the factor format.
microprogram post_factor(const std::string& rule, const rate_hebbian_unit& host, const hardware_config& h,
                         step_rounding product) {
    const fp::result_spec& out = host.factor_spec();
    const int f = h.trace_format.frac_bits();
    microprogram m;
    m.sum_frac = out.fmt.frac_bits();
    term t;
    t.mantissa = 1;
    t.exponent = 0;
    t.steps.push_back({source::operand, 0, exact_product_format(rule, "1 y", fp::format(false, 1, 0), h.trace_format),
                       fp::overflow_mode::saturate, step_rounding::exact, false});
    t.steps.push_back({source::operand_minus_trace, 2 * f - out.fmt.frac_bits(), out.fmt, out.overflow, product, true});
    m.terms.push_back(t);
    m.result_to = result_field::value;
    return m;
}

engine_program compile(const std::string& rule, const rate_hebbian_unit& host, const weight_scale& scale,
                       const hardware_config& h, const engine_capacity& cap) {
    const int g = host.weights().guard_bits();
    // The operand is y (BCM's rate_update: phi), in the trace's fraction bits.
    engine_program prog = one_table_program(rule, host, h, h.trace_format.frac_bits());
    const step_rounding product = rounding_of(h.product_rounding);
    // rate_update's decay of x is not flagged (the unit flags its weight products only).
    const auto [quiet, flagged] = one_table_decays(host, h);
    prog.op(synapse_op::bump_pre) = bump_program(flagged, h.trace_format, h.trace_overflow);
    prog.op(synapse_op::bump_post) = prog.op(synapse_op::bump_pre);
    prog.op(synapse_op::decay) = decay_program(flagged, h.trace_format.frac_bits());
    prog.op(synapse_op::rate_update) = rate_update(rule, host, quiet, h, prog.formats, product);
    prog.op(synapse_op::write_back) = write_back_program(g, scale.bits, h.weight_rounding);
    if (host.kind() == rate_rule_kind::bcm) {
        prog.op(synapse_op::theta_target) = theta_target(rule, host, h, product);
        prog.op(synapse_op::slide_threshold) = slide_threshold(host, h, product);
        prog.op(synapse_op::post_factor) = post_factor(rule, host, h, product);
    }
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace

engine_program compile_hebbian(const hebbian_params& p, const weight_scale& scale, double dt_ms,
                               const hardware_config& h, const engine_capacity& cap) {
    require_table_decay("hebbian", h);
    return compile("hebbian", rate_hebbian_unit(p, scale, dt_ms, h, 0), scale, h, cap);
}

engine_program compile_oja(const oja_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                           const engine_capacity& cap) {
    require_table_decay("oja", h);
    return compile("oja", rate_hebbian_unit(p, scale, dt_ms, h, 0), scale, h, cap);
}

engine_program compile_bcm(const bcm_params& p, const weight_scale& scale, double dt_ms, const hardware_config& h,
                           const engine_capacity& cap) {
    require_table_decay("bcm", h);
    return compile("bcm", rate_hebbian_unit(p, scale, dt_ms, h, 0), scale, h, cap);
}

}  // namespace plasticore::fixed::learning_engine
