#pragma once
// The verilated learning engine (rtl/learning_engine.sv) behind a small C++ interface: the
// microcode encoder (an engine_program's microprograms as the package's microprogram words,
// field positions from the generated learning_engine_pkg.hpp), loading of microcode, decay
// tables, bounds and seed, and cycle-level drive/settle/tick for the differential testbench.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <verilated.h>

#include "fixed/learning_engine/microcode.hpp"
#include "learning_engine_pkg.hpp"

namespace plasticore::rtl {

namespace engine_detail {
inline std::uint64_t mask(int width) { return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }
// port = v for a verilated port of any integer type (CData, SData, IData, QData, bool).
template <class T>
inline void set(T& port, std::uint64_t v) {
    port = static_cast<T>(v);
}
// port = the bits of `words`, LSB first, for a port of any integer type or a VlWide (a port
// wider than 64 bits, e.g. the table lengths of eight decay tables).
template <class T>
inline void set_words(T& port, const std::vector<std::uint32_t>& words) {
    if constexpr (std::is_integral_v<T>) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < words.size() && i < 2; ++i) v |= std::uint64_t{words[i]} << (32 * i);
        port = static_cast<T>(v);
    }
    else {
        for (std::size_t i = 0; i < words.size(); ++i) port[i] = words[i];
    }
}
inline std::int64_t sign_extend(std::uint64_t u, int width) {
    const std::uint64_t sign = std::uint64_t{1} << (width - 1);
    return static_cast<std::int64_t>(((u & mask(width)) ^ sign) - sign);
}
}  // namespace engine_detail

// One microprogram word (or any configuration word of fields), uc_width bits in 32-bit words,
// LSB first.
class microprogram_word {
public:
    explicit microprogram_word(int uc_width): words_(static_cast<std::size_t>((uc_width + 31) / 32), 0u) {}
    // Writes the low `width` bits of v at bit `lsb`; throws if v does not fit them (as a signed
    // number when `is_signed`).
    void put(int lsb, int width, std::int64_t v, bool is_signed, const char* field) {
        const std::int64_t lo = is_signed ? -(std::int64_t{1} << (width - 1)) : 0;
        const std::int64_t hi = is_signed ? (std::int64_t{1} << (width - 1)) - 1 : (std::int64_t{1} << width) - 1;
        if (v < lo || v > hi)
            throw std::invalid_argument(std::string("learning engine microcode: ") + field + " = " + std::to_string(v) +
                                        " does not fit its " + std::to_string(width) + "-bit field");
        const std::uint64_t u = static_cast<std::uint64_t>(v) & engine_detail::mask(width);
        for (int b = 0; b < width; ++b)
            if ((u >> b) & 1u) words_[static_cast<std::size_t>((lsb + b) / 32)] |= 1u << ((lsb + b) % 32);
    }
    const std::vector<std::uint32_t>& words() const { return words_; }

private:
    std::vector<std::uint32_t> words_;
};

// The encoding of one microprogram in package variant P (engine_as_built or engine_minimal:
// rtl/learning_engine_pkg.sv's field layout as built or as engine_variant.sh writes it).
template <class P = engine_as_built>
microprogram_word encode(const fixed::learning_engine::microprogram& m) {
    using pkg = P;
    namespace le = fixed::learning_engine;
    using fixed_point::overflow_mode;
    using le::source;
    // The source codes are the package's (the encoder writes the enum's value).
    static_assert(static_cast<int>(source::zero) == pkg::SrcZero && static_cast<int>(source::decayed_trace) == pkg::SrcDecayed &&
                  static_cast<int>(source::trace) == pkg::SrcTrace && static_cast<int>(source::weight) == pkg::SrcWeight &&
                  static_cast<int>(source::w_max_minus_w) == pkg::SrcWMaxMinusW &&
                  static_cast<int>(source::w_minus_w_min) == pkg::SrcWMinusWMin &&
                  static_cast<int>(source::operand) == pkg::SrcOperand &&
                  static_cast<int>(source::decayed_minus_offset) == pkg::SrcXMinusOffset &&
                  static_cast<int>(source::operand_minus_trace) == pkg::SrcOperandMinusTrace &&
                  static_cast<int>(source::trace_minus_decayed) == pkg::SrcTraceMinusDecayed &&
                  le::source_count <= (std::size_t{1} << pkg::SourceWidth),
                  "learning_engine_pkg.sv's source codes differ from microcode.hpp's");
    microprogram_word w(pkg::UcWidth);
    auto fmt = [&](int lsb, const fixed_point::format& f, const char* field) {
        if (f.width() >= pkg::DataWidth)
            throw std::invalid_argument(std::string("learning engine microcode: ") + field + " format " + f.to_string() +
                                        " is not narrower than DataWidth " + std::to_string(pkg::DataWidth));
        w.put(lsb, pkg::FmtBitsWidth, f.width(), false, field);
        w.put(lsb + pkg::FmtBitsWidth, 1, f.is_signed() ? 1 : 0, false, field);
    };
    const int d = pkg::UcDecayLsb;
    if (m.decay.enabled) {
        w.put(d + pkg::DecayEnLsb, 1, 1, false, "decay enable");
        w.put(d + pkg::DecayTableLsb, pkg::TableWidth, m.decay.table, false, "decay table");
        w.put(d + pkg::DecayShiftLsb, pkg::ShiftWidth, m.decay.shift, true, "decay shift");
        fmt(d + pkg::DecayFmtLsb, m.decay.out, "decay");
        w.put(d + pkg::DecayWrapLsb, 1, m.decay.overflow == overflow_mode::wrap ? 1 : 0, false, "decay wrap");
        w.put(d + pkg::DecayRoundLsb, pkg::RoundWidth, static_cast<int>(m.decay.round), false, "decay rounding");
        w.put(d + pkg::DecayFlagsLsb, 1, m.decay.flags ? 1 : 0, false, "decay flags");
    }
    w.put(pkg::UcTargetLsb, pkg::SourceWidth, static_cast<int>(m.target), false, "target");
    w.put(pkg::UcOtherLsb, pkg::SourceWidth, static_cast<int>(m.other), false, "other");
    w.put(pkg::UcResultLsb, 1, m.result_to == le::result_field::value ? pkg::ResultValue : pkg::ResultWeight, false,
          "result field");
    const int finish = m.finish.kind == le::finish_kind::keep  ? pkg::FinishKeep
                     : m.finish.kind == le::finish_kind::fit   ? pkg::FinishFit
                                                               : pkg::FinishClip;
    w.put(pkg::UcFinishLsb, pkg::FinishWidth, finish, false, "finish");
    w.put(pkg::UcOffsetLsb, pkg::OffsetWidth, m.offset, true, "offset");
    if (m.finish.kind == le::finish_kind::fit) {
        fmt(pkg::UcFinFmtLsb, m.finish.out, "finish");
        w.put(pkg::UcFinWrapLsb, 1, m.finish.overflow == overflow_mode::wrap ? 1 : 0, false, "finish wrap");
        w.put(pkg::UcFinFlagsLsb, 1, m.finish.flags ? 1 : 0, false, "finish flags");
    }
    if (m.terms.size() > static_cast<std::size_t>(pkg::NumTerms))
        throw std::invalid_argument("learning engine microcode: " + std::to_string(m.terms.size()) +
                                    " terms, the RTL has NumTerms = " + std::to_string(pkg::NumTerms));
    for (std::size_t t = 0; t < m.terms.size(); ++t) {
        const le::term& tm = m.terms[t];
        const int base = pkg::UcTermsLsb + static_cast<int>(t) * pkg::TermWidth;
        w.put(base + pkg::TermEnLsb, 1, 1, false, "term enable");
        w.put(base + pkg::TermSubLsb, 1, tm.subtract ? 1 : 0, false, "term subtract");
        w.put(base + pkg::TermMantLsb, pkg::MantWidth, tm.mantissa, true, "term mantissa");
        w.put(base + pkg::TermAlignLsb, pkg::ShiftWidth, tm.steps.empty() ? tm.exponent + m.sum_frac : 0, true,
              "term align");
        if (tm.steps.size() > static_cast<std::size_t>(pkg::NumSteps))
            throw std::invalid_argument("learning engine microcode: " + std::to_string(tm.steps.size()) +
                                        " products in a term, the RTL has NumSteps = " + std::to_string(pkg::NumSteps));
        for (std::size_t s = 0; s < tm.steps.size(); ++s) {
            const le::product_step& st = tm.steps[s];
            const int sb = base + pkg::TermStepsLsb + static_cast<int>(s) * pkg::StepWidth;
            w.put(sb + pkg::StepEnLsb, 1, 1, false, "step enable");
            w.put(sb + pkg::StepFactorLsb, pkg::SourceWidth, static_cast<int>(st.factor), false, "step factor");
            w.put(sb + pkg::StepShiftLsb, pkg::ShiftWidth, st.shift, true, "step shift");
            fmt(sb + pkg::StepFmtLsb, st.out, "step");
            w.put(sb + pkg::StepWrapLsb, 1, st.overflow == overflow_mode::wrap ? 1 : 0, false, "step wrap");
            w.put(sb + pkg::StepRoundLsb, pkg::RoundWidth, static_cast<int>(st.round), false, "step rounding");
            w.put(sb + pkg::StepFlagsLsb, 1, st.flags ? 1 : 0, false, "step flags");
        }
    }
    return w;
}

// Why package variant P cannot hold program p ("" if it can): more decay tables, terms or
// products per term than it has, a decay-table entry wider than its LutWidth, a microprogram
// per table beyond its table select, or a field its encoding cannot hold (a format as wide as
// its DataWidth, a mantissa beyond MantWidth).
template <class P>
std::string does_not_fit(const fixed::learning_engine::engine_program& p) {
    using fixed::learning_engine::engine_program;
    if (p.tables.size() > static_cast<std::size_t>(P::NumTables))
        return std::to_string(p.tables.size()) + " decay tables, the " + P::name + " engine has " +
               std::to_string(P::NumTables);
    for (std::size_t k = 0; k < p.tables.size(); ++k)
        for (const std::int64_t e : p.tables[k].entries)
            if (e < 0 || static_cast<std::uint64_t>(e) > engine_detail::mask(P::LutWidth))
                return "decay table " + std::to_string(k) + "'s entry " + std::to_string(e) + ", the " + P::name +
                       " engine's entries have " + std::to_string(P::LutWidth) + " bits (LutWidth)";
    for (std::size_t slot = 0; slot < p.slots.size(); ++slot) {
        if (!p.slots[slot]) continue;
        if (engine_program::table_of_slot(slot) >= (std::size_t{1} << P::TableSelWidth))
            return "a microprogram for table " + std::to_string(engine_program::table_of_slot(slot)) + ", the " +
                   P::name + " engine selects " + std::to_string(1 << P::TableSelWidth);
        const auto& m = *p.slots[slot];
        if (m.terms.size() > static_cast<std::size_t>(P::NumTerms))
            return std::to_string(m.terms.size()) + " terms, the " + P::name + " engine has " + std::to_string(P::NumTerms);
        for (const auto& t : m.terms)
            if (t.steps.size() > static_cast<std::size_t>(P::NumSteps))
                return std::to_string(t.steps.size()) + " products in a term, the " + P::name + " engine has " +
                       std::to_string(P::NumSteps);
        try {
            encode<P>(m);
        }
        catch (const std::invalid_argument& e) {
            return std::string("its microcode to fit the ") + P::name + " engine's fields (" + e.what() + ")";
        }
    }
    return "";
}

struct engine_response {
    std::uint32_t op;
    std::int64_t weight, value;  // sign-extended from DataWidth
    std::uint32_t flags;
    std::uint32_t tag;
    std::vector<std::int64_t> terms;  // every term's value (NumTerms)
};

// V: the verilated engine; P: the package variant it was verilated with.
template <class V, class P = engine_as_built>
class rtl_learning_engine {
public:
    // lut_depth: the verilated LutDepth (LutWidth is the package's).
    explicit rtl_learning_engine(int lut_depth):
        lut_depth_(lut_depth), context_(std::make_unique<VerilatedContext>()),
        top_(std::make_unique<V>(context_.get())) {
        while ((1 << lut_index_width_) < lut_depth_) ++lut_index_width_;
        top_->clk_i = 0;
        top_->rst_ni = 0;
        top_->req_valid_i = 0;
        top_->resp_ready_i = 1;
        top_->seed_we_i = 0;
        top_->lut_we_i = 0;
        top_->ucode_we_i = 0;
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
    }

    // Loads every microprogram, table, bound and the seed of `p`.
    void configure(const fixed::learning_engine::engine_program& p, std::uint32_t seed) {
        using pkg = P;
        V& t = *top_;
        using fixed::learning_engine::engine_program;
        for (std::size_t slot = 0; slot < p.slots.size(); ++slot) {
            if (!p.slots[slot]) continue;
            // The microcode memory's address is {table, op}.
            const std::size_t table = engine_program::table_of_slot(slot);
            if (table >= (std::size_t{1} << pkg::TableSelWidth))
                throw std::invalid_argument("the RTL learning engine cannot run " + p.rule + ": operation " +
                                            fixed::learning_engine::slot_name(slot) + " needs table select " +
                                            std::to_string(table) + ", the RTL has TableSelWidth = " +
                                            std::to_string(pkg::TableSelWidth));
            const microprogram_word w = encode<P>(*p.slots[slot]);
            t.ucode_we_i = 1;
            engine_detail::set(t.ucode_addr_i,
                               (table << pkg::OpWidth) | static_cast<std::size_t>(engine_program::op_of_slot(slot)));
            for (std::size_t i = 0; i < w.words().size(); ++i) t.ucode_wdata_i[i] = w.words()[i];
            tick();
        }
        t.ucode_we_i = 0;
        if (p.tables.size() > static_cast<std::size_t>(pkg::NumTables))
            throw std::invalid_argument("rtl_learning_engine: more decay tables than NumTables");
        const int len_width = lut_index_width_ + 1;
        microprogram_word shifts(pkg::NumTables * 6), lens(pkg::NumTables * len_width);
        for (std::size_t k = 0; k < p.tables.size(); ++k) {
            const auto& table = p.tables[k];
            if (static_cast<int>(table.entries.size()) > lut_depth_)
                throw std::invalid_argument("rtl_learning_engine: decay table longer than LutDepth");
            t.lut_we_i = 1;
            engine_detail::set(t.lut_sel_i, k);
            for (std::size_t i = 0; i < table.entries.size(); ++i) {
                if (table.entries[i] < 0 || static_cast<std::uint64_t>(table.entries[i]) > engine_detail::mask(pkg::LutWidth))
                    throw std::invalid_argument("rtl_learning_engine: a decay table entry does not fit LutWidth");
                engine_detail::set(t.lut_addr_i, i);
                engine_detail::set(t.lut_wdata_i, static_cast<std::uint64_t>(table.entries[i]));
                tick();
            }
            t.lut_we_i = 0;
            shifts.put(6 * static_cast<int>(k), 6, table.index_shift, false, "decay table index shift");
            lens.put(len_width * static_cast<int>(k), len_width, static_cast<std::int64_t>(table.entries.size()), false,
                     "decay table length");
        }
        engine_detail::set_words(t.cfg_lut_shift_i, shifts.words());
        engine_detail::set_words(t.cfg_lut_len_i, lens.words());
        engine_detail::set(t.cfg_w_min_i, static_cast<std::uint64_t>(p.w_min) & engine_detail::mask(pkg::DataWidth));
        engine_detail::set(t.cfg_w_max_i, static_cast<std::uint64_t>(p.w_max) & engine_detail::mask(pkg::DataWidth));
        t.seed_we_i = 1;
        t.seed_i = seed;
        tick();
        t.seed_we_i = 0;
        t.eval();
    }

    void drive(bool valid, const fixed::synapse_request& r, std::uint32_t tag, bool resp_ready) {
        using pkg = P;
        V& t = *top_;
        const std::uint64_t m = engine_detail::mask(pkg::DataWidth);
        t.req_valid_i = valid;
        engine_detail::set(t.req_op_i, static_cast<std::uint64_t>(r.op));
        engine_detail::set(t.req_table_i, r.table);
        engine_detail::set(t.req_weight_i, static_cast<std::uint64_t>(r.weight) & m);
        engine_detail::set(t.req_trace_i, static_cast<std::uint64_t>(r.trace) & m);
        engine_detail::set(t.req_operand_i, static_cast<std::uint64_t>(r.operand) & m);
        engine_detail::set(t.req_delta_i, static_cast<std::uint64_t>(r.delta));
        engine_detail::set(t.req_tag_i, tag);
        t.resp_ready_i = resp_ready;
    }
    void settle() { top_->eval(); }
    bool req_ready() const { return top_->req_ready_o; }
    bool resp_valid() const { return top_->resp_valid_o; }
    engine_response response() const {
        using pkg = P;
        const V& t = *top_;
        engine_response r{t.resp_op_o,
                          engine_detail::sign_extend(t.resp_weight_o, pkg::DataWidth),
                          engine_detail::sign_extend(t.resp_value_o, pkg::DataWidth),
                          t.resp_flags_o,
                          t.resp_tag_o,
                          {}};
        for (int k = 0; k < pkg::NumTerms; ++k) r.terms.push_back(term(k));
        return r;
    }
    std::uint32_t generator_state() const { return top_->rng_state_o; }
    void tick() {
        top_->clk_i = 1;
        top_->eval();
        top_->clk_i = 0;
        top_->eval();
        ++cycles_;
    }
    std::uint64_t cycles() const { return cycles_; }

private:
    // Term k of resp_terms_o (a 64-bit port when NumTerms * DataWidth <= 64, else a VlWide).
    std::int64_t term(int k) const {
        using pkg = P;
        std::uint64_t u = 0;
        for (int b = 0; b < pkg::DataWidth; ++b) u |= static_cast<std::uint64_t>(bit(k * pkg::DataWidth + b)) << b;
        return engine_detail::sign_extend(u, pkg::DataWidth);
    }
    unsigned bit(int i) const {
        const auto& port = top_->resp_terms_o;
        if constexpr (std::is_integral_v<std::decay_t<decltype(port)>>) {
            return static_cast<unsigned>((static_cast<std::uint64_t>(port) >> i) & 1u);
        }
        else {
            return (port[static_cast<std::size_t>(i / 32)] >> (i % 32)) & 1u;
        }
    }

    int lut_depth_, lut_index_width_ = 0;
    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<V> top_;
    std::uint64_t cycles_ = 0;
};

}  // namespace plasticore::rtl
