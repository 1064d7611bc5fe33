#include "fixed/learning_engine/compile_stdp_triplet.hpp"

#include <optional>

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/stdp_triplet_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

using T = stdp_triplet_unit;

// What the microprograms of one triplet-STDP instance share.
struct triplet_context {
    const stdp_triplet_unit& host;
    const hardware_config& h;
    source_formats formats;
    step_rounding product;

    // Decay through table t. Its overflow is a trace overflow: flagged by decay and bump, not by
    // the weight updates (the unit flags only its weight-update counter there).
    decay_stage decay(T::table_id t, bool flags) const {
        return table_decay(t, host.table(t), {h.trace_format, h.product_rounding, h.trace_overflow}, flags);
    }
};

// A3 x + A2 with x the trace as sent (already decayed by a decay operation): the product
// rounded into the gain format, the sum fitted into it.
microprogram gain(const triplet_context& c, bool plus) {
    const fp::result_spec& g = c.host.gain_spec();
    const int amp_frac = c.host.amp_format().frac_bits();
    microprogram m;
    m.target = source::zero;
    m.sum_frac = g.fmt.frac_bits();
    term a3x;
    a3x.mantissa = plus ? c.host.a3_plus() : c.host.a3_minus();
    a3x.exponent = -amp_frac;
    a3x.steps.push_back({source::trace, amp_frac + c.formats.trace_frac - g.fmt.frac_bits(), g.fmt, g.overflow,
                         c.product, true});
    m.terms.push_back(a3x);
    m.terms.push_back(term{false, plus ? c.host.a2_plus() : c.host.a2_minus(), -amp_frac, {}});
    m.finish = {finish_kind::fit, g.fmt, g.overflow, true};
    m.result_to = result_field::value;
    m.other = source::zero;
    return m;
}

// w +/- G x(delta), G the request's operand in the gain format: the operand enters exactly,
// the product with the decayed trace is rounded into the weight-change format; clipped.
microprogram update_by_gain(const triplet_context& c, bool pot) {
    const fp::result_spec& g = c.host.gain_spec();
    const fp::result_spec& dw = c.host.weights().update_spec();
    term t;
    t.subtract = !pot;
    t.steps.push_back({source::operand, 0, g.fmt, g.overflow, step_rounding::exact, false});
    t.steps.push_back({source::decayed_trace, g.fmt.frac_bits() + c.formats.trace_frac - dw.fmt.frac_bits(), dw.fmt,
                       dw.overflow, c.product, true});
    return clipped_update(c.decay(pot ? T::r1 : T::o1, false), c.formats.weight_frac, t);
}

}  // namespace

engine_program compile_stdp_triplet(const stdp_triplet_params& p, const weight_scale& scale, double dt_ms,
                                    const hardware_config& h, const engine_capacity& cap) {
    engine_program prog;
    prog.rule = std::string("stdp_triplet (") +
                (p.pairing == stdp_triplet_params::pairing_kind::nearest ? "nearest" : "all_to_all") + ")";
    require_table_decay(prog.rule, h);
    const stdp_triplet_unit host(p, scale, dt_ms, h, 0);
    const int g = host.weights().guard_bits();
    prog.formats = {h.trace_format.frac_bits(), g, host.gain_spec().fmt.frac_bits()};
    prog.w_min = host.weights().w_min();
    prog.w_max = host.weights().w_max();
    for (T::table_id t : {T::r1, T::r2, T::o1, T::o2})
        prog.tables.push_back({host.table(t).entries(), host.table(t).shift()});
    prog.warnings = host.warnings();
    const triplet_context c{host, h, prog.formats, rounding_of(h.product_rounding)};
    for (T::table_id t : {T::r1, T::r2, T::o1, T::o2}) {
        prog.op(synapse_op::decay, t) = decay_program(c.decay(t, true), c.formats.trace_frac);
        const std::optional<decay_stage> decayed =
            host.nearest() ? std::nullopt : std::optional<decay_stage>(c.decay(t, true));
        prog.op(synapse_op::bump, t) = bump_program(decayed, h.trace_format, h.trace_overflow);
    }
    prog.op(synapse_op::gain, 0) = gain(c, true);
    prog.op(synapse_op::gain, 1) = gain(c, false);
    prog.op(synapse_op::potentiate_gain) = update_by_gain(c, true);
    prog.op(synapse_op::depress_gain) = update_by_gain(c, false);
    prog.op(synapse_op::write_back) = write_back_program(g, scale.bits, h.weight_rounding);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
