#include "fixed/learning_engine/compile_istdp_vogels.hpp"

#include <stdexcept>
#include <string>

#include "fixed/learning_engine/compile_shared.hpp"
#include "fixed/plasticity/istdp_vogels_unit.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

namespace {

// w + eta (x - offset) rounded into the weight-change format, clipped; the value field is x.
microprogram update(const istdp_vogels_unit& host, const decay_stage& decay, const source_formats& f,
                    step_rounding product, source factor, std::int64_t offset) {
    term t;
    t.mantissa = host.eta();
    t.exponent = -host.amp_format().frac_bits();
    const fp::result_spec& out = host.weights().update_spec();
    t.steps.push_back({factor, host.amp_format().frac_bits() + f.frac_of(factor) - out.fmt.frac_bits(), out.fmt,
                       out.overflow, product, true});
    microprogram m = clipped_update(decay, f.weight_frac, t);
    m.offset = offset;
    return m;
}

}  // namespace

engine_program compile_istdp_vogels(const istdp_vogels_params& p, const weight_scale& scale, double dt_ms,
                                    const hardware_config& h, const engine_capacity& cap) {
    require_table_decay("istdp_vogels", h);
    const istdp_vogels_unit host(p, scale, dt_ms, h, 0);
    const int g = host.weights().guard_bits();
    engine_program prog = one_table_program("istdp_vogels", host, h, 0);
    const step_rounding product = rounding_of(h.product_rounding);
    // The decay product's overflow is a trace overflow: flagged in bumps only (the unit's counters).
    const auto [quiet, flagged] = one_table_decays(host, h);
    prog.op(synapse_op::potentiate) = update(host, quiet, prog.formats, product, source::decayed_trace, 0);
    prog.op(synapse_op::depress) =
        update(host, quiet, prog.formats, product, source::decayed_minus_offset, host.alpha());
    prog.op(synapse_op::write_back) = write_back_program(g, scale.bits, h.weight_rounding);
    // Bumps: x + 1.0 fitted into the trace format (the rule pairs all-to-all).
    prog.op(synapse_op::bump_pre) = bump_program(flagged, h.trace_format, h.trace_overflow);
    prog.op(synapse_op::bump_post) = prog.op(synapse_op::bump_pre);
    validate(prog);
    check_capacity(prog, cap);
    return prog;
}

}  // namespace plasticore::fixed::learning_engine
