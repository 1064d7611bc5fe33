// Differential testbench: the verilated rtl/stdp_update_unit.sv against the bit-true C++
// reference fixed::stdp_pair_unit, on the same directed and random transactions, one request per
// cycle with random back-pressure. Every response (weight, flags, trace) and the generator
// state after every accepted request are compared; the first mismatches are printed with the
// transaction, both outputs and the differing fields, and the exit status is 1.
//
//   stdp_diff --config reference|spinnaker|wide|narrow|all [--transactions N] [--seed S]
//             [--rtl-seed-xor X] [--max-mismatches M] [--wrapper N] [--no-state-check]
// --transactions: random transactions per configuration (directed ones come on top).
// --rtl-seed-xor: XORs the RTL unit's generator seed with X (X != 0 must make it fail).
// --wrapper N: also run N transactions one at a time through rtl_stdp_unit's execute(), the
// generic transaction the core's plasticity socket sends.
// --no-state-check: compare the responses only, not the generator state (to show that a
// different stream is caught by the weights and traces themselves).

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "rtl_stdp_unit.hpp"

namespace {

using namespace plasticore;
using rtl::rtl_op;
namespace fp = fixed_point;

struct options {
    std::string config = "all";
    std::uint64_t transactions = 300000;
    std::uint64_t seed = 1;
    std::uint32_t rtl_seed_xor = 0;
    std::uint64_t max_mismatches = 10;
    std::uint64_t wrapper = 0;
    bool state_check = true;
};


const char* op_name(rtl_op op) {
    switch (op) {
    case rtl_op::potentiate: return "potentiate";
    case rtl_op::depress: return "depress";
    case rtl_op::write_back: return "write_back";
    case rtl_op::bump_pre: return "bump_pre";
    case rtl_op::bump_post: return "bump_post";
    }
    return "?";
}

struct transaction {
    rtl_op op;
    std::int64_t weight, trace, delta;
};

// The C++ unit's execute(), compiled once. Its hot-path form is always_inline and expands
// every product rounding mode at each call; inlined into the four runner<V> instantiations it
// made this file take about three minutes of compiler time, and the testbench gains nothing
// from it.
[[gnu::noinline]] fixed::synapse_response execute_reference(fixed::stdp_pair_unit& unit, const fixed::synapse_request& q) {
    return unit.execute(q);
}

// A transaction of the testbench as the generic socket request (operations 0-4 share codes).
fixed::synapse_request request_of(const transaction& t) {
    fixed::synapse_request r{static_cast<fixed::synapse_op>(t.op)};
    r.weight = t.weight;
    r.trace = t.trace;
    r.delta = t.delta;
    return r;
}

struct expected {
    transaction t;
    std::uint64_t index;
    std::int64_t weight;  // update / write-back result (bumps: not compared)
    std::int64_t trace;   // bump result (others: not compared)
    std::uint32_t flags;
    std::uint32_t rng_after;
};

struct block_setup {
    stdp_pair_params p;
    fixed::weight_scale scale;
    double dt_ms;
    fixed::hardware_config h;
    std::uint32_t seed;
    std::string describe() const {
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      "product=%s weight_rounding=%s trace_overflow=%s %s %s lut_rounding=%s tau+=%g tau-=%g "
                      "dt=%g a+=%g a-=%g w=[%g,%g] seed=0x%08x",
                      std::string(fp::to_string(h.product_rounding)).c_str(),
                      std::string(fp::to_string(h.weight_rounding)).c_str(),
                      std::string(fp::to_string(h.trace_overflow)).c_str(),
                      p.dependence == stdp_pair_params::dependence_kind::multiplicative ? "multiplicative" : "additive",
                      p.pairing == stdp_pair_params::pairing_kind::nearest ? "nearest" : "all_to_all",
                      std::string(fp::to_string(h.lut_rounding)).c_str(), p.tau_plus, p.tau_minus, dt_ms, p.a_plus,
                      p.a_minus, p.w_min, p.w_max, seed);
        return buf;
    }
};

template <class V>
class runner {
public:
    runner(const rtl::rtl_widths& w, const options& o): w_(w), o_(o), rng_(o.seed * 7919 + w.weight_bits * 31 + w.trace_frac) {}

    // Returns the number of mismatches.
    std::uint64_t run() {
        const auto t0 = std::chrono::steady_clock::now();
        const int blocks = 100;
        const std::uint64_t per_block = o_.transactions / blocks;
        for (int b = 0; b < blocks && mismatches_ < o_.max_mismatches; ++b) {
            run_block(b, per_block + (b == 0 ? o_.transactions % blocks : 0));
        }
        if (o_.wrapper != 0 && mismatches_ == 0) run_wrapper(o_.wrapper);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("config %-9s: %" PRIu64 " transactions (%" PRIu64 " random, %" PRIu64 " directed, %" PRIu64
                    " through the wrapper), %" PRIu64 " generator draws, %" PRIu64 " clipped, %" PRIu64
                    " saturated, %" PRIu64 " mismatches, %.2f s\n",
                    w_.name, random_ + directed_ + wrapped_, random_, directed_, wrapped_, draws_, clipped_,
                    saturated_, mismatches_, s);
        return mismatches_;
    }

private:
    block_setup make_setup(int b) {
        block_setup s;
        const fp::rounding modes[] = {fp::rounding::floor, fp::rounding::toward_zero, fp::rounding::nearest_up,
                                      fp::rounding::nearest_even, fp::rounding::stochastic};
        s.h.preset = "rtl-test";
        s.h.weight_bits = w_.weight_bits;
        s.h.weight_guard_bits = w_.guard_bits;
        s.h.trace_format = fp::format(true, w_.trace_int, w_.trace_frac);
        s.h.trace_decay = fixed::trace_decay_kind::lut;
        s.h.lut_size = w_.lut_depth;
        s.h.product_rounding = modes[b % 5];
        s.h.weight_rounding = modes[(b / 5) % 5];
        s.p.dependence = (b / 25) % 2 ? stdp_pair_params::dependence_kind::multiplicative
                                      : stdp_pair_params::dependence_kind::additive;
        s.p.pairing = (b / 50) % 2 ? stdp_pair_params::pairing_kind::nearest : stdp_pair_params::pairing_kind::all_to_all;
        s.h.trace_overflow = uniform(0, 3) == 0 ? fp::overflow_mode::wrap : fp::overflow_mode::saturate;
        s.h.lut_rounding = uniform(0, 1) ? fp::rounding::nearest_even : fp::rounding::floor;
        const double dts[] = {0.1, 0.25, 1.0};
        s.dt_ms = dts[uniform(0, 2)];
        s.p.tau_plus = 2.0 + real() * 60.0;
        s.p.tau_minus = 2.0 + real() * 60.0;
        s.scale.bits = w_.weight_bits;
        s.scale.k = 0;  // LSB 1 nA: bounds are whole LSBs
        const std::int64_t top = (std::int64_t{1} << w_.weight_bits) - 1;
        std::int64_t lo = uniform(0, 3) == 0 ? 0 : uniform(0, top / 2);
        std::int64_t hi = uniform(0, 3) == 0 ? top : uniform(lo + 1, top);
        s.p.w_min = static_cast<double>(lo);
        s.p.w_max = static_cast<double>(hi);
        if (s.p.dependence == stdp_pair_params::dependence_kind::multiplicative) {
            // Trace-format amplitudes; large ones make amplitude x trace saturate.
            const double amax = std::ldexp(1.0, w_.trace_int) - 1.0;
            s.p.a_plus = uniform(0, 4) == 0 ? real() * amax : real() * 0.2;
            s.p.a_minus = uniform(0, 4) == 0 ? real() * amax : real() * 0.2;
        }
        else {
            s.p.a_plus = uniform(0, 4) == 0 ? real() : real() * 0.05;
            s.p.a_minus = uniform(0, 4) == 0 ? real() : real() * 0.05;
        }
        s.seed = static_cast<std::uint32_t>(uniform(0, 9) == 0 ? 0 : rng_());
        return s;
    }

    void run_block(int b, std::uint64_t n_random) {
        const block_setup s = make_setup(b);
        fixed::stdp_pair_unit ref(s.p, s.scale, s.dt_ms, s.h, s.seed);
        if (!dut_) dut_ = std::make_unique<rtl::rtl_stdp_unit<V>>(s.p, s.scale, s.dt_ms, s.h, s.seed ^ o_.rtl_seed_xor, w_);
        else dut_->configure(s.p, s.scale, s.dt_ms, s.h, s.seed ^ o_.rtl_seed_xor);
        setup_ = &s;
        block_ = b;
        if (dut_->generator_state() != ref.generator().state()) {
            report_state(ref.generator().state(), dut_->generator_state(), nullptr);
        }
        // Directed: every op x edge traces x edge deltas x edge weights, then random.
        std::vector<transaction> txns;
        const std::int64_t tmin = -(std::int64_t{1} << (w_.trace_width() - 1));
        const std::int64_t tmax = -tmin - 1;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t traces[] = {0, 1, -1, one, one / 2 + 1, tmax, tmin};
        const std::int64_t wmin = ref.w_min_working(), wmax = ref.w_max_working();
        const std::int64_t wtop = (std::int64_t{1} << w_.work_width()) - 1;
        const std::int64_t weights[] = {wmin, wmax, (wmin + wmax) / 2, 0, wtop};
        const rtl_op ops[] = {rtl_op::potentiate, rtl_op::depress, rtl_op::write_back, rtl_op::bump_pre, rtl_op::bump_post};
        for (rtl_op op : ops) {
            const auto deltas = edge_deltas(ref, op);
            for (std::int64_t tr : traces)
                for (std::int64_t d : deltas)
                    for (std::int64_t wt : weights) txns.push_back({op, wt, tr, d});
        }
        directed_ += txns.size();
        random_ += n_random;
        for (std::uint64_t i = 0; i < n_random; ++i) txns.push_back(random_txn(ref));
        // Back-pressure in half of the blocks.
        const double p_valid = b % 2 ? 0.85 : 1.0;
        const double p_ready = b % 2 ? 0.8 : 1.0;
        std::uniform_real_distribution<double> u01(0.0, 1.0);

        std::deque<expected> pending;
        std::size_t next = 0;
        std::uint64_t received = 0;
        while (received < txns.size() && mismatches_ < o_.max_mismatches) {
            const bool valid = next < txns.size() && u01(rng_) < p_valid;
            const bool ready = u01(rng_) < p_ready;
            const transaction& t = txns[next < txns.size() ? next : 0];
            dut_->drive(valid, t.op, t.weight, t.trace, t.delta, static_cast<std::uint32_t>(next & 0xFF), ready);
            dut_->settle();
            const bool accept = valid && dut_->req_ready();
            const bool take = ready && dut_->resp_valid();
            if (take) {
                if (pending.empty()) {
                    std::printf("MISMATCH config=%s: response without a request\n", w_.name);
                    ++mismatches_;
                    return;
                }
                check(pending.front(), dut_->response());
                pending.pop_front();
                ++received;
            }
            if (accept) {
                const std::uint32_t before = ref.generator().state();
                pending.push_back(reference(ref, t, next));
                count_draws(before, ref.generator().state());
                ++next;
            }
            dut_->tick();
            if (accept && dut_->generator_state() != pending.back().rng_after) {
                report_state(pending.back().rng_after, dut_->generator_state(), &pending.back());
            }
        }
    }

    void count_draws(std::uint32_t before, std::uint32_t after) {
        fp::xorshift32 g(before);
        for (int i = 0; i < 4 && g.state() != after; ++i) {
            g.next();
            ++draws_;
        }
    }

    std::vector<std::int64_t> edge_deltas(const fixed::stdp_pair_unit& ref, rtl_op op) const {
        const bool plus = op == rtl_op::potentiate || op == rtl_op::bump_pre;
        const auto& t = plus ? ref.decay_plus() : ref.decay_minus();
        const std::int64_t end = static_cast<std::int64_t>(t.size()) << t.shift();
        const std::int64_t last = (static_cast<std::int64_t>(t.size()) - 1) << t.shift();
        return {0, 1, last, end - 1, end, 0xFFFFFFFFll};
    }

    transaction random_txn(const fixed::stdp_pair_unit& ref) {
        transaction t{};
        const std::int64_t r = uniform(0, 199);
        t.op = r < 70 ? rtl_op::potentiate : r < 140 ? rtl_op::depress : r < 170 ? rtl_op::write_back
             : r < 185 ? rtl_op::bump_pre : rtl_op::bump_post;
        const std::int64_t wmin = ref.w_min_working(), wmax = ref.w_max_working();
        const std::int64_t wtop = (std::int64_t{1} << w_.work_width()) - 1;
        const std::int64_t rw = uniform(0, 9);
        t.weight = rw < 7 ? uniform(wmin, wmax) : rw == 7 ? (uniform(0, 1) ? wmin : wmax)
                 : rw == 8 ? std::min(wtop, std::max<std::int64_t>(0, (uniform(0, 1) ? wmin : wmax) + uniform(-3, 3)))
                           : uniform(0, wtop);
        const std::int64_t tmin = -(std::int64_t{1} << (w_.trace_width() - 1));
        const std::int64_t tmax = -tmin - 1;
        const std::int64_t one = std::int64_t{1} << w_.trace_frac;
        const std::int64_t rt = uniform(0, 9);
        t.trace = rt < 4 ? uniform(0, std::min(tmax, 3 * one)) : rt < 6 ? uniform(tmin, tmax)
                : rt == 6 ? std::vector<std::int64_t>{0, 1, -1, one, tmax, tmin, one - 1}[uniform(0, 6)]
                          : uniform(-one, one);
        const bool plus = t.op == rtl_op::potentiate || t.op == rtl_op::bump_pre;
        const auto& tab = plus ? ref.decay_plus() : ref.decay_minus();
        const std::int64_t end = std::min<std::int64_t>(static_cast<std::int64_t>(tab.size()) << tab.shift(), 0xFFFFFFFFll);
        const std::int64_t rd = uniform(0, 19);
        t.delta = rd < 10 ? uniform(0, end - 1) : rd < 13 ? std::max<std::int64_t>(0, end + uniform(-2, 2))
                : rd < 16 ? uniform(end, 0xFFFFFFFFll) : rd < 17 ? 0xFFFFFFFFll : uniform(0, 10);
        return t;
    }

    expected reference(fixed::stdp_pair_unit& ref, const transaction& t, std::uint64_t index) {
        expected e{t, index, 0, 0, 0, 0};
        switch (t.op) {
        case rtl_op::potentiate:
        case rtl_op::depress: {
            const auto r = execute_reference(ref, request_of(t));
            e.weight = r.weight;
            e.flags = r.flags;
            if (r.flags & (fixed::flag_clipped_max | fixed::flag_clipped_min)) ++clipped_;
            if (r.flags & fixed::flag_saturated) ++saturated_;
            break;
        }
        case rtl_op::write_back:
            e.weight = execute_reference(ref, request_of(t)).weight;
            break;
        case rtl_op::bump_pre:
        case rtl_op::bump_post: {
            const auto r = execute_reference(ref, request_of(t));
            e.trace = r.value;
            e.flags = r.flags;
            if (e.flags) ++saturated_;
            break;
        }
        }
        e.rng_after = ref.generator().state();
        return e;
    }

    void check(const expected& e, const rtl::rtl_response& r) {
        std::string differ;
        const bool bump = e.t.op == rtl_op::bump_pre || e.t.op == rtl_op::bump_post;
        if (r.op != static_cast<std::uint32_t>(e.t.op)) differ += " op";
        if (r.tag != (e.index & 0xFF)) differ += " tag";
        if (!bump && r.weight != e.weight) differ += " weight";
        if (bump && r.trace != e.trace) differ += " trace";
        if (r.flags != e.flags) differ += " flags";
        if (differ.empty()) return;
        ++mismatches_;
        if (mismatches_ > o_.max_mismatches) return;
        print_txn(e);
        std::printf("  expected (C++): weight=%" PRId64 " trace=%" PRId64 " flags=%u\n", e.weight, e.trace, e.flags);
        std::printf("  got (RTL):      weight=%" PRId64 " trace=%" PRId64 " flags=%u op=%u tag=%u\n", r.weight, r.trace,
                    r.flags, r.op, r.tag);
        std::printf("  differ:%s\n", differ.c_str());
    }

    void report_state(std::uint32_t want, std::uint32_t got, const expected* e) {
        if (!o_.state_check) return;
        ++mismatches_;
        if (mismatches_ > o_.max_mismatches) return;
        if (e) print_txn(*e);
        else std::printf("MISMATCH config=%s block=%d (%s) after seed load\n", w_.name, block_, setup_->describe().c_str());
        std::printf("  generator state after it: expected (C++) 0x%08x, got (RTL) 0x%08x\n  differ: generator\n", want, got);
    }

    void print_txn(const expected& e) const {
        std::printf("MISMATCH config=%s block=%d (%s) transaction %" PRIu64 ": op=%s weight=%" PRId64 " trace=%" PRId64
                    " delta=%" PRId64 "\n",
                    w_.name, block_, setup_->describe().c_str(), e.index, op_name(e.t.op), e.t.weight, e.t.trace,
                    e.t.delta);
    }

    // The rtl_stdp_unit interface, one transaction at a time, against stdp_unit.
    void run_wrapper(std::uint64_t n) {
        const block_setup s = make_setup(4 + 5 * 4);  // stochastic products and write-back
        fixed::stdp_pair_unit ref(s.p, s.scale, s.dt_ms, s.h, s.seed);
        rtl::rtl_stdp_unit<V> unit(s.p, s.scale, s.dt_ms, s.h, s.seed ^ o_.rtl_seed_xor, w_);
        setup_ = &s;
        block_ = -1;
        for (std::uint64_t i = 0; i < n && mismatches_ < o_.max_mismatches; ++i) {
            const transaction t = random_txn(ref);
            expected e{t, i, 0, 0, 0, 0};
            rtl::rtl_response got{static_cast<std::uint32_t>(t.op), 0, 0, 0, static_cast<std::uint32_t>(i & 0xFF)};
            const fixed::synapse_request q = request_of(t);
            const fixed::synapse_response a = execute_reference(ref, q), b = unit.execute(q);
            const bool bump = t.op == rtl_op::bump_pre || t.op == rtl_op::bump_post;
            e.weight = a.weight;
            e.flags = bump || t.op != rtl_op::write_back ? a.flags : 0;
            e.trace = bump ? a.value : 0;
            got.weight = b.weight;
            got.flags = b.flags;
            got.trace = bump ? b.value : 0;
            check(e, got);
            if (ref.generator().state() != unit.generator_state()) report_state(ref.generator().state(), unit.generator_state(), &e);
            ++wrapped_;
        }
    }

    std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
    double real() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

    rtl::rtl_widths w_;
    const options& o_;
    std::mt19937_64 rng_;
    std::unique_ptr<rtl::rtl_stdp_unit<V>> dut_;
    const block_setup* setup_ = nullptr;
    int block_ = 0;
    std::uint64_t random_ = 0, directed_ = 0, wrapped_ = 0, draws_ = 0, clipped_ = 0, saturated_ = 0, mismatches_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    options o;
    testbench::command_line args("stdp_diff", argc, argv);
    while (args.next()) {
        const std::string a = args.current();
        if (a == "--config") o.config = args.value();
        else if (a == "--transactions") o.transactions = args.number();
        else if (a == "--seed") o.seed = args.number();
        else if (a == "--rtl-seed-xor") o.rtl_seed_xor = static_cast<std::uint32_t>(args.number());
        else if (a == "--max-mismatches") o.max_mismatches = args.number();
        else if (a == "--wrapper") o.wrapper = args.number();
        else if (a == "--no-state-check") o.state_check = false;
        else {
            std::fprintf(stderr, "usage: stdp_diff [--config NAME|all] (NAME: rtl/configurations.txt) [--transactions N] "
                                 "[--seed S] [--rtl-seed-xor X] [--max-mismatches M] [--wrapper N] [--no-state-check]\n");
            return 2;
        }
    }
    std::uint64_t mismatches = 0;
    bool any = false;
    auto want = [&](const char* name) { return o.config == "all" || o.config == name; };
    // Every configuration of rtl/configurations.txt.
#define PLASTICORE_RUN_CONFIG(name, n, g, ti, tf, depth)                                              \
    if (want(#name)) {                                                                            \
        any = true;                                                                               \
        mismatches += runner<Vstdp_##name>(rtl::rtl_widths{#name, n, g, ti, tf, depth}, o).run(); \
    }
    PLASTICORE_RTL_CONFIGURATIONS(PLASTICORE_RUN_CONFIG)
#undef PLASTICORE_RUN_CONFIG
    if (!any) {
        std::fprintf(stderr, "stdp_diff: unknown --config \"%s\"\n", o.config.c_str());
        return 2;
    }
    std::printf("%s: %" PRIu64 " mismatches\n", mismatches == 0 ? "PASS" : "FAIL", mismatches);
    return mismatches == 0 ? 0 : 1;
}
