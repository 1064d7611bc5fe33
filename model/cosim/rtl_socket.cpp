#include "cosim/rtl_socket.hpp"

#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>
#include <verilated.h>
#include <verilated_vcd_c.h>

#include "Vengine_altered.h"
#include "Vengine_minimal_reference.h"
#include "Vengine_minimal_spinnaker.h"
#include "Vengine_reference.h"
#include "Vengine_spinnaker.h"
#include "fixed/engine.hpp"
#include "fixed/learning_engine/compile.hpp"
#include "fixed/learning_engine/engine_model.hpp"
#include "fixed/weight_scale.hpp"
#include "rtl_learning_engine.hpp"
#include "rtl_stdp_unit.hpp"

namespace plasticore::cosim {

namespace {
// The engine's C++ unit of projection k, whose rule's parameters are Params.
template <class Params>
auto& unit_of(fixed::engine& e, std::size_t k) {
    using rule = plasticity::rule_of_t<Params>;
    return std::get<fixed::rule_kernel<rule>>(e.projection_mutable(k).kernel).unit();
}

// A unit's working weight bounds [weight format].
template <class Unit>
std::pair<std::int64_t, std::int64_t> working_bounds(const Unit& u) {
    return {u.weights().w_min(), u.weights().w_max()};
}
std::pair<std::int64_t, std::int64_t> working_bounds(const fixed::stdp_pair_unit& u) {
    return {u.w_min_working(), u.w_max_working()};
}

// The engine's C++ unit of a projection, whichever rule: its generator and its execute().
struct cpp_unit {
    fixed_point::xorshift32* generator = nullptr;
    std::function<fixed::synapse_response(const fixed::synapse_request&)> execute;
};
}  // namespace

namespace detail {
double core_time_seconds();  // core_time.cpp
}  // namespace detail

namespace {

bool fits(const rtl::rtl_widths& w, const fixed::hardware_config& h) {
    return h.weight_bits == w.weight_bits && h.weight_guard_bits == w.guard_bits && h.trace_format.is_signed() &&
           h.trace_format.int_bits() == w.trace_int && h.trace_format.frac_bits() == w.trace_frac &&
           h.lut_size <= w.lut_depth && h.trace_decay == fixed::trace_decay_kind::lut;
}

// Requests in flight in a unit, as its protocol issues and answers them: accepted minus
// answered, the maximum, and the cycles each spent between acceptance and response
// (summary.json core.rtl, docs/rtl.md "Co-simulation").
struct occupancy {
    std::uint64_t in_flight = 0, max_in_flight = 0;
    std::uint64_t resident_cycles = 0;  // sum over answered requests [cycles]
    std::uint64_t serving_cycles = 0;   // cycles simulated while serving requests (not configuration)
    void accepted() {
        ++in_flight;
        if (in_flight > max_in_flight) max_in_flight = in_flight;
    }
    void answered(std::uint64_t cycles) {
        --in_flight;
        resident_cycles += cycles;
    }
};

// One verilated unit behind a width-independent interface.
class unit_base {
public:
    virtual ~unit_base() = default;
    const occupancy& occupied() const { return occ_; }
    virtual fixed::synapse_response execute(const fixed::synapse_request& r) = 0;
    virtual std::uint32_t state() const = 0;
    virtual std::uint64_t cycles() const = 0;
    virtual void open_vcd(const std::string& path) = 0;
    // The rule as the unit runs it ("stdp_pair (additive, all_to_all)").
    virtual const std::string& rule() const = 0;
    // Engine only: the package variant it was verilated with ("as-built", "minimal"); else "".
    virtual std::string variant() const { return ""; }
    // Engine only: on a mismatch, the first term whose value differs between the C++ engine
    // model run on `r` from generator state `before` and the last RTL response; else "".
    virtual std::string term_report(const fixed::synapse_request& r, std::uint32_t before) = 0;

protected:
    occupancy occ_;
};

// The RTL's host constants must be the engine's C++ unit's (both derive them from the same
// parameters through the unit's set-up); a difference is a bug, not an input error.
void check_host(const std::string& projection, std::int64_t w_min, std::int64_t w_max, std::int64_t cpp_w_min,
                std::int64_t cpp_w_max) {
    if (w_min != cpp_w_min || w_max != cpp_w_max)
        throw std::logic_error("core-rtl: projection '" + projection +
                               "': the RTL unit's host constants differ from the engine's unit");
}

std::string pair_rule_name(const stdp_pair_params& p) {
    return std::string("stdp_pair (") +
           (p.dependence == stdp_pair_params::dependence_kind::multiplicative ? "multiplicative" : "additive") + ", " +
           (p.pairing == stdp_pair_params::pairing_kind::nearest ? "nearest" : "all_to_all") + ")";
}

template <class V>
class unit_impl final : public unit_base {
public:
    unit_impl(const stdp_pair_params& p, const fixed::weight_scale& s, double dt, const fixed::hardware_config& h,
              std::uint32_t seed, const rtl::rtl_widths& w):
        u_(p, s, dt, h, seed, w), rule_(pair_rule_name(p)) {}
    ~unit_impl() override {
        if (vcd_) vcd_->close();
    }

    // One transaction, back to back with the previous one: the request is accepted at the
    // edge that also takes the previous response (resp_ready high, so req_ready is high), and
    // the response is read once valid, 5 edges later, without a cycle of its own. The inputs
    // are settled by the accepting edge's eval (Verilator evaluates input-driven logic first).
    fixed::synapse_response execute(const fixed::synapse_request& r) override {
        const auto code = static_cast<std::uint8_t>(r.op);
        if (code > static_cast<std::uint8_t>(rtl::rtl_op::bump_post))
            throw std::invalid_argument("core-rtl: operation '" + std::string(fixed::op_name(r.op)) +
                                        "' is not in the pair-STDP RTL unit");
        if (r.delta < 0 || r.delta > 0xFFFFFFFFll) throw std::out_of_range("rtl_stdp_unit: delta outside 32 bits");
        const auto op = static_cast<rtl::rtl_op>(code);
        const std::uint64_t issued_at = cycles_;
        u_.drive(true, op, r.weight, r.trace, r.delta, 0, true);
        tick();
        occ_.accepted();
        u_.model().req_valid_i = 0;
        for (int i = 0; i < rtl::rtl_latency && !u_.resp_valid(); ++i) tick();
        if (!u_.resp_valid()) throw std::logic_error("rtl_stdp_unit: no response after the latency");
        occ_.answered(cycles_ - issued_at);
        occ_.serving_cycles += cycles_ - issued_at;  // one request at a time: all of its cycles
        const rtl::rtl_response x = u_.response();
        switch (op) {
        case rtl::rtl_op::potentiate:
        case rtl::rtl_op::depress: return {x.weight, x.trace, static_cast<std::uint8_t>(x.flags)};
        case rtl::rtl_op::write_back: return {x.weight, 0, 0};
        default: return {0, x.trace, static_cast<std::uint8_t>(x.flags)};
        }
    }
    std::uint32_t state() const override { return u_.generator_state(); }
    std::uint64_t cycles() const override { return cycles_; }
    void open_vcd(const std::string& path) override {
        V& m = u_.model();
        m.contextp()->traceEverOn(true);
        vcd_ = std::make_unique<VerilatedVcdC>();
        m.trace(vcd_.get(), 99);
        vcd_->open(path.c_str());
        if (!vcd_->isOpen()) throw std::runtime_error("cannot write the RTL VCD " + path);
        vcd_->dump(0);
    }
    const fixed::stdp_pair_unit& host() const { return u_.host(); }
    const std::string& rule() const override { return rule_; }
    std::string term_report(const fixed::synapse_request&, std::uint32_t) override { return ""; }

private:
    // One cycle; in the VCD 10 time units: rising edge at 10c, falling edge at 10c + 5.
    void tick() {
        V& m = u_.model();
        ++cycles_;
        m.clk_i = 1;
        m.eval();
        if (vcd_) vcd_->dump(10 * cycles_);
        m.clk_i = 0;
        m.eval();
        if (vcd_) vcd_->dump(10 * cycles_ + 5);
    }

    rtl::rtl_stdp_unit<V> u_;
    std::string rule_;
    std::unique_ptr<VerilatedVcdC> vcd_;
    std::uint64_t cycles_ = 0;  // since set-up
};

// The learning engine running the projection's microcode (learning_engine/compile.hpp), with the same
// back-to-back protocol as unit_impl: the request is accepted at the edge that takes the
// previous response, the response is read once valid (NumSteps + 3 edges later).
// V: the verilated engine, P: its package variant.
template <class V, class P>
class engine_impl final : public unit_base {
public:
    engine_impl(fixed::learning_engine::engine_program program, std::uint32_t seed, const rtl::rtl_widths& w):
        program_(std::move(program)), e_(w.lut_depth) {
        e_.configure(program_, seed);
    }

    fixed::synapse_response execute(const fixed::synapse_request& r) override {
        if (!program_.op(r.op, r.table))
            throw std::invalid_argument("core-rtl: operation '" + std::string(fixed::op_name(r.op)) + "' (table " +
                                        std::to_string(r.table) + ") has no microprogram in the learning engine's " +
                                        program_.rule + " program");
        if (r.delta < 0 || r.delta > 0xFFFFFFFFll) throw std::out_of_range("rtl_learning_engine: delta outside 32 bits");
        const std::uint64_t issued_at = e_.cycles();
        e_.drive(true, r, 0, true);
        e_.tick();
        occ_.accepted();
        e_.drive(false, r, 0, true);
        for (int i = 0; i < latency && !e_.resp_valid(); ++i) e_.tick();
        if (!e_.resp_valid()) throw std::logic_error("rtl_learning_engine: no response after the latency");
        occ_.answered(e_.cycles() - issued_at);
        occ_.serving_cycles += e_.cycles() - issued_at;  // one request at a time: all of its cycles
        last_ = e_.response();
        return {last_.weight, last_.value, static_cast<std::uint8_t>(last_.flags)};
    }
    std::uint32_t state() const override { return e_.generator_state(); }
    std::uint64_t cycles() const override { return e_.cycles(); }
    void open_vcd(const std::string&) override {
        // Refused before any unit is built (rtl_plasticity_socket's constructor).
        throw std::logic_error("the learning engine is verilated without tracing");
    }
    const std::string& rule() const override { return program_.rule; }
    std::string variant() const override { return P::name; }
    std::string term_report(const fixed::synapse_request& r, std::uint32_t before) override {
        fixed::learning_engine::engine_model model(program_, before);
        fixed::learning_engine::evaluation ev;
        model.execute(r, &ev);
        for (std::size_t t = 0; t < last_.terms.size(); ++t) {
            const std::int64_t want = t < ev.terms.size() ? ev.terms[t] : 0;
            if (last_.terms[t] != want)
                return std::to_string(t) + " (C++ " + std::to_string(want) + ", RTL " + std::to_string(last_.terms[t]) + ")";
        }
        return "none (the terms agree: the decay stage, the finish or the generator)";
    }

private:
    static constexpr int latency = P::NumSteps + 3;
    fixed::learning_engine::engine_program program_;
    rtl::rtl_learning_engine<V, P> e_;
    rtl::engine_response last_{};
};

// The configurations the engine is verilated in (rtl/CMakeLists.txt, plasticore_rtl_engine).
bool engine_verilated(const std::string& name) { return name == "reference" || name == "spinnaker"; }

// The engine for a projection's program: the minimal variant (1 term, 2 tables; fewer cells and
// about 3x faster to simulate) when the program fits it, else the engine as built.
std::unique_ptr<unit_base> make_engine(const rtl::rtl_widths& w, fixed::learning_engine::engine_program program,
                                       std::uint32_t seed, bool altered) {
    using rtl::engine_as_built;
    using rtl::engine_minimal;
    const std::string n = w.name;
    if (altered) {
        if (n != "reference")
            throw std::invalid_argument("--rtl-engine-altered: the altered engine is verilated at the reference widths "
                                        "only, this run's are '" + n + "'");
        return std::make_unique<engine_impl<Vengine_altered, engine_as_built>>(std::move(program), seed, w);
    }
    const bool minimal = rtl::does_not_fit<engine_minimal>(program).empty();
    if (!minimal) {
        const std::string why = rtl::does_not_fit<engine_as_built>(program);
        if (!why.empty()) throw std::invalid_argument("the RTL learning engine cannot run " + program.rule + ": it needs " + why);
    }
    if (n == "reference") {
        if (minimal)
            return std::make_unique<engine_impl<Vengine_minimal_reference, engine_minimal>>(std::move(program), seed, w);
        return std::make_unique<engine_impl<Vengine_reference, engine_as_built>>(std::move(program), seed, w);
    }
    if (n == "spinnaker") {
        if (minimal)
            return std::make_unique<engine_impl<Vengine_minimal_spinnaker, engine_minimal>>(std::move(program), seed, w);
        return std::make_unique<engine_impl<Vengine_spinnaker, engine_as_built>>(std::move(program), seed, w);
    }
    throw std::logic_error("core-rtl: the learning engine is not verilated as '" + n + "'");
}

std::unique_ptr<unit_base> make_unit(const rtl::rtl_widths& w, const stdp_pair_params& p, const fixed::weight_scale& s,
                                     double dt, const fixed::hardware_config& h, std::uint32_t seed,
                                     const std::string& projection, const fixed::stdp_pair_unit& cpp) {
    const std::string n = w.name;
    auto make = [&](auto unit) -> std::unique_ptr<unit_base> {
        check_host(projection, unit->host().w_min_working(), unit->host().w_max_working(), cpp.w_min_working(),
                   cpp.w_max_working());
        if (unit->host().amp_plus() != cpp.amp_plus() || unit->host().amp_minus() != cpp.amp_minus())
            throw std::logic_error("core-rtl: projection '" + projection +
                                   "': the RTL unit's amplitudes differ from the engine's unit");
        return unit;
    };
#define PLASTICORE_MAKE_UNIT(name, wb, g, ti, tf, depth) \
    if (n == #name) return make(std::make_unique<unit_impl<Vstdp_##name>>(p, s, dt, h, seed, w));
    PLASTICORE_RTL_CONFIGURATIONS(PLASTICORE_MAKE_UNIT)
#undef PLASTICORE_MAKE_UNIT
    throw std::logic_error("core-rtl: no verilated model called '" + n + "'");
}

}  // namespace

rtl_unit_kind parse_rtl_unit(const std::string& name) {
    if (name == "engine") return rtl_unit_kind::engine;
    if (name == "pair") return rtl_unit_kind::pair;
    throw std::invalid_argument("--rtl-unit: '" + name + "' is not engine or pair");
}

const char* rtl_unit_name(rtl_unit_kind k) { return k == rtl_unit_kind::engine ? "engine" : "pair"; }

std::string rtl_configuration_for(const experiment& ex, rtl_unit_kind unit) {
    // The pair unit runs pair STDP only, refused up front for any other rule, naming it. The
    // engine has a compiler for every rule (learning_engine/compile.hpp); what it cannot hold
    // (widths, the decay kind) its compiler refuses at set-up, naming the missing factor.
    const bool engine = unit == rtl_unit_kind::engine;
    for (const auto& pr: ex.projections) {
        if (engine || !plasticity::is_plastic(pr.plasticity) || std::holds_alternative<stdp_pair_params>(pr.plasticity))
            continue;
        throw std::invalid_argument("projection '" + pr.name + "' uses plasticity rule '" +
                                    std::string(plasticity::rule_name(pr.plasticity)) +
                                    "': the RTL unit (rtl/stdp_update_unit.sv) implements stdp_pair only; run this "
                                    "experiment with --rtl-unit engine, or --model core (or fixed)");
    }
    const fixed::hardware_config& h = ex.hardware;
    if (engine) {
        // The engine's datapath is not sized by the widths (formats are microcode; what does not
        // fit its values is refused by the compiler or the variant check): only its decay-table
        // memory is. The verilated engine with the fewest entries that hold lut_size.
        const rtl::rtl_widths* chosen = nullptr;
        std::string depths;
        for (const auto& w: rtl::verilated_configurations()) {
            if (!engine_verilated(w.name)) continue;
            depths += std::string(depths.empty() ? "" : ", ") + w.name + " " + std::to_string(w.lut_depth);
            if (h.lut_size <= w.lut_depth && (chosen == nullptr || w.lut_depth < chosen->lut_depth)) chosen = &w;
        }
        if (chosen == nullptr)
            throw std::invalid_argument("hardware.lut_size = " + std::to_string(h.lut_size) +
                                        ": the RTL learning engine is verilated with decay tables of at most " +
                                        "that many entries (" + depths + "); use a smaller lut_size");
        return chosen->name;
    }
    for (const auto& w: rtl::verilated_configurations())
        if (fits(w, h)) return w.name;
    std::ostringstream m;
    m << "no verilated RTL configuration implements these [hardware] widths: weights u" << h.weight_bits << " + "
      << h.weight_guard_bits << " guard bits, traces " << (h.trace_format.is_signed() ? "s" : "u")
      << h.trace_format.int_bits() << "." << h.trace_format.frac_bits() << ", lut_size " << h.lut_size
      << ", trace_decay " << (h.trace_decay == fixed::trace_decay_kind::lut ? "lut" : "multiply (not in the RTL)")
      << " (verilated:";
    for (const auto& w: rtl::verilated_configurations())
        m << " " << w.name << " = u" << w.weight_bits << " + " << w.guard_bits << ", s" << w.trace_int << "."
          << w.trace_frac << ", lut_size <= " << w.lut_depth << ";";
    m << " add a configuration to rtl/configurations.txt)";
    throw std::invalid_argument(m.str());
}

struct rtl_plasticity_socket::impl {
    const experiment& ex;
    const network& net;
    cosim_options o;
    const rtl::rtl_widths* widths = nullptr;
    fixed::engine* e = nullptr;
    std::vector<std::unique_ptr<unit_base>> units;  // by projection; null: static
    std::vector<cpp_unit> cpp_units;                // by projection: the engine's C++ units
    cosim_report rep;
    std::uint64_t clip_max = 0, clip_min = 0, saturated = 0;  // core-rtl: from the RTL flags
    std::uint64_t pre_trace_saturated = 0, post_trace_saturated = 0;
    std::uint64_t triplet_trace_saturated = 0;  // triplet STDP's decay and bump operations
    bool any_triplet = false;

    void count_flags(fixed::synapse_op op, std::uint8_t flags) {
        if (op == fixed::synapse_op::bump_pre) pre_trace_saturated += (flags & fixed::flag_saturated) ? 1 : 0;
        else if (op == fixed::synapse_op::bump_post) post_trace_saturated += (flags & fixed::flag_saturated) ? 1 : 0;
        else if (op == fixed::synapse_op::decay || op == fixed::synapse_op::bump)
            triplet_trace_saturated += (flags & fixed::flag_saturated) ? 1 : 0;
        else {
            if (flags & fixed::flag_clipped_max) ++clip_max;
            if (flags & fixed::flag_clipped_min) ++clip_min;
            if (flags & fixed::flag_saturated) ++saturated;
        }
    }
    double cycle_seconds = 0.0;
    std::uint64_t budget = 0;

    impl(const experiment& x, const network& n, cosim_options opt): ex(x), net(n), o(std::move(opt)) {
        if (o.unit != rtl_unit_kind::engine && o.engine_altered)
            throw std::invalid_argument("--rtl-engine-altered needs --rtl-unit engine");
        if (o.unit == rtl_unit_kind::engine && !o.vcd_path.empty())
            throw std::invalid_argument("--vcd: the learning engine is verilated without tracing (it would slow "
                                        "every run); trace the dedicated unit with --rtl-unit pair");
        rep.unit = o.unit;
        rep.configuration = rtl_configuration_for(ex, o.unit);
        for (const auto& w: rtl::verilated_configurations())
            if (rep.configuration == w.name) widths = &w;
        cycle_seconds = 1e-6 / ex.core.clock_mhz;
        budget = static_cast<std::uint64_t>(std::llround(ex.simulation.dt * ex.core.clock_mhz * 1000.0));
    }

    void note(std::size_t k, const fixed::synapse_request& r, const char* field, std::int64_t cpp,
              std::int64_t rtl, std::uint32_t before) {
        if (rep.first) return;
        mismatch m;
        m.transaction = rep.transactions;
        m.cycle = static_cast<std::uint64_t>(std::llround(detail::core_time_seconds() / cycle_seconds));
        // Real-time ticks start at n * budget cycles (later only after an overrun).
        if (ex.core.mode == core::tick_mode::realtime && budget > 0) m.tick = static_cast<std::int64_t>(m.cycle / budget);
        m.projection = k;
        m.projection_name = ex.projections[k].name;
        m.rule = units[k]->rule();
        m.term = units[k]->term_report(r, before);
        m.request = r;
        m.field = field;
        m.cpp = cpp;
        m.rtl = rtl;
        m.generator_before = before;
        rep.first = m;
    }
};

rtl_plasticity_socket::rtl_plasticity_socket(const experiment& ex, const network& net, cosim_options o):
    impl_(std::make_unique<impl>(ex, net, std::move(o))) {}

rtl_plasticity_socket::~rtl_plasticity_socket() = default;

void rtl_plasticity_socket::attach(fixed::engine& e) {
    impl& s = *impl_;
    s.e = &e;
    s.units.clear();
    s.units.resize(s.ex.projections.size());
    s.cpp_units.assign(s.ex.projections.size(), {});
    const fixed::hardware_config& h = s.ex.hardware;
    int traced = 0;
    for (std::size_t k = 0; k < s.ex.projections.size(); ++k) {
        const std::string& name = s.ex.projections[k].name;
        // The projection's weight scale, as fixed::engine chooses it.
        const fixed::weight_scale scale = e.projection(k).scale;
        const bool plastic = std::visit(
            [&](const auto& q) {
                using params = std::decay_t<decltype(q)>;
                if constexpr (std::is_same_v<params, static_synapse>) {
                    return false;
                }
                else {
                    auto& cpp = unit_of<params>(e, k);
                    s.cpp_units[k] = {&cpp.generator(), [&cpp](const fixed::synapse_request& r) { return cpp.execute(r); }};
                    // The RTL's generator starts from the C++ unit's seed (XORed by the checker
                    // test) and from then on runs by itself: every drawing operation is a
                    // socket transaction.
                    const std::uint32_t seed = cpp.generator().state() ^ s.o.rtl_seed_xor;
                    if constexpr (std::is_same_v<params, stdp_pair_params>) {
                        if (s.o.unit == rtl_unit_kind::pair) {
                            s.units[k] = make_unit(*s.widths, q, scale, s.ex.simulation.dt, h, seed, name, cpp);
                            return true;
                        }
                    }
                    // The projection's rule compiled to microcode, with the unit's host constants
                    // (compile() refuses what the engine cannot run, naming the missing factor).
                    fixed::learning_engine::engine_program program =
                        fixed::learning_engine::compile(q, scale, s.ex.simulation.dt, h);
                    const auto [w_min, w_max] = working_bounds(cpp);
                    check_host(name, program.w_min, program.w_max, w_min, w_max);
                    s.units[k] = make_engine(*s.widths, std::move(program), seed, s.o.engine_altered);
                    s.any_triplet = s.any_triplet || std::is_same_v<params, stdp_triplet_params>;
                    return true;
                }
            },
            s.ex.projections[k].plasticity);
        if (!plastic) continue;
        if (!s.o.vcd_path.empty()) {
            std::string path = s.o.vcd_path;
            if (traced > 0) {  // one file per plastic projection: FILE, FILE_<name>.vcd, ...
                std::string base = path;
                if (base.size() > 4 && base.substr(base.size() - 4) == ".vcd") base.resize(base.size() - 4);
                path = base + "_" + s.ex.projections[k].name + ".vcd";
            }
            s.units[k]->open_vcd(path);
            ++traced;
        }
    }
}

fixed::synapse_response rtl_plasticity_socket::transport(std::size_t k, const fixed::synapse_request& r) {
    impl& s = *impl_;
    unit_base& rtl = *s.units[k];
    cpp_unit& cpp = s.cpp_units[k];
    ++s.rep.transactions;
    const std::uint32_t before = cpp.generator->state();
    const fixed::synapse_response y = rtl.execute(r);
    if (!s.o.lockstep) {
        // The engine's C++ unit does not run, but its generator mirrors the RTL's, for the
        // weight snapshots it computes on scratch copies.
        cpp.generator->reseed(rtl.state());
        s.count_flags(r.op, y.flags);
        return y;
    }
    const fixed::synapse_response x = cpp.execute(r);
    const std::uint32_t after_cpp = cpp.generator->state(), after_rtl = rtl.state();
    // rate_update answers both fields: the weight and the presynaptic trace decayed to now.
    const bool both = r.op == fixed::synapse_op::rate_update;
    const bool weight_op = both || r.op == fixed::synapse_op::potentiate || r.op == fixed::synapse_op::depress ||
                           r.op == fixed::synapse_op::write_back || r.op == fixed::synapse_op::potentiate_gain ||
                           r.op == fixed::synapse_op::depress_gain || r.op == fixed::synapse_op::scale ||
                           r.op == fixed::synapse_op::integrate;
    const bool value_differs = (both || !weight_op) && x.value != y.value;
    if ((weight_op && x.weight != y.weight) || value_differs || x.flags != y.flags || after_cpp != after_rtl) {
        ++s.rep.mismatches;
        if (weight_op && x.weight != y.weight) s.note(k, r, "weight", x.weight, y.weight, before);
        else if (value_differs)
            s.note(k, r,
                   r.op == fixed::synapse_op::gain              ? "gain"
                   : r.op == fixed::synapse_op::rate_error      ? "rate error"
                   : r.op == fixed::synapse_op::eligibility_add ? "eligibility"
                   : r.op == fixed::synapse_op::modulate || r.op == fixed::synapse_op::modulator_at ? "modulator"
                                                                : "trace",
                   x.value, y.value, before);
        else if (x.flags != y.flags) s.note(k, r, "flags", x.flags, y.flags, before);
        else s.note(k, r, "generator", after_cpp, after_rtl, before);
    }
    return x;
}

cosim_report rtl_plasticity_socket::report() const {
    cosim_report r = impl_->rep;
    for (const auto& u: impl_->units) {
        if (!u) continue;
        r.rtl_cycles += u->cycles();
        const std::string v = u->variant();
        if (!v.empty() && r.engine_variants.find(v) == std::string::npos)
            r.engine_variants += (r.engine_variants.empty() ? "" : ", ") + v;
        r.resident_cycles += u->occupied().resident_cycles;
        r.serving_cycles += u->occupied().serving_cycles;
        if (u->occupied().max_in_flight > r.max_in_flight) r.max_in_flight = u->occupied().max_in_flight;
    }
    return r;
}

void rtl_plasticity_socket::add_counters(run_result& res) const {
    // The C++ unit never ran, so these started at 0. One flag per transaction: a
    // multiplicative update whose two products both saturate counts once here, twice in C++;
    // a trace that wraps is counted as a saturation (the RTL has one flag for both).
    res.counters["weight_clip_max"] += impl_->clip_max;
    res.counters["weight_clip_min"] += impl_->clip_min;
    res.counters["weight_update_saturations"] += impl_->saturated;
    res.counters["pre_trace_saturations"] += impl_->pre_trace_saturated;
    res.counters["post_trace_saturations"] += impl_->post_trace_saturated;
    if (impl_->any_triplet) res.counters["triplet_trace_saturations"] += impl_->triplet_trace_saturated;
}

namespace {

// summary.json core.rtl: what the verilated units did (docs/rtl.md, "Co-simulation").
nlohmann::json rtl_summary(const cosim_report& r) {
    const double serving = static_cast<double>(r.serving_cycles);
    return {{"unit", rtl_unit_name(r.unit)},
            {"configuration", r.configuration},
            {"engine_variants", r.engine_variants},
            {"transactions", r.transactions},
            {"cycles", r.rtl_cycles},
            {"serving_cycles", r.serving_cycles},
            {"max_in_flight", r.max_in_flight},
            {"mean_in_flight", serving > 0 ? static_cast<double>(r.resident_cycles) / serving : 0.0},
            {"issue_utilisation", serving > 0 ? static_cast<double>(r.transactions) / serving : 0.0}};
}

run_result run_with(rtl_plasticity_socket& socket, const experiment& ex, const stimulus& stim, const network& net,
                    const core::run_options& base) {
    core::run_options o = base;
    o.socket = &socket;
    o.engine_hook = [&socket, hook = base.engine_hook](fixed::engine& e) {
        if (hook) hook(e);
        socket.attach(e);
    };
    return core::run(ex, stim, net, o);
}

}  // namespace

run_result run_core_rtl(const experiment& ex, const stimulus& stim, const network& net, const core::run_options& base,
                        const cosim_options& o, cosim_report* report) {
    cosim_options opt = o;
    opt.lockstep = false;
    rtl_plasticity_socket socket(ex, net, opt);
    run_result res = run_with(socket, ex, stim, net, base);
    socket.add_counters(res);
    res.model = "core-rtl";
    const cosim_report rep = socket.report();
    if (!res.core_report.empty()) {
        nlohmann::json core = nlohmann::json::parse(res.core_report);
        core["rtl"] = rtl_summary(rep);
        res.core_report = core.dump();
    }
    if (report) *report = rep;
    return res;
}

cosim_report run_lockstep(const experiment& ex, const stimulus& stim, const network& net,
                          const core::run_options& base, const cosim_options& o) {
    cosim_options opt = o;
    opt.lockstep = true;
    rtl_plasticity_socket socket(ex, net, opt);
    run_with(socket, ex, stim, net, base);
    return socket.report();
}

}  // namespace plasticore::cosim
