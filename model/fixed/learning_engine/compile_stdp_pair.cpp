#include "fixed/learning_engine/compile_stdp_pair.hpp"

#include <stdexcept>
#include <string>

#include "fixed/plasticity/stdp_pair_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// What the microprograms of one pair-STDP instance share.
struct pair_context {
    const stdp_pair_unit& host;
    // The unit's weight-change and write-back specs (stdp_pair_unit.cpp: update_spec_,
    // write_back_spec_), restated here so the fixed layer stays untouched; test_learning_engine
    // fails on any drift.
    fp::result_spec update_spec;
    fp::result_spec write_back_spec;
    source_formats formats;
    fp::format trace_format;
    fp::overflow_mode trace_overflow;
    step_rounding product;

    // acc * factor rounded by the product rounding into `out`: the shift follows from the formats.
    product_step product_into(int acc_frac, source factor, const fp::result_spec& out) const {
        return {factor, acc_frac + formats.frac_of(factor) - out.fmt.frac_bits(), out.fmt, out.overflow, product, true};
    }
    decay_stage decay(std::uint8_t table, bool flags) const {
        const trace_decay_table& t = table == 0 ? host.decay_plus() : host.decay_minus();
        return {true, table, t.factor_format().frac_bits(), trace_format, trace_overflow, product, flags};
    }
};

// potentiate (w + A+ f+(w) x_pre) or depress (w - A- f-(w) x_post), clipped to [w_min, w_max].
// The decay product's overflow is a trace overflow, not flagged (the unit's counters).
microprogram update(const pair_context& c, bool multiplicative, bool pot) {
    microprogram m;
    m.decay = c.decay(pot ? 0 : 1, false);
    m.target = source::weight;
    m.sum_frac = c.formats.weight_frac;
    term t;
    t.subtract = !pot;
    t.mantissa = pot ? c.host.amp_plus() : c.host.amp_minus();
    t.exponent = -c.host.amp_format().frac_bits();
    const int amp_frac = c.host.amp_format().frac_bits();
    if (!multiplicative) {
        t.steps.push_back(c.product_into(amp_frac, source::decayed_trace, c.update_spec));
    }
    else {
        t.steps.push_back(c.product_into(amp_frac, source::decayed_trace, c.host.trace_spec()));
        t.steps.push_back(c.product_into(c.formats.trace_frac, pot ? source::w_max_minus_w : source::w_minus_w_min,
                                         c.update_spec));
    }
    m.terms.push_back(t);
    m.finish.kind = finish_kind::clip_weight;
    m.result_to = result_field::weight;
    m.other = source::decayed_trace;
    return m;
}

// Working weight -> stored weight by the weight rounding: g bits discarded (one draw if
// stochastic); with g = 0 the weight as it is (nothing rounded, nothing drawn).
microprogram write_back(const pair_context& c) {
    microprogram m;
    m.result_to = result_field::weight;
    m.other = source::zero;
    m.sum_frac = 0;
    if (c.formats.weight_frac == 0) {
        m.target = source::weight;
        return m;
    }
    term t;
    const fp::result_spec& out = c.write_back_spec;
    // It cannot overflow (working <= w_max << g); the unit flags nothing.
    t.steps.push_back({source::weight, c.formats.weight_frac - out.fmt.frac_bits(), out.fmt, out.overflow,
                       rounding_of(out.round), false});
    m.terms.push_back(t);
    return m;
}

// A trace after its own spike: x(delta) + 1 fitted by the trace overflow (all-to-all), or 1
// (nearest: no decay, nothing drawn, nothing fitted).
microprogram bump(const pair_context& c, bool nearest, std::uint8_t table) {
    microprogram m;
    m.sum_frac = c.formats.trace_frac;
    m.terms.push_back(term{false, 1, 0, {}});  // the impulse, 1.0
    m.result_to = result_field::value;
    m.other = source::zero;
    if (nearest) return m;
    m.decay = c.decay(table, true);
    m.target = source::decayed_trace;
    m.finish = {finish_kind::fit, c.trace_format, c.trace_overflow, true};
    return m;
}

}  // namespace

engine_program compile_stdp_pair(const stdp_pair_params& p, const weight_scale& scale, double dt_ms,
                                 const hardware_config& h, const engine_capacity& cap) {
    const bool multiplicative = p.dependence == stdp_pair_params::dependence_kind::multiplicative;
    const bool nearest = p.pairing == stdp_pair_params::pairing_kind::nearest;
    engine_program prog;
    prog.rule = std::string("stdp_pair (") + (multiplicative ? "multiplicative" : "additive") + ", " +
                (nearest ? "nearest" : "all_to_all") + ")";
    if (h.trace_decay != trace_decay_kind::lut)
        throw std::invalid_argument("the learning engine cannot run " + prog.rule +
                                    ": missing factor 'decayed trace' by bit-serial multiplication "
                                    "(hardware.trace_decay = multiply); the engine decays through tables in memory "
                                    "(hardware.trace_decay = lut)");
    // The unit's host set-up: its amplitudes, bounds and tables are the engine's too.
    const stdp_pair_unit host(p, scale, dt_ms, h, 0);
    prog.formats = {h.trace_format.frac_bits(), host.guard_bits(), 0};
    prog.w_min = host.w_min_working();
    prog.w_max = host.w_max_working();
    prog.tables = {{host.decay_plus().entries(), host.decay_plus().shift()},
                   {host.decay_minus().entries(), host.decay_minus().shift()}};
    prog.warnings = host.warnings();
    const pair_context c{host,
                         {fp::format(true, scale.bits + 6, h.weight_guard_bits), h.product_rounding,
                          fp::overflow_mode::saturate},
                         {fp::format(false, scale.bits, 0), h.weight_rounding, fp::overflow_mode::saturate},
                         prog.formats,
                         h.trace_format,
                         h.trace_overflow,
                         rounding_of(h.product_rounding)};
    auto slot = [&](synapse_op op) -> std::optional<microprogram>& { return prog.ops[static_cast<std::size_t>(op)]; };
    slot(synapse_op::potentiate) = update(c, multiplicative, true);
    slot(synapse_op::depress) = update(c, multiplicative, false);
    slot(synapse_op::write_back) = write_back(c);
    slot(synapse_op::bump_pre) = bump(c, nearest, 0);
    slot(synapse_op::bump_post) = bump(c, nearest, 1);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
