#include "fixed/learning_engine/compile_shared.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

void require_table_decay(const std::string& rule, const hardware_config& h) {
    if (h.trace_decay != trace_decay_kind::lut)
        throw std::invalid_argument("the learning engine cannot run " + rule +
                                    ": missing factor 'decayed trace' by bit-serial multiplication "
                                    "(hardware.trace_decay = multiply); the engine decays through tables in memory "
                                    "(hardware.trace_decay = lut)");
}

microprogram write_back_program(int guard_bits, int weight_bits, fp::rounding weight_rounding) {
    microprogram m;
    m.result_to = result_field::weight;
    m.other = source::zero;
    m.sum_frac = 0;
    if (guard_bits == 0) {
        m.target = source::weight;
        return m;
    }
    term t;
    t.steps.push_back({source::weight, guard_bits, fp::format(false, weight_bits, 0), fp::overflow_mode::saturate,
                       rounding_of(weight_rounding), false});
    m.terms.push_back(t);
    return m;
}

fp::format exact_product_format(const std::string& rule, const char* what, const fp::format& a, const fp::format& b) {
    // |a b| < 2^(ia + ib + 1) for signed or unsigned a, b: one integer bit more than the two.
    const int int_bits = a.int_bits() + b.int_bits() + 1, frac_bits = a.frac_bits() + b.frac_bits();
    if (1 + int_bits + frac_bits > 63)
        throw std::invalid_argument("the learning engine cannot run " + rule + " at these widths: the exact product " +
                                    what + " (" + a.to_string() + " x " + b.to_string() + ") needs " +
                                    std::to_string(1 + int_bits + frac_bits) + " bits, the engine's values have 63");
    return fp::format(true, int_bits, frac_bits);
}

microprogram decay_program(const decay_stage& decay, int trace_frac) {
    microprogram m;
    m.decay = decay;
    m.target = source::decayed_trace;
    m.sum_frac = trace_frac;
    m.result_to = result_field::value;
    m.other = source::zero;
    return m;
}

microprogram clipped_update(const decay_stage& decay, int weight_frac, term t) {
    microprogram m;
    m.decay = decay;
    m.target = source::weight;
    m.sum_frac = weight_frac;
    m.terms.push_back(std::move(t));
    m.finish.kind = finish_kind::clip_weight;
    m.result_to = result_field::weight;
    m.other = source::decayed_trace;
    return m;
}

microprogram bump_program(const std::optional<decay_stage>& decay, const fp::format& trace_format,
                          fp::overflow_mode trace_overflow) {
    microprogram m;
    m.sum_frac = trace_format.frac_bits();
    m.terms.push_back(term{false, 1, 0, {}});  // the impulse, 1.0
    m.result_to = result_field::value;
    m.other = source::zero;
    if (!decay) return m;
    m.decay = *decay;
    m.target = source::decayed_trace;
    m.finish = {finish_kind::fit, trace_format, trace_overflow, true};
    return m;
}

}  // namespace plasticore::fixed::learning_engine
