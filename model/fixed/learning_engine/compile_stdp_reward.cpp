#include "fixed/learning_engine/compile_stdp_reward.hpp"

#include <optional>
#include <string>

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/stdp_reward_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

using R = stdp_reward_unit;

// What the microprograms of one reward-modulated STDP instance share.
struct reward_context {
    const stdp_reward_unit& host;
    int weight_frac;
    step_rounding product;

    // The format and overflow rule of what table t decays: traces, the eligibility, the
    // modulator (d and D).
    const fp::result_spec& spec(R::table_id t) const {
        return t <= R::x_post ? host.trace_spec() : t == R::elig ? host.eligibility_spec() : host.modulator_spec();
    }
    decay_stage decay(R::table_id t, bool flags) const { return table_decay(t, host.table(t), spec(t), flags); }
    // The sources' fraction bits when the request's trace is what table t decays and its
    // operand is in `operand`.
    source_formats formats(R::table_id t, const fp::format& operand) const {
        return {spec(t).fmt.frac_bits(), weight_frac, operand.frac_bits()};
    }
};

// c +/- A x(delta): the amplitude times the decayed trace rounded into the eligibility format,
// the sum fitted into it. The trace's decay overflow is the trace's, not flagged here.
microprogram eligibility_add(const reward_context& c, R::table_id t) {
    const fp::result_spec& e = c.host.eligibility_spec();
    const int amp_frac = c.host.amp_format().frac_bits();
    microprogram m;
    m.formats = c.formats(t, e.fmt);
    m.decay = c.decay(t, false);
    m.target = source::operand;
    m.sum_frac = e.fmt.frac_bits();
    term a;
    a.subtract = t == R::x_post;
    a.mantissa = t == R::x_pre ? c.host.amp_plus() : c.host.amp_minus();
    a.exponent = -amp_frac;
    a.steps.push_back({source::decayed_trace, amp_frac + m.formats->trace_frac - e.fmt.frac_bits(), e.fmt, e.overflow,
                       c.product, true});
    m.terms.push_back(a);
    m.finish = {finish_kind::fit, e.fmt, e.overflow, true};
    m.result_to = result_field::value;
    m.other = source::zero;
    return m;
}

// d(delta) + amount, fitted into the modulator format (saturating).
microprogram modulate(const reward_context& c) {
    const fp::result_spec& d = c.host.modulator_spec();
    microprogram m = decay_program(c.decay(R::mod, true), d.fmt.frac_bits());
    m.formats = c.formats(R::mod, d.fmt);
    m.terms.push_back(term{false, 1, 0, {{source::operand, 0, d.fmt, d.overflow, step_rounding::exact, false}}});
    m.finish = {finish_kind::fit, d.fmt, d.overflow, true};
    return m;
}

// D = tau_cd d(delta): the decayed level times tau_cd, rounded into the modulator format.
microprogram modulator_at(const reward_context& c) {
    const fp::result_spec& d = c.host.modulator_spec();
    const int tau_frac = c.host.tau_format().frac_bits();
    microprogram m;
    m.formats = c.formats(R::mod, d.fmt);
    m.decay = c.decay(R::mod, true);
    m.target = source::zero;
    m.sum_frac = d.fmt.frac_bits();
    m.terms.push_back(term{false, c.host.tau_cd(), -tau_frac,
                           {{source::decayed_trace, tau_frac, d.fmt, d.overflow, c.product, true}}});
    m.result_to = result_field::value;
    m.other = source::zero;
    return m;
}

// w + c (D - D(delta)): the eligibility (operand) enters exactly, its product with what D lost
// over the piece is rounded into the weight-change format; clipped. Nothing in the value field.
microprogram integrate(const reward_context& c) {
    const fp::result_spec& e = c.host.eligibility_spec();
    const fp::result_spec& d = c.host.modulator_spec();
    const fp::result_spec& dw = c.host.weights().update_spec();
    term t;
    t.steps.push_back({source::operand, 0, e.fmt, e.overflow, step_rounding::exact, false});
    t.steps.push_back({source::trace_minus_decayed, e.fmt.frac_bits() + d.fmt.frac_bits() - dw.fmt.frac_bits(),
                       dw.fmt, dw.overflow, c.product, true});
    microprogram m = clipped_update(c.decay(R::mod_integral, true), c.weight_frac, t);
    m.formats = c.formats(R::mod_integral, e.fmt);
    m.other = source::zero;
    return m;
}

}  // namespace

engine_program compile_stdp_reward(const stdp_reward_params& p, const weight_scale& scale, double dt_ms,
                                   const hardware_config& h, const engine_capacity& cap) {
    engine_program prog;
    prog.rule = std::string("stdp_reward (") +
                (p.pairing == stdp_reward_params::pairing_kind::nearest ? "nearest" : "all_to_all") + ")";
    require_table_decay(prog.rule, h);
    const stdp_reward_unit host(p, scale, dt_ms, h, 0);
    const int g = host.weights().guard_bits();
    prog.formats = {h.trace_format.frac_bits(), g, h.eligibility_format.frac_bits()};
    prog.w_min = host.weights().w_min();
    prog.w_max = host.weights().w_max();
    for (R::table_id t : {R::x_pre, R::x_post, R::elig, R::mod, R::mod_integral})
        prog.tables.push_back({host.table(t).entries(), host.table(t).shift()});
    prog.warnings = host.warnings();
    const reward_context c{host, g, rounding_of(h.product_rounding)};
    for (R::table_id t : {R::x_pre, R::x_post, R::elig, R::mod}) {
        microprogram& m = prog.op(synapse_op::decay, t).emplace(decay_program(c.decay(t, true), c.spec(t).fmt.frac_bits()));
        m.formats = c.formats(t, h.eligibility_format);
    }
    for (R::table_id t : {R::x_pre, R::x_post}) {
        const std::optional<decay_stage> decayed = host.nearest() ? std::nullopt : std::optional<decay_stage>(c.decay(t, true));
        prog.op(synapse_op::bump, t) = bump_program(decayed, h.trace_format, h.trace_overflow);
        prog.op(synapse_op::eligibility_add, t) = eligibility_add(c, t);
    }
    prog.op(synapse_op::modulate, R::mod) = modulate(c);
    prog.op(synapse_op::modulator_at) = modulator_at(c);
    prog.op(synapse_op::integrate) = integrate(c);
    prog.op(synapse_op::write_back) = write_back_program(g, scale.bits, h.weight_rounding);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
