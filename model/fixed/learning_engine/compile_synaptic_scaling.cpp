#include "fixed/learning_engine/compile_synaptic_scaling.hpp"

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/synaptic_scaling_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// e = G (X - x(delta)) as (-G) (x(delta) - X): the decay's overflow is the rate estimate's,
// not flagged; the product's is.
microprogram rate_error(const synaptic_scaling_unit& host, const decay_stage& decay, const source_formats& f,
                        step_rounding product) {
    const fp::format& factor = host.factor_format();
    microprogram m;
    m.decay = decay;
    m.target = source::zero;
    m.sum_frac = factor.frac_bits();
    m.offset = host.target();
    term t;
    t.mantissa = -host.gain();
    t.exponent = -host.gain_format().frac_bits();
    t.steps.push_back({source::decayed_minus_offset,
                       host.gain_format().frac_bits() + f.trace_frac - factor.frac_bits(), factor,
                       fp::overflow_mode::saturate, product, true});
    m.terms.push_back(t);
    m.result_to = result_field::value;
    m.other = source::zero;
    return m;
}

// w + w e: the weight enters exactly, the product with e (the operand, factor format) is
// rounded into the working-weight format; clipped. The value field carries nothing.
microprogram scale_weight(const synaptic_scaling_unit& host, const source_formats& f, step_rounding product) {
    const fp::result_spec& dw = host.weights().update_spec();
    term t;
    t.steps.push_back({source::weight, 0, dw.fmt, dw.overflow, step_rounding::exact, false});
    t.steps.push_back({source::operand, f.weight_frac + f.operand_frac - dw.fmt.frac_bits(), dw.fmt, dw.overflow,
                       product, true});
    microprogram m = clipped_update(decay_stage{}, f.weight_frac, t);
    m.other = source::zero;
    return m;
}

}  // namespace

engine_program compile_synaptic_scaling(const synaptic_scaling_params& p, const weight_scale& scale, double dt_ms,
                                        const hardware_config& h, const engine_capacity& cap) {
    require_table_decay("synaptic_scaling", h);
    const synaptic_scaling_unit host(p, scale, dt_ms, h, 0);
    const int g = host.weights().guard_bits();
    engine_program prog = one_table_program("synaptic_scaling", host, h, host.factor_format().frac_bits());
    const step_rounding product = rounding_of(h.product_rounding);
    const auto [quiet, flagged] = one_table_decays(host, h);
    prog.op(synapse_op::bump_post) = bump_program(flagged, h.trace_format, h.trace_overflow);
    prog.op(synapse_op::rate_error) = rate_error(host, quiet, prog.formats, product);
    prog.op(synapse_op::scale) = scale_weight(host, prog.formats, product);
    prog.op(synapse_op::write_back) = write_back_program(g, scale.bits, h.weight_rounding);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
