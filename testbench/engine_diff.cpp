// Differential testbench of the learning engine: the verilated rtl/learning_engine.sv against
// its C++ model (model/fixed/learning_engine/engine_model.hpp), both running the microcode that
// learning_engine::compile() writes for pair, inhibitory, triplet and reward-modulated STDP,
// synaptic scaling, bounded Hebbian, Oja and BCM, on the same edge and random transactions; one request per cycle
// with random back-pressure (a request, once valid, stays valid and unchanged until accepted).
// Every response (weight, value, flags, each term's value) and the generator state after every
// accepted request are compared; the first mismatches name the rule, the operation, the term
// and the field. Exit status 1 on any mismatch.
//
//   engine_diff [--rule pair-additive|pair-multiplicative|istdp|triplet|scaling|hebbian|oja|bcm|reward|all]
//               [--config reference|spinnaker|all|wide|narrow]
//               [--variant as-built|minimal|all]
//               [--transactions N] [--seed S] [--altered] [--max-mismatches M] [--drop-stalled-request]
// --config: the widths (rtl/configurations.txt); all = reference and spinnaker, each on the
//   engine verilated with its table depth. wide and narrow run on the engine verilated for the
//   reference (4096-entry tables): only the tables' depth is fixed at elaboration.
// --transactions: random transactions per rule and configuration (edge ones come on top).
// --variant: the engine's package variant (rtl/engine_variant.sh): as built, minimal (1 term,
//   2 tables; a rule that needs more is reported as not run on it), or both (default).
// --altered: run the engine verilated with PLASTICORE_ALTER_TERM (reference widths, as built), which
//   must fail.
// --drop-stalled-request: withdraws a request that was not accepted, breaking the valid/ready
//   rule; the engine's handshake assertions (verilated with --assert) must stop the run.

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "Vengine_altered.h"
#include "Vengine_minimal_reference.h"
#include "Vengine_minimal_spinnaker.h"
#include "Vengine_reference.h"
#include "Vengine_spinnaker.h"
#include "fixed/learning_engine/compile.hpp"
#include "fixed/learning_engine/engine_model.hpp"
#include "command_line.hpp"
#include "rtl_learning_engine.hpp"
#include "support/pair_stdp_stimulus.hpp"
#include "support/rate_hebbian_stimulus.hpp"
#include "support/reward_stimulus.hpp"
#include "support/scaling_stimulus.hpp"
#include "support/triplet_stdp_stimulus.hpp"

namespace {

using namespace plasticore;
namespace le = fixed::learning_engine;

struct options {
    std::string rule = "all";
    std::string config = "all";
    std::string variant = "all";  // the engine's package variant: as-built, minimal or all
    std::uint64_t transactions = 1000000;
    std::uint64_t seed = 1;
    bool altered = false;
    std::uint64_t max_mismatches = 5;
    bool drop_stalled = false;  // withdraw a request the engine did not accept (breaks the handshake)
};

struct expected {
    fixed::synapse_request q;
    std::uint64_t index;
    fixed::synapse_response r;
    le::evaluation e;
    std::uint32_t rng_after;
};

enum class rule_kind { pair_additive, pair_multiplicative, istdp, triplet, scaling, hebbian, oja, bcm, reward };
constexpr rule_kind all_rules[] = {rule_kind::pair_additive, rule_kind::pair_multiplicative, rule_kind::istdp,
                                   rule_kind::triplet,       rule_kind::scaling,             rule_kind::hebbian,
                                   rule_kind::oja,           rule_kind::bcm,                 rule_kind::reward};
const char* rule_label(rule_kind r) {
    switch (r) {
    case rule_kind::pair_additive: return "pair-additive";
    case rule_kind::pair_multiplicative: return "pair-multiplicative";
    case rule_kind::istdp: return "istdp";
    case rule_kind::triplet: return "triplet";
    case rule_kind::scaling: return "scaling";
    case rule_kind::hebbian: return "hebbian";
    case rule_kind::oja: return "oja";
    case rule_kind::bcm: return "bcm";
    case rule_kind::reward: return "reward";
    }
    return "?";
}

// One block: a rule instance's program, its seed and its transactions.
struct block_input {
    le::engine_program program;
    std::uint32_t seed = 1;
    std::string describe;
    std::vector<fixed::synapse_request> txns;
};

// V: the verilated engine; P: its package variant (rtl::engine_as_built or engine_minimal).
template <class V, class P>
class runner {
public:
    // w: the widths of the stimulus and the programs; lut_depth: the verilated engine's LutDepth.
    runner(const testing::widths& w, int lut_depth, rule_kind rule, const options& o):
        w_(w), lut_depth_(lut_depth), rule_(rule), multiplicative_(rule == rule_kind::pair_multiplicative), o_(o),
        stimulus_(w, o.seed * 7919 + static_cast<std::uint64_t>(w.trace_frac) * 31 + static_cast<std::uint64_t>(rule)),
        triplets_(w, o.seed * 6271 + static_cast<std::uint64_t>(w.trace_frac) * 37),
        scalings_(w, o.seed * 4391 + static_cast<std::uint64_t>(w.trace_frac) * 41),
        rates_(w, o.seed * 3217 + static_cast<std::uint64_t>(w.trace_frac) * 43 + static_cast<std::uint64_t>(rule)),
        rewards_(w, o.seed * 2347 + static_cast<std::uint64_t>(w.trace_frac) * 47),
        rng_(o.seed * 104729 + 7 * static_cast<std::uint64_t>(rule)) {}

    std::uint64_t run() {
        const auto t0 = std::chrono::steady_clock::now();
        // 50 blocks: every product x write-back rounding, both pairings, this dependence
        // (inhibitory STDP: the additive blocks' roundings, widths, bounds and seeds; triplet
        // STDP, synaptic scaling, the rate rules and reward-modulated STDP: their stimulus's
        // blocks 0 .. 49).
        std::vector<int> blocks;
        for (int b = 0; b < 100; ++b) {
            const bool own = rule_ != rule_kind::pair_additive && rule_ != rule_kind::pair_multiplicative &&
                             rule_ != rule_kind::istdp;
            if (own ? b < 50 : testing::pair_stimulus::multiplicative_block(b) == multiplicative_) blocks.push_back(b);
        }
        const std::uint64_t per_block = o_.transactions / blocks.size();
        for (std::size_t k = 0; k < blocks.size() && mismatches_ < o_.max_mismatches && skipped_.empty(); ++k)
            run_block(blocks[k], per_block + (k == 0 ? o_.transactions % blocks.size() : 0));
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!skipped_.empty()) {
            std::printf("rule %-20s config %-9s engine %-8s: not run, the rule needs %s\n", rule_label(rule_),
                        w_.name.c_str(), P::name, skipped_.c_str());
            return 0;
        }
        std::printf("rule %-20s config %-9s engine %-8s: %" PRIu64 " transactions (%" PRIu64 " random, %" PRIu64
                    " edge), %" PRIu64 " cycles, %" PRIu64 " mismatches, %.2f s\n",
                    rule_label(rule_), w_.name.c_str(), P::name, random_ + edge_, random_,
                    edge_, cycles_, mismatches_, s);
        return mismatches_;
    }

private:
    block_input make_block(int b, std::uint64_t n_random) {
        block_input in;
        const auto n = static_cast<std::size_t>(n_random);
        if (rule_ == rule_kind::hebbian)
            return own_block<fixed::rate_hebbian_unit>(rates_.make_setup<hebbian_params>(b), rates_, n);
        if (rule_ == rule_kind::oja)
            return own_block<fixed::rate_hebbian_unit>(rates_.make_setup<oja_params>(b), rates_, n);
        if (rule_ == rule_kind::bcm)
            return own_block<fixed::rate_hebbian_unit>(rates_.make_setup<bcm_params>(b), rates_, n);
        if (rule_ == rule_kind::triplet)
            return own_block<fixed::stdp_triplet_unit>(triplets_.make_setup(b), triplets_, n);
        if (rule_ == rule_kind::scaling)
            return own_block<fixed::synaptic_scaling_unit>(scalings_.make_setup(b), scalings_, n);
        if (rule_ == rule_kind::reward)
            return own_block<fixed::stdp_reward_unit>(rewards_.make_setup(b), rewards_, n);
        const testing::setup s = stimulus_.make_setup(b);
        stdp_pair_params edges = s.p;
        if (rule_ == rule_kind::istdp) {
            // eta, rho0 random as in test_learning_engine; one tau for both traces, so the
            // stimulus's pair unit (tau_minus = tau_plus) has the rule's table and bounds.
            istdp_vogels_params p;
            p.tau = s.p.tau_plus;
            p.rho0 = static_cast<double>(stimulus_.uniform(0, 50));
            p.eta = stimulus_.uniform(0, 4) == 0 ? static_cast<double>(stimulus_.uniform(0, 3000))
                                                 : static_cast<double>(stimulus_.uniform(1, 40)) / 8.0;
            p.w_min = s.p.w_min;
            p.w_max = s.p.w_max;
            edges.tau_minus = edges.tau_plus;
            in.program = le::compile(p, s.scale, s.dt_ms, s.h);
        }
        else {
            in.program = le::compile(s.p, s.scale, s.dt_ms, s.h);
        }
        in.seed = s.seed;
        in.describe = s.describe();
        // The stimulus draws its edges from the unit's tables and bounds (the program's own).
        const fixed::stdp_pair_unit unit(edges, s.scale, s.dt_ms, s.h, s.seed);
        in.txns = stimulus_.transactions(unit, n);
        return in;
    }

    // A block of a rule with a stimulus of its own (triplet, scaling, the rate rules, reward): the
    // set-up's program, seed and description, and the stimulus's transactions, whose edges come
    // from the rule's unit (Unit).
    template <class Unit, class Setup, class Stimulus>
    static block_input own_block(const Setup& s, Stimulus& stimulus, std::size_t n) {
        block_input in;
        in.program = le::compile(s.p, s.hw.scale, s.hw.dt_ms, s.hw.h);
        in.seed = s.hw.seed;
        in.describe = s.describe();
        const Unit unit(s.p, s.hw.scale, s.hw.dt_ms, s.hw.h, s.hw.seed);
        in.txns = stimulus.transactions(unit, n);
        return in;
    }

    void run_block(int b, std::uint64_t n_random) {
        block_input in;
        try {
            in = make_block(b, n_random);
        }
        catch (const std::invalid_argument& e) {  // the compiler refuses the rule at these widths
            skipped_ = std::string("a program the compiler accepts (") + e.what() + ")";
            return;
        }
        const le::engine_program& program = in.program;
        // A rule this variant cannot hold (triplet STDP on the minimal engine) is not run on it.
        skipped_ = rtl::does_not_fit<P>(program);
        if (!skipped_.empty()) return;
        le::engine_model model(program, in.seed);
        rtl::rtl_learning_engine<V, P> dut(lut_depth_);
        dut.configure(program, in.seed);
        describe_ = in.describe;
        program_ = &program;
        block_ = b;
        if (dut.generator_state() != model.generator().state()) report_state(model.generator().state(), dut.generator_state(), nullptr);
        const std::vector<fixed::synapse_request>& txns = in.txns;
        random_ += n_random;
        edge_ += txns.size() - n_random;
        // Back-pressure in half of the blocks.
        const double p_valid = b % 2 ? 0.85 : 1.0;
        const double p_ready = b % 2 ? 0.8 : 1.0;
        std::uniform_real_distribution<double> u01(0.0, 1.0);
        std::deque<expected> pending;
        std::size_t next = 0;
        std::uint64_t received = 0;
        bool valid = false;
        while (received < txns.size() && mismatches_ < o_.max_mismatches) {
            // A valid request stays valid until accepted; a new one comes with probability p_valid.
            if (!valid) valid = next < txns.size() && u01(rng_) < p_valid;
            else if (o_.drop_stalled) valid = false;  // a stalled request withdrawn: the assertions must fire
            const bool ready = u01(rng_) < p_ready;
            const fixed::synapse_request& q = txns[next < txns.size() ? next : 0];
            dut.drive(valid, q, static_cast<std::uint32_t>(next & 0xFF), ready);
            dut.settle();
            const bool accept = valid && dut.req_ready();
            if (ready && dut.resp_valid()) {
                if (pending.empty()) {
                    std::printf("MISMATCH: a response without a request\n");
                    ++mismatches_;
                    return;
                }
                check(pending.front(), dut.response());
                pending.pop_front();
                ++received;
            }
            if (accept) {
                expected e{q, next, {}, {}, 0};
                e.r = model.execute(q, &e.e);
                e.rng_after = model.generator().state();
                pending.push_back(e);
                ++next;
                valid = false;
            }
            dut.tick();
            if (accept && dut.generator_state() != pending.back().rng_after)
                report_state(pending.back().rng_after, dut.generator_state(), &pending.back());
        }
        cycles_ += dut.cycles();
    }

    void check(const expected& e, const rtl::engine_response& got) {
        std::string differ;
        if (got.op != static_cast<std::uint32_t>(e.q.op)) differ += " op";
        if (got.tag != (e.index & 0xFF)) differ += " tag";
        if (got.weight != e.r.weight) differ += " weight";
        if (got.value != e.r.value) differ += " value";
        if (got.flags != e.r.flags) differ += " flags";
        // Which term: the first whose value differs (a term the microprogram has not reads 0).
        std::string term = "none (the terms agree: the decay stage or the finish)";
        for (std::size_t t = 0; t < got.terms.size(); ++t) {
            const std::int64_t want = t < e.e.terms.size() ? e.e.terms[t] : 0;
            if (got.terms[t] != want) {
                term = std::to_string(t) + " (C++ " + std::to_string(want) + ", RTL " + std::to_string(got.terms[t]) + ")";
                break;
            }
        }
        if (differ.empty()) return;
        ++mismatches_;
        if (mismatches_ > o_.max_mismatches) return;
        print_txn(e);
        std::printf("  expected (C++): weight=%" PRId64 " value=%" PRId64 " flags=%u\n", e.r.weight, e.r.value,
                    unsigned(e.r.flags));
        std::printf("  got (RTL):      weight=%" PRId64 " value=%" PRId64 " flags=%u op=%u tag=%u\n", got.weight,
                    got.value, got.flags, got.op, got.tag);
        std::printf("  differ:%s; term: %s\n  microprogram: %s\n", differ.c_str(), term.c_str(),
                    le::describe(*program_->op(e.q.op, e.q.table)).c_str());
    }

    void report_state(std::uint32_t want, std::uint32_t got, const expected* e) {
        ++mismatches_;
        if (mismatches_ > o_.max_mismatches) return;
        if (e) print_txn(*e);
        else std::printf("MISMATCH rule=%s config=%s block=%d (%s) after seed load\n", program_->rule.c_str(),
                         w_.name.c_str(), block_, describe_.c_str());
        std::printf("  generator state after it: expected (C++) 0x%08x, got (RTL) 0x%08x\n  differ: generator\n", want, got);
    }

    void print_txn(const expected& e) const {
        std::printf("MISMATCH rule=%s config=%s block=%d (%s) transaction %" PRIu64 ": op=%s table=%u weight=%" PRId64
                    " trace=%" PRId64 " delta=%" PRId64 " operand=%" PRId64 "\n",
                    program_->rule.c_str(), w_.name.c_str(), block_, describe_.c_str(), e.index,
                    std::string(fixed::op_name(e.q.op)).c_str(), unsigned(e.q.table), e.q.weight, e.q.trace, e.q.delta,
                    e.q.operand);
    }

    testing::widths w_;
    int lut_depth_;
    rule_kind rule_;
    bool multiplicative_;
    const options& o_;
    testing::pair_stimulus stimulus_;
    testing::triplet_stimulus triplets_;
    testing::scaling_stimulus scalings_;
    testing::rate_hebbian_stimulus rates_;
    testing::reward_stimulus rewards_;
    std::mt19937_64 rng_;
    std::string describe_;  // the block's set-up
    const le::engine_program* program_ = nullptr;
    int block_ = 0;
    std::uint64_t random_ = 0, edge_ = 0, cycles_ = 0, mismatches_ = 0;
    std::string skipped_;  // why the rule does not fit this variant, or ""
};

template <class V, class P>
std::uint64_t run_rules(const testing::widths& w, int lut_depth, const options& o) {
    std::uint64_t m = 0;
    for (const rule_kind r : all_rules)
        if (o.rule == "all" || o.rule == rule_label(r)) m += runner<V, P>(w, lut_depth, r, o).run();
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    testbench::command_line args("engine_diff", argc, argv);
    while (args.next()) {
        const std::string a = args.current();
        if (a == "--rule") o.rule = args.value();
        else if (a == "--config") o.config = args.value();
        else if (a == "--variant") o.variant = args.value();
        else if (a == "--transactions") o.transactions = args.number();
        else if (a == "--seed") o.seed = args.number();
        else if (a == "--altered") o.altered = true;
        else if (a == "--max-mismatches") o.max_mismatches = args.number();
        else if (a == "--drop-stalled-request") o.drop_stalled = true;
        else {
            std::fprintf(stderr, "usage: engine_diff [--rule pair-additive|pair-multiplicative|istdp|triplet|scaling|hebbian|oja|bcm|reward|all] "
                                 "[--config reference|spinnaker|all|wide|narrow] [--variant as-built|minimal|all] "
                                 "[--transactions N] [--seed S] [--altered] "
                                 "[--max-mismatches M] [--drop-stalled-request]\n");
            return 2;
        }
    }
    bool known = o.rule == "all";
    for (const rule_kind r : all_rules) known = known || o.rule == rule_label(r);
    if (!known) {
        std::fprintf(stderr, "engine_diff: unknown --rule \"%s\" (pair-additive, pair-multiplicative, istdp, triplet, scaling, hebbian, oja, bcm, reward, all)\n",
                     o.rule.c_str());
        return 2;
    }
    if (o.config != "all" && o.config != "reference" && o.config != "spinnaker" && o.config != "wide" &&
        o.config != "narrow") {
        std::fprintf(stderr, "engine_diff: unknown --config \"%s\" (reference, spinnaker, all; wide, narrow)\n",
                     o.config.c_str());
        return 2;
    }
    if (o.variant != "all" && o.variant != "as-built" && o.variant != "minimal") {
        std::fprintf(stderr, "engine_diff: unknown --variant \"%s\" (as-built, minimal, all)\n", o.variant.c_str());
        return 2;
    }
    if (o.transactions == 0) o.transactions = 1;
    std::uint64_t mismatches = 0;
    try {
        if (o.altered) {
            // The altered engine exists at the reference widths only.
            const testing::widths reference = testing::configuration(PLASTICORE_SOURCE_DIR, "reference");
            mismatches += run_rules<Vengine_altered, rtl::engine_as_built>(reference, reference.lut_depth, o);
        }
        else if (o.config == "wide" || o.config == "narrow") {
            // The engine's datapath is not sized by the widths (they are microcode), only its
            // decay-table memory: these widths run on the engine verilated with the reference's
            // 4096-entry tables, as core-rtl runs them.
            const testing::widths w = testing::configuration(PLASTICORE_SOURCE_DIR, o.config);
            const int depth = testing::configuration(PLASTICORE_SOURCE_DIR, "reference").lut_depth;
            if (o.variant != "minimal") mismatches += run_rules<Vengine_reference, rtl::engine_as_built>(w, depth, o);
            if (o.variant != "as-built")
                mismatches += run_rules<Vengine_minimal_reference, rtl::engine_minimal>(w, depth, o);
        }
        else {
            const testing::widths reference = testing::configuration(PLASTICORE_SOURCE_DIR, "reference");
            const testing::widths spinnaker = testing::configuration(PLASTICORE_SOURCE_DIR, "spinnaker");
            const bool ref = o.config == "all" || o.config == "reference";
            const bool spk = o.config == "all" || o.config == "spinnaker";
            const int rd = reference.lut_depth, sd = spinnaker.lut_depth;
            if (o.variant != "minimal") {
                if (ref) mismatches += run_rules<Vengine_reference, rtl::engine_as_built>(reference, rd, o);
                if (spk) mismatches += run_rules<Vengine_spinnaker, rtl::engine_as_built>(spinnaker, sd, o);
            }
            if (o.variant != "as-built") {
                if (ref) mismatches += run_rules<Vengine_minimal_reference, rtl::engine_minimal>(reference, rd, o);
                if (spk) mismatches += run_rules<Vengine_minimal_spinnaker, rtl::engine_minimal>(spinnaker, sd, o);
            }
        }
    }
    catch (const std::exception& e) {
        std::fprintf(stderr, "engine_diff: %s\n", e.what());
        return 2;
    }
    std::printf("%s: %" PRIu64 " mismatches\n", mismatches == 0 ? "PASS" : "FAIL", mismatches);
    return mismatches == 0 ? 0 : 1;
}
