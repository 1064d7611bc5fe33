#include "fixed/learning_engine/engine_model.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include "fixed_point/int128.hpp"
#include "fixed_point/requantize.hpp"

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

engine_model::engine_model(engine_program program, std::uint32_t seed): program_(std::move(program)), rng_(seed) {
    validate(program_);
}

std::int64_t engine_model::read(source s, const synapse_request& r, std::int64_t decayed, std::int64_t offset) const {
    switch (s) {
    case source::zero: return 0;
    case source::decayed_trace: return decayed;
    case source::trace: return r.trace;
    case source::weight: return r.weight;
    case source::w_max_minus_w: return program_.w_max - r.weight;
    case source::w_minus_w_min: return r.weight - program_.w_min;
    case source::operand: return r.operand;
    case source::decayed_minus_offset: return decayed - offset;
    case source::operand_minus_trace: return r.operand - r.trace;
    case source::trace_minus_decayed: return r.trace - decayed;
    }
    return 0;
}

std::uint32_t engine_model::draw(step_rounding round) {
    if (round != step_rounding::stochastic) return 0;
    ++counters_.draws;
    return rng_.next();
}

namespace {
// The rounding mode requantize() applies; an exact step never discards bits (validate()).
fp::rounding mode_of(step_rounding r) {
    return r == step_rounding::exact ? fp::rounding::floor : static_cast<fp::rounding>(static_cast<std::uint8_t>(r));
}
}  // namespace

synapse_response engine_model::execute(const synapse_request& r, evaluation* detail) {
    const std::optional<microprogram>& slot = program_.op(r.op, r.table);
    if (!slot)
        throw std::logic_error("learning engine program " + program_.rule + " has no microprogram for operation '" +
                               std::string(op_name(r.op)) + "'" +
                               (r.table != 0 ? " with table " + std::to_string(r.table) : std::string()));
    if (r.delta < 0)
        throw std::invalid_argument("learning engine: request delta must be >= 0 (got " + std::to_string(r.delta) + ")");
    const microprogram& m = *slot;
    ++counters_.transactions;
    bool saturated = false;
    // Charges an overflow to the counters; flags it if the stage says so.
    auto charge = [&](const fp::overflow_counter& c, bool flags) {
        if (c.total() == 0) return;
        counters_.overflows += c;
        saturated = saturated || flags;
    };

    // Decay stage: trace * table[delta >> s], rounded into the trace format; 0 beyond the table.
    std::int64_t decayed = 0;
    if (m.decay.enabled) {
        const decay_table_image& table = program_.tables[m.decay.table];
        const std::int64_t index = r.delta >> table.index_shift;
        if (index < static_cast<std::int64_t>(table.entries.size())) {
            const std::uint32_t rnd = draw(m.decay.round);
            fp::overflow_counter c;
            decayed = fp::detail::requantize<fp::int128>(
                fp::int128{r.trace} * table.entries[static_cast<std::size_t>(index)], m.decay.shift, m.decay.out,
                mode_of(m.decay.round), m.decay.overflow, rnd, c);
            charge(c, m.decay.flags);
        }
    }

    // Terms: scale * factor * factor ..., each product rounded into its step's format.
    if (detail != nullptr) {
        detail->decayed = decayed;
        detail->terms.clear();
    }
    fp::int128 sum = read(m.target, r, decayed, m.offset);
    for (const term& t : m.terms) {
        fp::int128 value;
        if (t.steps.empty()) {
            value = fp::int128{t.mantissa} * (fp::int128{1} << (t.exponent + m.sum_frac));  // exact (validate())
        }
        else {
            std::int64_t acc = t.mantissa;
            for (const product_step& s : t.steps) {
                const std::uint32_t rnd = draw(s.round);
                fp::overflow_counter c;
                acc = fp::detail::requantize<fp::int128>(fp::int128{acc} * read(s.factor, r, decayed, m.offset), s.shift, s.out,
                                                         mode_of(s.round), s.overflow, rnd, c);
                charge(c, s.flags);
            }
            value = acc;
        }
        if (detail != nullptr) detail->terms.push_back(static_cast<std::int64_t>(value));
        sum = t.subtract ? sum - value : sum + value;
    }

    // Finish.
    std::int64_t result = 0;
    std::uint8_t flags = 0;
    switch (m.finish.kind) {
    case finish_kind::keep:
        result = static_cast<std::int64_t>(sum);
        break;
    case finish_kind::fit: {
        fp::overflow_counter c;
        result = fp::detail::fit<fp::int128>(sum, m.finish.out, m.finish.overflow, c);
        charge(c, m.finish.flags);
        break;
    }
    case finish_kind::clip_weight:
        if (sum > program_.w_max) {
            result = program_.w_max;
            flags |= flag_clipped_max;
            ++counters_.weight_clip_max;
        }
        else if (sum < program_.w_min) {
            result = program_.w_min;
            flags |= flag_clipped_min;
            ++counters_.weight_clip_min;
        }
        else {
            result = static_cast<std::int64_t>(sum);
        }
        break;
    }
    if (saturated) flags |= flag_saturated;
    const std::int64_t other = read(m.other, r, decayed, m.offset);
    if (m.result_to == result_field::weight) return {result, other, flags};
    return {other, result, flags};
}

}  // namespace plasticore::fixed::learning_engine
