// The learning engine's C++ model (model/fixed/learning_engine/) against the rules' own units
// (fixed::stdp_pair_unit, istdp_vogels_unit, stdp_triplet_unit, synaptic_scaling_unit,
// rate_hebbian_unit for bounded Hebbian, Oja and BCM, stdp_reward_unit): the same random and edge
// transactions through both, in every width configuration of rtl/configurations.txt, all five
// product and write-back roundings, additive and multiplicative, all-to-all and nearest. Weight,
// value, flags and the generator state must agree after every transaction. Also: the compiler rejects what the engine cannot express,
// naming the missing factor, and the validator rejects inconsistent microcode.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fixed/learning_engine/compile.hpp"
#include "fixed/learning_engine/compile_istdp_vogels.hpp"
#include "fixed/learning_engine/compile_rate_hebbian.hpp"
#include "fixed/learning_engine/compile_stdp_pair.hpp"
#include "fixed/learning_engine/compile_stdp_reward.hpp"
#include "fixed/learning_engine/compile_stdp_triplet.hpp"
#include "fixed/learning_engine/compile_synaptic_scaling.hpp"
#include "fixed/learning_engine/engine_model.hpp"
#include "fixed/plasticity/istdp_vogels_unit.hpp"
#include "fixed/plasticity/rate_hebbian_unit.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "fixed/plasticity/stdp_reward_unit.hpp"
#include "fixed/plasticity/stdp_triplet_unit.hpp"
#include "fixed/plasticity/synaptic_scaling_unit.hpp"
#include "support/pair_stdp_stimulus.hpp"
#include "support/rate_hebbian_stimulus.hpp"
#include "support/reward_stimulus.hpp"
#include "support/scaling_stimulus.hpp"
#include "support/triplet_stdp_stimulus.hpp"

using namespace plasticore;
using namespace plasticore::fixed;
using namespace plasticore::fixed::learning_engine;
namespace fp = plasticore::fixed_point;

namespace {

using testing::pair_stimulus;
using testing::setup;
using testing::widths;

std::vector<widths> rtl_configurations() { return testing::rtl_configurations(PLASTICORE_SOURCE_DIR); }
widths configuration(const std::string& name) { return testing::configuration(PLASTICORE_SOURCE_DIR, name); }

struct tally {
    std::uint64_t transactions = 0, draws = 0, clipped = 0, saturated = 0;
    tally& operator+=(const tally& o) {
        transactions += o.transactions;
        draws += o.draws;
        clipped += o.clipped;
        saturated += o.saturated;
        return *this;
    }
};

// unit.execute(), out of line: its hot-path form is always_inline over every rounding mode,
// and expanded inside compare() it made this file several times slower to compile.
template <class Unit>
[[gnu::noinline]] synapse_response execute_unit(Unit& unit, const synapse_request& q) {
    return unit.execute(q);
}

// Runs the transactions through both; returns "" or the first mismatch, naming the op and field.
template <class Unit>
std::string compare(Unit& unit, engine_model& engine, const std::vector<synapse_request>& txns, tally& t) {
    for (std::size_t i = 0; i < txns.size(); ++i) {
        const synapse_request& q = txns[i];
        const synapse_response want = execute_unit(unit, q);
        const synapse_response got = engine.execute(q);
        std::string differ;
        if (got.weight != want.weight) differ += " weight";
        if (got.value != want.value) differ += " value";
        if (got.flags != want.flags) differ += " flags";
        if (engine.generator().state() != unit.generator().state()) differ += " generator";
        if (!differ.empty()) {
            std::ostringstream o;
            o << "transaction " << i << " op=" << op_name(q.op) << " table=" << int(q.table) << " weight=" << q.weight
              << " trace=" << q.trace << " delta=" << q.delta << " operand=" << q.operand << ": unit weight=" << want.weight << " value=" << want.value
              << " flags=" << int(want.flags) << " generator=" << unit.generator().state() << ", engine weight=" << got.weight
              << " value=" << got.value << " flags=" << int(got.flags) << " generator=" << engine.generator().state()
              << "; differ:" << differ << "; microprogram: " << describe(*engine.program().op(q.op, q.table));
            return o.str();
        }
        ++t.transactions;
        if (want.flags & (flag_clipped_max | flag_clipped_min)) ++t.clipped;
        if (want.flags & flag_saturated) ++t.saturated;
    }
    t.draws = engine.counters().draws;
    return "";
}

// One block: the transactions through both must agree; the block's tally is added to `total`.
template <class Unit>
void require_equal(Unit& unit, engine_model& engine, const std::vector<synapse_request>& txns, tally& total) {
    REQUIRE(engine.generator().state() == unit.generator().state());
    tally t;
    const std::string mismatch = compare(unit, engine, txns, t);
    INFO(mismatch);
    REQUIRE(mismatch.empty());
    total += t;
}

// A rule whose stimulus has set-ups of its own (triplet STDP, synaptic scaling, the rate rules,
// reward-modulated STDP) in one width configuration: `blocks` set-ups make(b), each through the
// rule's unit (Unit) and the engine running compile()'s program, over the stimulus's edge and
// n random transactions. Every configuration must reach the edges: at least the given numbers
// of transactions, draws and saturated results, and 1,000 clipped updates.
template <class Unit, class Stimulus, class MakeSetup>
void run_own(const std::string& name, Stimulus& d, int blocks, std::size_t n, MakeSetup make,
             std::uint64_t min_transactions, std::uint64_t min_draws, std::uint64_t min_saturated) {
    tally total;
    for (int b = 0; b < blocks; ++b) {
        const auto s = make(b);
        INFO("configuration " << name << " block " << b << ": " << s.describe());
        Unit unit(s.p, s.hw.scale, s.hw.dt_ms, s.hw.h, s.hw.seed);
        engine_model engine(compile(s.p, s.hw.scale, s.hw.dt_ms, s.hw.h), s.hw.seed);
        require_equal(unit, engine, d.transactions(unit, n), total);
    }
    CHECK(total.transactions > min_transactions);
    CHECK(total.draws > min_draws);
    CHECK(total.clipped > 1000);
    CHECK(total.saturated > min_saturated);
}

void run_configuration(const std::string& name) {
    const widths w = configuration(name);
    pair_stimulus d(w, 0x5eed + static_cast<std::uint64_t>(w.trace_frac) * 131 + static_cast<std::uint64_t>(w.weight_bits));
    tally total;
    // 100 blocks: every product rounding x write-back rounding x dependence x pairing once.
    for (int b = 0; b < 100; ++b) {
        const setup s = d.make_setup(b);
        INFO("configuration " << name << " block " << b << ": " << s.describe());
        stdp_pair_unit unit(s.p, s.scale, s.dt_ms, s.h, s.seed);
        engine_model engine(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h), s.seed);
        require_equal(unit, engine, d.transactions(unit, 1500), total);
    }
    // The run reached the edges it is meant to: draws, clips and saturations all happened.
    CHECK(total.transactions > 250000);
    CHECK(total.draws > 10000);
    CHECK(total.clipped > 1000);
    CHECK(total.saturated > 100);
}

}  // namespace

TEST_CASE("learning engine equals stdp_pair_unit: configuration reference", "[unit]") { run_configuration("reference"); }
TEST_CASE("learning engine equals stdp_pair_unit: configuration spinnaker", "[unit]") { run_configuration("spinnaker"); }
TEST_CASE("learning engine equals stdp_pair_unit: configuration wide", "[unit]") { run_configuration("wide"); }
TEST_CASE("learning engine equals stdp_pair_unit: configuration narrow", "[unit]") { run_configuration("narrow"); }

TEST_CASE("learning engine: every configuration of rtl/configurations.txt is tested", "[unit]") {
    std::vector<std::string> names;
    for (const widths& w : rtl_configurations()) names.push_back(w.name);
    CHECK(names == std::vector<std::string>{"reference", "spinnaker", "wide", "narrow"});
}

namespace {
setup stochastic_multiplicative() {
    pair_stimulus d(configuration("reference"), 7);
    return d.make_setup(4 + 5 * 4 + 25);  // stochastic products and write-back, multiplicative, all-to-all
}
}  // namespace

TEST_CASE("learning engine: an altered term is caught by the comparison", "[unit]") {
    // The proof above must be able to fail: change one step's rounding, one shift, one sign.
    const setup s = stochastic_multiplicative();
    pair_stimulus d(configuration("reference"), 11);
    const engine_program good = compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h);
    SECTION("rounding of the range product") {
        engine_program bad = good;
        bad.op(synapse_op::potentiate)->terms[0].steps[1].round = step_rounding::floor;
        stdp_pair_unit unit(s.p, s.scale, s.dt_ms, s.h, s.seed);
        engine_model engine(bad, s.seed);
        tally t;
        const std::string mismatch = compare(unit, engine, d.transactions(unit, 2000), t);
        CHECK(mismatch.find("op=potentiate") != std::string::npos);
        CHECK(mismatch.find("generator") != std::string::npos);  // one draw fewer
    }
    SECTION("sign of the depression term") {
        engine_program bad = good;
        bad.op(synapse_op::depress)->terms[0].subtract = false;
        stdp_pair_unit unit(s.p, s.scale, s.dt_ms, s.h, s.seed);
        engine_model engine(bad, s.seed);
        tally t;
        const std::string mismatch = compare(unit, engine, d.transactions(unit, 2000), t);
        CHECK(mismatch.find("op=depress") != std::string::npos);
        CHECK(mismatch.find("weight") != std::string::npos);
    }
}

TEST_CASE("learning engine: the compiler rejects what the engine cannot express, naming the factor", "[unit]") {
    setup s = stochastic_multiplicative();
    SECTION("no undecayed trace, no operand: pair STDP still fits the pair-only engine") {
        CHECK_NOTHROW(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h, engine_capacity::pair_only()));
    }
    SECTION("an engine without w_max - w cannot run multiplicative potentiation") {
        engine_capacity cap = engine_capacity::pair_only();
        cap.sources[static_cast<std::size_t>(source::w_max_minus_w)] = false;
        CHECK_THROWS_WITH(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h, cap),
                          Catch::Contains("stdp_pair (multiplicative, all_to_all) potentiate: missing factor 'w_max - w'"));
        s.p.dependence = stdp_pair_params::dependence_kind::additive;
        CHECK_NOTHROW(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h, cap));
    }
    SECTION("one product per term is not enough for the multiplicative dependence") {
        engine_capacity cap = engine_capacity::pair_only();
        cap.steps = 1;
        CHECK_THROWS_WITH(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h, cap),
                          Catch::Contains("potentiate: a term needs 2 products, the engine has 1"));
    }
    SECTION("bit-serial multiplication decay has no factor in the engine") {
        s.h.trace_decay = trace_decay_kind::multiply;
        CHECK_THROWS_WITH(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h),
                          Catch::Contains("missing factor 'decayed trace'") &&
                              Catch::Contains("hardware.trace_decay = multiply"));
    }
    SECTION("an operation the program has not is refused by name") {
        engine_model engine(compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h), 1);
        synapse_request r{synapse_op::integrate};
        CHECK_THROWS_WITH(engine.execute(r), Catch::Contains("has no microprogram for operation 'integrate'"));
    }
}

TEST_CASE("learning engine: the validator rejects inconsistent microcode, naming where", "[unit]") {
    const setup s = stochastic_multiplicative();
    engine_program p = compile_stdp_pair(s.p, s.scale, s.dt_ms, s.h);
    const synapse_op pot = synapse_op::potentiate;
    SECTION("a shift that disagrees with the formats") {
        p.op(pot)->terms[0].steps[0].shift += 1;
        CHECK_THROWS_WITH(validate(p), Catch::Contains("operation potentiate, term 0, step 0: shift"));
    }
    SECTION("an exact step that discards bits") {
        p.op(pot)->terms[0].steps[1].round = step_rounding::exact;
        CHECK_THROWS_WITH(validate(p), Catch::Contains("step 1: exact step discards"));
    }
    SECTION("a decay table that does not exist") {
        p.op(pot)->decay.table = 7;
        CHECK_THROWS_WITH(validate(p), Catch::Contains("decay table 7 does not exist"));
    }
    SECTION("the microprogram listing names every factor") {
        const std::string text = describe(*p.op(pot));
        CHECK(text.find("decayed trace") != std::string::npos);
        CHECK(text.find("w_max - w") != std::string::npos);
        CHECK(text.find("clipped to [w_min, w_max]") != std::string::npos);
    }
}

namespace {
// Inhibitory STDP in one width configuration: 25 set-ups (every product x write-back
// rounding), eta, tau, rho0, bounds and seeds random; the stimulus's edges come from a pair
// unit with the same tau and bounds (the same table and working bounds).
void run_istdp(const std::string& name) {
    const widths w = configuration(name);
    pair_stimulus d(w, 0x1d5 + static_cast<std::uint64_t>(w.trace_frac) * 17);
    tally total;
    for (int b = 0; b < 25; ++b) {
        const setup s = d.make_setup(b);  // roundings, widths, overflow, dt, bounds, seed
        istdp_vogels_params p;
        p.tau = s.p.tau_plus;
        p.rho0 = static_cast<double>(d.uniform(0, 50));
        p.eta = d.uniform(0, 4) == 0 ? static_cast<double>(d.uniform(0, 3000)) : static_cast<double>(d.uniform(1, 40)) / 8.0;
        p.w_min = s.p.w_min;
        p.w_max = s.p.w_max;
        stdp_pair_params shadow = s.p;
        shadow.tau_minus = shadow.tau_plus;
        const stdp_pair_unit edges(shadow, s.scale, s.dt_ms, s.h, 1);
        INFO("configuration " << name << " block " << b << ": " << s.describe() << " eta=" << p.eta << " rho0=" << p.rho0);
        istdp_vogels_unit unit(p, s.scale, s.dt_ms, s.h, s.seed);
        engine_model engine(compile_istdp_vogels(p, s.scale, s.dt_ms, s.h), s.seed);
        require_equal(unit, engine, d.transactions(edges, 2000), total);
    }
    CHECK(total.transactions > 75000);
    CHECK(total.draws > 1000);
    CHECK(total.clipped > 1000);
}
}  // namespace

TEST_CASE("learning engine equals istdp_vogels_unit in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_istdp(w.name);
}

TEST_CASE("learning engine: inhibitory STDP needs the offset factor the pair-only engine has not", "[unit]") {
    const setup s = stochastic_multiplicative();
    istdp_vogels_params p;
    p.w_max = s.p.w_max;
    CHECK_THROWS_WITH(compile_istdp_vogels(p, s.scale, s.dt_ms, s.h, engine_capacity::pair_only()),
                      Catch::Contains("istdp_vogels depress: missing factor 'decayed trace - offset'"));
    CHECK_NOTHROW(compile_istdp_vogels(p, s.scale, s.dt_ms, s.h));
}

namespace {
// Triplet STDP in one width configuration: 50 set-ups (every product x write-back rounding,
// all-to-all and nearest), time constants, amplitudes, bounds and seeds random.
void run_triplet(const std::string& name) {
    const widths w = configuration(name);
    testing::triplet_stimulus d(w, 0x7e1 + static_cast<std::uint64_t>(w.trace_frac) * 29);
    run_own<stdp_triplet_unit>(name, d, 50, 3000, [&d](int b) { return d.make_setup(b); }, 250000, 10000, 100);
}
}  // namespace

TEST_CASE("learning engine equals stdp_triplet_unit in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_triplet(w.name);
}

TEST_CASE("learning engine: triplet STDP selects its microprogram by the request's table", "[unit]") {
    const setup hw = stochastic_multiplicative();
    stdp_triplet_params p;
    p.w_max = hw.p.w_max;
    const engine_program prog = compile_stdp_triplet(p, hw.scale, hw.dt_ms, hw.h);
    // Four decays and bumps (one per trace), two gains (one per amplitude pair).
    for (std::size_t t = 0; t < 4; ++t) {
        REQUIRE(prog.op(synapse_op::decay, t));
        CHECK(prog.op(synapse_op::decay, t)->decay.table == t);
        REQUIRE(prog.op(synapse_op::bump, t));
        CHECK(prog.op(synapse_op::bump, t)->decay.table == t);
    }
    REQUIRE(prog.op(synapse_op::gain, 1));
    CHECK_FALSE(prog.op(synapse_op::gain, 2));
    CHECK(prog.op(synapse_op::gain, 0)->terms[0].mantissa != prog.op(synapse_op::gain, 1)->terms[0].mantissa);
    CHECK(slot_name(engine_program::slot_of(synapse_op::gain, 1)) == "gain (table 1)");
    engine_model engine(prog, 1);
    synapse_request r{synapse_op::gain, 2};
    CHECK_THROWS_WITH(engine.execute(r), Catch::Contains("no microprogram for operation 'gain' with table 2"));
    SECTION("the pair-only engine has neither the fourth table nor the undecayed trace") {
        CHECK_THROWS_WITH(compile_stdp_triplet(p, hw.scale, hw.dt_ms, hw.h, engine_capacity::pair_only()),
                          Catch::Contains("stdp_triplet (all_to_all): it needs 4 decay tables, the engine has 2"));
        engine_capacity cap = engine_capacity::pair_only();
        cap.decay_tables = 4;
        cap.terms = 2;
        CHECK_THROWS_WITH(compile_stdp_triplet(p, hw.scale, hw.dt_ms, hw.h, cap),
                          Catch::Contains("stdp_triplet (all_to_all) gain: missing factor 'trace'"));
    }
    SECTION("an altered gain term is caught by the comparison") {
        engine_program bad = prog;
        bad.op(synapse_op::gain, 1)->terms[1].mantissa += 1;  // A2- one LSB off
        testing::triplet_stimulus d(configuration("reference"), 5);
        stdp_triplet_unit unit(p, hw.scale, hw.dt_ms, hw.h, 9);
        engine_model altered(bad, 9);
        tally t;
        const std::string mismatch = compare(unit, altered, d.transactions(unit, 500), t);
        CHECK(mismatch.find("op=gain table=1") != std::string::npos);
        CHECK(mismatch.find("value") != std::string::npos);
    }
}

namespace {
// Synaptic scaling in one width configuration: 25 set-ups (every product x write-back
// rounding), eta, tau_rate, target, bounds and seeds random.
void run_scaling(const std::string& name) {
    const widths w = configuration(name);
    testing::scaling_stimulus d(w, 0x5ca1e + static_cast<std::uint64_t>(w.trace_frac) * 43);
    run_own<synaptic_scaling_unit>(name, d, 25, 3000, [&d](int b) { return d.make_setup(b); }, 75000, 5000, 100);
}
}  // namespace

TEST_CASE("learning engine equals synaptic_scaling_unit in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_scaling(w.name);
}

TEST_CASE("learning engine: synaptic scaling's rate error is -G times x - X, and needs the offset factor", "[unit]") {
    const setup hw = stochastic_multiplicative();
    synaptic_scaling_params p;
    p.w_max = hw.p.w_max;
    const engine_program prog = compile_synaptic_scaling(p, hw.scale, hw.dt_ms, hw.h);
    const synaptic_scaling_unit unit(p, hw.scale, hw.dt_ms, hw.h, 1);
    REQUIRE(prog.op(synapse_op::rate_error));
    CHECK(prog.op(synapse_op::rate_error)->offset == unit.target());
    CHECK(prog.op(synapse_op::rate_error)->terms[0].mantissa == -unit.gain());
    CHECK_FALSE(prog.op(synapse_op::bump_pre));
    CHECK_THROWS_WITH(compile_synaptic_scaling(p, hw.scale, hw.dt_ms, hw.h, engine_capacity::pair_only()),
                      Catch::Contains("synaptic_scaling") && Catch::Contains("missing factor"));
}

namespace {
// A rate rule (Params: hebbian_params or oja_params) in one width configuration: 25 set-ups
// (every product x write-back rounding), tau, period, gain, bounds and seeds random.
template <class Params>
void run_rate(const std::string& name, std::uint64_t seed) {
    const widths w = configuration(name);
    testing::rate_hebbian_stimulus d(w, seed + static_cast<std::uint64_t>(w.trace_frac) * 47);
    run_own<rate_hebbian_unit>(name, d, 25, 3000, [&d](int b) { return d.template make_setup<Params>(b); }, 90000, 5000,
                               100);
}
}  // namespace

TEST_CASE("learning engine equals rate_hebbian_unit (bounded Hebbian) in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_rate<hebbian_params>(w.name, 0x4ebb);
}

TEST_CASE("learning engine equals rate_hebbian_unit (Oja) where its exact product fits 63 bits", "[unit]") {
    for (const widths& w : rtl_configurations()) {
        if (w.name == "wide") continue;  // below
        run_rate<oja_params>(w.name, 0x0a1a);
    }
    // wide (s4.20 traces): K y exact is u4.36 x s4.20, 66 bits: refused, naming the product.
    const widths w = configuration("wide");
    testing::rate_hebbian_stimulus d(w, 3);
    const testing::rate_setup<oja_params> s = d.make_setup<oja_params>(0);
    CHECK_THROWS_WITH(compile(s.p, s.hw.scale, s.hw.dt_ms, s.hw.h),
                      Catch::Contains("cannot run oja at these widths") && Catch::Contains("K y") &&
                          Catch::Contains("66 bits"));
}

TEST_CASE("learning engine equals rate_hebbian_unit (BCM) in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_rate<bcm_params>(w.name, 0xbc3);
}

TEST_CASE("learning engine: Oja's update is two terms, the second of three products; refusals name the factor",
          "[unit]") {
    const setup hw = stochastic_multiplicative();
    oja_params p;
    p.w_max = hw.p.w_max;
    const engine_program prog = compile(p, hw.scale, hw.dt_ms, hw.h);
    REQUIRE(prog.op(synapse_op::rate_update));
    const microprogram& m = *prog.op(synapse_op::rate_update);
    REQUIRE(m.terms.size() == 2);
    CHECK(m.terms[0].steps.size() == 2);
    CHECK(m.terms[1].subtract);
    CHECK(m.terms[1].steps.size() == 3);
    CHECK(m.other == source::decayed_trace);
    CHECK_THROWS_WITH(compile_oja(p, hw.scale, hw.dt_ms, hw.h, engine_capacity::pair_only()),
                      Catch::Contains("cannot run oja rate_update: it needs 2 terms"));
    // BCM's threshold step and factor take the difference 'operand - trace'.
    bcm_params b;
    b.w_max = hw.p.w_max;
    const engine_program bcm = compile(b, hw.scale, hw.dt_ms, hw.h);
    REQUIRE(bcm.op(synapse_op::slide_threshold));
    CHECK(bcm.op(synapse_op::slide_threshold)->terms[0].steps[0].factor == source::operand_minus_trace);
    CHECK(bcm.op(synapse_op::slide_threshold)->target == source::trace);
    CHECK(bcm.op(synapse_op::post_factor)->terms[0].steps[1].factor == source::operand_minus_trace);
    CHECK(bcm.op(synapse_op::theta_target)->terms[0].steps.size() == 2);
}

namespace {
// Reward-modulated STDP in one width configuration: 50 set-ups (every product x write-back
// rounding, all-to-all and nearest), time constants, amplitudes, bounds and seeds random.
void run_reward(const std::string& name, std::uint64_t seed) {
    const widths w = configuration(name);
    testing::reward_stimulus d(w, seed + static_cast<std::uint64_t>(w.trace_frac) * 53);
    run_own<stdp_reward_unit>(name, d, 50, 2000, [&d](int b) { return d.make_setup(b); }, 150000, 10000, 1000);
}
}  // namespace

TEST_CASE("learning engine equals stdp_reward_unit (reward-modulated STDP) in every width configuration", "[unit]") {
    for (const widths& w : rtl_configurations()) run_reward(w.name, 0x3fac);
}

TEST_CASE("learning engine: a piece of reward-modulated STDP is modulator_at, integrate (w + c (D - D(delta))) and "
          "the eligibility's decay; five tables",
          "[unit]") {
    const setup hw = stochastic_multiplicative();
    stdp_reward_params r;
    r.w_max = hw.p.w_max;
    const engine_program prog = compile(r, hw.scale, hw.dt_ms, hw.h);
    CHECK(prog.tables.size() == 5);
    REQUIRE(prog.op(synapse_op::integrate));
    const microprogram& m = *prog.op(synapse_op::integrate);
    CHECK(m.decay.table == stdp_reward_unit::mod_integral);
    REQUIRE(m.terms.size() == 1);
    REQUIRE(m.terms[0].steps.size() == 2);
    CHECK(m.terms[0].steps[0].factor == source::operand);
    CHECK(m.terms[0].steps[1].factor == source::trace_minus_decayed);
    CHECK(m.finish.kind == finish_kind::clip_weight);
    REQUIRE(prog.op(synapse_op::modulator_at));
    CHECK(prog.op(synapse_op::modulator_at)->decay.table == stdp_reward_unit::mod);
    REQUIRE(prog.op(synapse_op::decay, stdp_reward_unit::elig));
    CHECK(prog.op(synapse_op::decay, stdp_reward_unit::elig)->decay.out == hw.h.eligibility_format);
    // The pair-only engine has two tables and no 'trace - decayed trace'.
    CHECK_THROWS_WITH(compile_stdp_reward(r, hw.scale, hw.dt_ms, hw.h, engine_capacity::pair_only()),
                      Catch::Contains("cannot run stdp_reward (all_to_all): it needs 5 decay tables"));
    engine_capacity no_difference = engine_capacity::full();
    no_difference.sources[static_cast<std::size_t>(source::trace_minus_decayed)] = false;
    CHECK_THROWS_WITH(compile_stdp_reward(r, hw.scale, hw.dt_ms, hw.h, no_difference),
                      Catch::Contains("integrate: missing factor 'trace - decayed trace'"));
}
