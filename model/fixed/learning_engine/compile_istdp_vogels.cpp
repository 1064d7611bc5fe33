#include "fixed/learning_engine/compile_istdp_vogels.hpp"

#include <stdexcept>
#include <string>

#include "fixed/plasticity/istdp_vogels_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// w + eta (x - offset) rounded into the weight-change format, clipped; the value field is x.
microprogram update(const istdp_vogels_unit& host, const decay_stage& decay, const source_formats& f,
                    step_rounding product, source factor, std::int64_t offset) {
    microprogram m;
    m.decay = decay;
    m.target = source::weight;
    m.sum_frac = f.weight_frac;
    m.offset = offset;
    term t;
    t.mantissa = host.eta();
    t.exponent = -host.amp_format().frac_bits();
    const fp::result_spec& out = host.weights().update_spec();
    t.steps.push_back({factor, host.amp_format().frac_bits() + f.frac_of(factor) - out.fmt.frac_bits(), out.fmt,
                       out.overflow, product, true});
    m.terms.push_back(t);
    m.finish.kind = finish_kind::clip_weight;
    m.result_to = result_field::weight;
    m.other = source::decayed_trace;
    return m;
}

}  // namespace

engine_program compile_istdp_vogels(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms,
                                    const hardware_config& h, const engine_capacity& cap) {
    engine_program prog;
    prog.rule = "istdp_vogels";
    if (h.trace_decay != trace_decay_kind::lut)
        throw std::invalid_argument("the learning engine cannot run " + prog.rule +
                                    ": missing factor 'decayed trace' by bit-serial multiplication "
                                    "(hardware.trace_decay = multiply); the engine decays through tables in memory "
                                    "(hardware.trace_decay = lut)");
    const istdp_vogels_unit host(p, scale, dt_ms, h, 0);
    const int g = host.weights().guard_bits();
    prog.formats = {h.trace_format.frac_bits(), g, 0};
    prog.w_min = host.weights().w_min();
    prog.w_max = host.weights().w_max();
    prog.tables = {{host.decay().entries(), host.decay().shift()}};
    prog.warnings = host.warnings();
    const step_rounding product = rounding_of(h.product_rounding);
    const int entry_frac = host.decay().factor_format().frac_bits();
    // The decay product's overflow is a trace overflow: flagged in bumps only (the unit's counters).
    const decay_stage quiet{true, 0, entry_frac, h.trace_format, h.trace_overflow, product, false};
    decay_stage flagged = quiet;
    flagged.flags = true;
    auto slot = [&](synapse_op op) -> std::optional<microprogram>& { return prog.ops[static_cast<std::size_t>(op)]; };
    slot(synapse_op::potentiate) = update(host, quiet, prog.formats, product, source::decayed_trace, 0);
    slot(synapse_op::depress) =
        update(host, quiet, prog.formats, product, source::decayed_minus_offset, host.alpha());
    // write_back: the shared weight path's (u(n).0 by the weight rounding; g = 0: as it is).
    microprogram wb;
    wb.result_to = result_field::weight;
    if (g == 0) {
        wb.target = source::weight;
    }
    else {
        term t;
        t.steps.push_back({source::weight, g, fp::format(false, scale.bits, 0), fp::overflow_mode::saturate,
                           rounding_of(h.weight_rounding), false});
        wb.terms.push_back(t);
    }
    slot(synapse_op::write_back) = wb;
    // Bumps: x + 1.0 fitted into the trace format (the rule pairs all-to-all).
    microprogram bump;
    bump.decay = flagged;
    bump.target = source::decayed_trace;
    bump.sum_frac = h.trace_format.frac_bits();
    bump.terms.push_back(term{false, 1, 0, {}});
    bump.finish = {finish_kind::fit, h.trace_format, h.trace_overflow, true};
    bump.result_to = result_field::value;
    slot(synapse_op::bump_pre) = bump;
    slot(synapse_op::bump_post) = bump;
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
