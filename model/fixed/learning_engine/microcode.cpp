#include "fixed/learning_engine/microcode.hpp"

#include <sstream>
#include <stdexcept>

namespace plasticore::fixed::learning_engine {

namespace fp = fixed_point;

std::string_view source_name(source s) {
    switch (s) {
    case source::zero: return "zero";
    case source::decayed_trace: return "decayed trace";
    case source::trace: return "trace";
    case source::weight: return "w";
    case source::w_max_minus_w: return "w_max - w";
    case source::w_minus_w_min: return "w - w_min";
    case source::operand: return "operand";
    case source::decayed_minus_offset: return "decayed trace - offset";
    case source::operand_minus_trace: return "operand - trace";
    case source::trace_minus_decayed: return "trace - decayed trace";
    }
    return "?";
}

step_rounding rounding_of(fp::rounding r) {
    return static_cast<step_rounding>(static_cast<std::uint8_t>(r));
}

std::string_view step_rounding_name(step_rounding r) {
    if (r == step_rounding::exact) return "exact";
    return fp::to_string(static_cast<fp::rounding>(static_cast<std::uint8_t>(r)));
}

int source_formats::frac_of(source s) const {
    switch (s) {
    case source::zero: return 0;
    case source::decayed_trace:
    case source::decayed_minus_offset:
    case source::operand_minus_trace:
    case source::trace_minus_decayed:
    case source::trace: return trace_frac;
    case source::weight:
    case source::w_max_minus_w:
    case source::w_minus_w_min: return weight_frac;
    case source::operand: return operand_frac;
    }
    return 0;
}

engine_capacity engine_capacity::full() {
    engine_capacity c;
    c.sources.fill(true);
    c.terms = 4;
    c.steps = 3;
    c.decay_tables = 8;
    return c;
}

engine_capacity engine_capacity::pair_only() {
    engine_capacity c;
    for (source s : {source::zero, source::decayed_trace, source::weight, source::w_max_minus_w, source::w_minus_w_min})
        c.sources[static_cast<std::size_t>(s)] = true;
    c.terms = 1;
    c.steps = 2;
    c.decay_tables = 2;
    return c;
}

const std::optional<microprogram>& engine_program::op(synapse_op o, std::size_t table) const {
    static const std::optional<microprogram> none;
    return table < table_variants ? slots[slot_of(o, table)] : none;
}

std::optional<microprogram>& engine_program::op(synapse_op o, std::size_t table) {
    if (table >= table_variants)
        throw std::out_of_range("learning engine program: table " + std::to_string(table) + " of operation " +
                                std::string(op_name(o)) + " (the engine has " + std::to_string(table_variants) +
                                " per operation)");
    return slots[slot_of(o, table)];
}

std::string slot_name(std::size_t slot) {
    std::string name(op_name(engine_program::op_of_slot(slot)));
    if (engine_program::table_of_slot(slot) != 0)
        name += " (table " + std::to_string(engine_program::table_of_slot(slot)) + ")";
    return name;
}

namespace {

std::string where(const engine_program& p, std::size_t slot) {
    return "learning engine program " + p.rule + ", operation " + slot_name(slot);
}

[[noreturn]] void invalid(const std::string& what) { throw std::invalid_argument(what); }

void validate_one(const engine_program& p, std::size_t slot, const microprogram& m) {
    const std::string at = where(p, slot);
    const source_formats& f = m.formats ? *m.formats : p.formats;
    if (m.decay.enabled) {
        if (m.decay.table >= p.tables.size())
            invalid(at + ": decay table " + std::to_string(m.decay.table) + " does not exist (" +
                    std::to_string(p.tables.size()) + " tables)");
        if (m.decay.shift < 0) invalid(at + ": decay shift " + std::to_string(m.decay.shift) + " < 0");
        if (m.decay.out.frac_bits() != f.trace_frac)
            invalid(at + ": decay output " + m.decay.out.to_string() + " is not in the trace's fraction bits (" +
                    std::to_string(f.trace_frac) + ")");
    }
    else if (m.target == source::decayed_trace || m.other == source::decayed_trace ||
             m.target == source::decayed_minus_offset || m.other == source::decayed_minus_offset ||
             m.target == source::trace_minus_decayed || m.other == source::trace_minus_decayed) {
        invalid(at + ": reads the decayed trace but its decay stage is off");
    }
    const auto reads = [&m](source s) {
        if (m.target == s || m.other == s) return true;
        for (const term& t : m.terms)
            for (const product_step& st : t.steps)
                if (st.factor == s) return true;
        return false;
    };
    if (reads(source::operand_minus_trace) && f.operand_frac != f.trace_frac)
        invalid(at + ": 'operand - trace' but the operand has " + std::to_string(f.operand_frac) +
                " fraction bits, the trace " + std::to_string(f.trace_frac));
    if (m.target != source::zero && f.frac_of(m.target) != m.sum_frac)
        invalid(at + ": target '" + std::string(source_name(m.target)) + "' has " +
                std::to_string(f.frac_of(m.target)) + " fraction bits, the sum " + std::to_string(m.sum_frac));
    for (std::size_t t = 0; t < m.terms.size(); ++t) {
        const term& tm = m.terms[t];
        const std::string at_term = at + ", term " + std::to_string(t);
        int acc_frac = -tm.exponent;
        for (std::size_t s = 0; s < tm.steps.size(); ++s) {
            const product_step& st = tm.steps[s];
            const std::string at_step = at_term + ", step " + std::to_string(s);
            if (st.factor == source::zero) invalid(at_step + ": factor 'zero'");
            if (!m.decay.enabled && (st.factor == source::decayed_trace || st.factor == source::decayed_minus_offset ||
                                     st.factor == source::trace_minus_decayed))
                invalid(at_step + ": factor 'decayed trace' but the decay stage is off");
            const int want = acc_frac + f.frac_of(st.factor) - st.out.frac_bits();
            if (st.shift != want)
                invalid(at_step + ": shift " + std::to_string(st.shift) + " but the formats discard " +
                        std::to_string(want) + " bits");
            if (st.round == step_rounding::exact && st.shift > 0)
                invalid(at_step + ": exact step discards " + std::to_string(st.shift) + " bits");
            acc_frac = st.out.frac_bits();
        }
        if (tm.steps.empty() && tm.exponent + m.sum_frac < 0)
            invalid(at_term + ": scale 2^" + std::to_string(tm.exponent) + " is finer than the sum's " +
                    std::to_string(m.sum_frac) + " fraction bits");
        if (!tm.steps.empty() && acc_frac != m.sum_frac)
            invalid(at_term + ": result has " + std::to_string(acc_frac) + " fraction bits, the sum " +
                    std::to_string(m.sum_frac));
    }
    if (m.finish.kind == finish_kind::fit && m.finish.out.frac_bits() != m.sum_frac)
        invalid(at + ": finish format " + m.finish.out.to_string() + " has not the sum's " +
                std::to_string(m.sum_frac) + " fraction bits");
    if (m.finish.kind == finish_kind::clip_weight && m.sum_frac != f.weight_frac)
        invalid(at + ": clipped to the weight bounds but the sum has " + std::to_string(m.sum_frac) +
                " fraction bits, the weight " + std::to_string(f.weight_frac));
}

}  // namespace

void validate(const engine_program& p) {
    for (std::size_t slot = 0; slot < p.slots.size(); ++slot)
        if (p.slots[slot]) validate_one(p, slot, *p.slots[slot]);
}

void check_capacity(const engine_program& p, const engine_capacity& cap) {
    if (p.tables.size() > cap.decay_tables)
        invalid("the learning engine cannot run " + p.rule + ": it needs " + std::to_string(p.tables.size()) +
                " decay tables, the engine has " + std::to_string(cap.decay_tables));
    for (std::size_t slot = 0; slot < p.slots.size(); ++slot) {
        if (!p.slots[slot]) continue;
        const microprogram& m = *p.slots[slot];
        const std::string at = "the learning engine cannot run " + p.rule + " " + slot_name(slot);
        auto need = [&](source s) {
            if (!cap.has(s)) invalid(at + ": missing factor '" + std::string(source_name(s)) + "'");
        };
        need(m.target);
        need(m.other);
        if (m.terms.size() > cap.terms)
            invalid(at + ": it needs " + std::to_string(m.terms.size()) + " terms, the engine has " +
                    std::to_string(cap.terms));
        for (const term& t : m.terms) {
            if (t.steps.size() > cap.steps)
                invalid(at + ": a term needs " + std::to_string(t.steps.size()) + " products, the engine has " +
                        std::to_string(cap.steps));
            for (const product_step& s : t.steps) need(s.factor);
        }
    }
}

std::string describe(const microprogram& m) {
    std::ostringstream o;
    if (m.decay.enabled)
        o << "x = trace * table" << int(m.decay.table) << "[delta >> s] >> " << m.decay.shift << " ("
          << step_rounding_name(m.decay.round) << ", " << m.decay.out.to_string() << "); ";
    o << (m.result_to == result_field::weight ? "weight" : "value") << " = " << source_name(m.target);
    for (const term& t : m.terms) {
        o << (t.subtract ? " - " : " + ") << "(" << t.mantissa << " * 2^" << t.exponent;
        for (const product_step& s : t.steps)
            o << " * " << source_name(s.factor) << " >> " << s.shift << " [" << step_rounding_name(s.round) << ", "
              << s.out.to_string() << "]";
        o << ")";
    }
    switch (m.finish.kind) {
    case finish_kind::keep: break;
    case finish_kind::fit: o << ", fitted into " << m.finish.out.to_string(); break;
    case finish_kind::clip_weight: o << ", clipped to [w_min, w_max]"; break;
    }
    o << "; " << (m.result_to == result_field::weight ? "value" : "weight") << " = " << source_name(m.other);
    return o.str();
}

}  // namespace plasticore::fixed::learning_engine
