#include "fixed/learning_engine/compile_stdp_pair.hpp"

#include <stdexcept>
#include <string>

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// What the microprograms of one pair-STDP instance share.
struct pair_context {
    const stdp_pair_unit& host;
    // The unit's weight-change spec (stdp_pair_unit.cpp: update_spec_), restated here so the
    // fixed layer stays untouched; test_learning_engine fails on any drift.
    fp::result_spec update_spec;
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
    return clipped_update(c.decay(pot ? 0 : 1, false), c.formats.weight_frac, t);
}

}  // namespace

engine_program compile_stdp_pair(const stdp_pair_params& p, const weight_scale& scale, double dt_ms,
                                 const hardware_config& h, const engine_capacity& cap) {
    const bool multiplicative = p.dependence == stdp_pair_params::dependence_kind::multiplicative;
    const bool nearest = p.pairing == stdp_pair_params::pairing_kind::nearest;
    engine_program prog;
    prog.rule = std::string("stdp_pair (") + (multiplicative ? "multiplicative" : "additive") + ", " +
                (nearest ? "nearest" : "all_to_all") + ")";
    require_table_decay(prog.rule, h);
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
                         prog.formats,
                         h.trace_format,
                         h.trace_overflow,
                         rounding_of(h.product_rounding)};
    prog.op(synapse_op::potentiate) = update(c, multiplicative, true);
    prog.op(synapse_op::depress) = update(c, multiplicative, false);
    prog.op(synapse_op::write_back) = write_back_program(host.guard_bits(), scale.bits, h.weight_rounding);
    // A trace after its own spike: decayed and bumped (all-to-all), or 1 (nearest).
    auto bump = [&](std::uint8_t table) {
        return bump_program(nearest ? std::nullopt : std::optional<decay_stage>(c.decay(table, true)), h.trace_format,
                            h.trace_overflow);
    };
    prog.op(synapse_op::bump_pre) = bump(0);
    prog.op(synapse_op::bump_post) = bump(1);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
