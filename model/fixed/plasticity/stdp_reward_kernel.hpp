#pragma once
// Reward-modulated STDP in the bit-true datapath, deferred like pair STDP. Per synapse: the
// weight and the eligibility c (synapse word); per row segment: x_pre after its last arrival;
// per post neuron: a history of (spike step, x_post after it); per projection: the modulator
// history (modulator_history.hpp). When a spike reaches a segment, every synapse is brought
// from the step it was last brought to up to now: the post spikes and modulator events in
// between, in time order (modulator events first within a step, as step 5 precedes step 6),
// cut the interval into pieces; each piece integrates dw = c d and decays c (three
// transactions), a post spike adds A+ R x_pre to c, a modulator event sets the reference level
// for the next piece. Then it transmits, its post neuron's newest trace depresses c, and the
// weight is written back.

#include <limits>
#include <vector>

#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/modulator_history.hpp"
#include "fixed/plasticity/post_history.hpp"
#include "fixed/plasticity/stdp_reward_unit.hpp"
#include "plasticity/stdp_reward.hpp"

namespace plasticore::fixed {

template <>
class rule_kernel<plasticity::stdp_reward> {
public:
    using unit_type = stdp_reward_unit;
    using R = stdp_reward_unit;

    rule_kernel(const stdp_reward_params& p, const kernel_setup& s):
        unit_(p, s.scale, s.dt_ms, s.hw, s.seed),
        table_(&s.table),
        trace_bits_(s.hw.trace_format.width()),
        elig_bits_(s.hw.eligibility_format.width()),
        mod_bits_(s.hw.modulator_format.width()),
        c_(s.table.size(), 0),
        pre_trace_(s.table.segments.size(), 0),
        last_arrival_(s.table.segments.size(), -1),
        replayed_to_(s.table.segments.size(), -1),
        history_(static_cast<std::size_t>(s.table.n_post), s.hw.post_history),
        modulator_(s.hw.modulator_history) {}

    template <class Transmit, class Exec>
    PLASTICORE_FX_INLINE segment_work on_arrival(std::uint32_t g, std::int64_t n, std::int64_t* weight,
                                                 Transmit&& transmit, Exec& exec, std::size_t k) {
        const row_segment seg = table_->segments[g];
        const std::uint32_t* post_of = table_->post.data();
        segment_work work;
        work.synapses = seg.end - seg.begin;
        work.plastic = true;
        const std::int64_t last = last_arrival_[g];
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) {
            const std::uint32_t j = post_of[s];
            std::int64_t w = unit_.load(weight[s]);
            std::int64_t c = c_[s];
            const replay_count r = catch_up(exec, unit_, overflow_, k, g, j, w, c, n);
            work.replayed += r.entries;
            work.extra_ops += r.integrations * transactions_per_piece;
            transmit(s, j, unit_.transmitted(w));
            if (history_.has_spiked(j)) {
                c = exec(unit_, k, {synapse_op::eligibility_add, R::x_post, 0, history_.last_value(j),
                                    n - history_.last_step(j), c}).value;
                ++work.depressions;
            }
            c_[s] = c;
            if (r.integrations > 0) {
                weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
                ++work.write_backs;
            }
        }
        pre_trace_[g] = exec(unit_, k, {synapse_op::bump, R::x_pre, 0, pre_trace_[g], last >= 0 ? n - last : 0}).value;
        last_arrival_[g] = n;
        replayed_to_[g] = n;
        return work;
    }

    template <class Exec>
    std::size_t on_post(std::uint32_t j, std::int64_t n, Exec& exec, std::size_t k) {
        const bool any = history_.has_spiked(j);
        const std::int64_t x = exec(unit_, k, {synapse_op::bump, R::x_post, 0, any ? history_.last_value(j) : 0,
                                               any ? n - history_.last_step(j) : 0}).value;
        history_.push(j, n, {x});
        return 1;
    }

    template <class Exec>
    std::size_t on_modulator(std::int64_t n, double amount, Exec& exec, std::size_t k) {
        const std::int64_t raw = unit_.amount_raw(amount);
        const bool any = !modulator_.empty();
        const std::int64_t level = any ? modulator_.level(modulator_.count() - 1) : 0;
        const std::int64_t since = any ? n - modulator_.step(modulator_.count() - 1) : 0;
        modulator_.push(n, exec(unit_, k, {synapse_op::modulate, R::mod, 0, level, since, raw}).value);
        return 1;
    }

    template <class Exec>
    std::size_t bring_up_to(std::int64_t n, std::int64_t* weight, Exec& exec, std::size_t k) {
        std::size_t replayed = 0;
        for (std::uint32_t g = 0; g < table_->segments.size(); ++g) {
            if (last_arrival_[g] < 0) continue;
            for (std::uint32_t s = table_->segments[g].begin; s < table_->segments[g].end; ++s) {
                std::int64_t w = unit_.load(weight[s]);
                const replay_count r = catch_up(exec, unit_, overflow_, k, g, table_->post[s], w, c_[s], n);
                replayed += r.entries;
                if (r.integrations > 0) weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
            }
            replayed_to_[g] = n;
        }
        return replayed;
    }

    void weights_at(std::int64_t n, const std::int64_t* weight, std::int64_t* out) const {
        unit_type scratch = unit_;
        overflow_counts ignored;
        direct_exec exec;
        for (std::uint32_t g = 0; g < table_->segments.size(); ++g) {
            for (std::uint32_t s = table_->segments[g].begin; s < table_->segments[g].end; ++s) {
                out[s] = weight[s];
                if (last_arrival_[g] < 0) continue;
                std::int64_t w = scratch.load(weight[s]);
                std::int64_t c = c_[s];
                if (catch_up(exec, scratch, ignored, 0, g, table_->post[s], w, c, n).integrations > 0)
                    out[s] = exec(scratch, 0, {synapse_op::write_back, 0, w}).weight;
            }
        }
    }

    unit_type& unit() { return unit_; }
    const unit_type& unit() const { return unit_; }

    void add_counters(std::map<std::string, std::uint64_t>& c) const {
        const reward_counters& r = unit_.counters();
        c["weight_clip_max"] += r.weight_clip_max;
        c["weight_clip_min"] += r.weight_clip_min;
        c["weight_update_saturations"] += r.weight_update.saturations;
        c["reward_trace_saturations"] += r.trace.saturations;
        c["reward_trace_wraps"] += r.trace.wraps;
        c["eligibility_saturations"] += r.eligibility.saturations;
        c["eligibility_wraps"] += r.eligibility.wraps;
        c["modulator_saturations"] += r.modulator.saturations;
        c["post_history_overflow"] += overflow_.history;
        c["modulator_history_overflow"] += overflow_.modulator;
    }

    memory_layout memory() const {
        memory_layout m;
        m.synapse_bits = elig_bits_;
        m.synapse = "eligibility c " + std::to_string(elig_bits_);
        m.header_bits = trace_bits_ + 32;
        m.header = "pre trace x_pre " + std::to_string(trace_bits_) + " + last arrival 32 bits";
        m.history_entry_bits = 32 + trace_bits_;
        m.history_entry = "step 32 + post trace x_post " + std::to_string(trace_bits_);
        m.history_entries = history_.capacity();
        m.projection_bits = static_cast<std::uint64_t>(modulator_.capacity()) * static_cast<std::uint64_t>(32 + mod_bits_);
        m.projection = "modulator d: " + std::to_string(modulator_.capacity()) + " x (step 32 + level " +
                       std::to_string(mod_bits_) + ")";
        return m;
    }

private:
    struct overflow_counts {
        std::uint64_t history = 0, modulator = 0;
    };
    struct replay_count {
        std::uint32_t entries = 0;       // post spikes replayed into the eligibility
        std::uint32_t integrations = 0;  // pieces integrated (the weight changed)
    };
    static constexpr std::uint32_t transactions_per_piece = 3;  // modulator_at, integrate, decay of c

    // Synapse s (segment g, post neuron j; working weight w, eligibility c) from replayed_to to
    // `to`: pieces cut by post spikes and modulator events.
    template <class Exec>
    PLASTICORE_FX_INLINE replay_count catch_up(Exec& exec, unit_type& unit, overflow_counts& overflow, std::size_t k,
                                               std::uint32_t g, std::uint32_t j, std::int64_t& w, std::int64_t& c,
                                               std::int64_t to) const {
        replay_count done;
        const std::int64_t from = replayed_to_[g];
        if (from < 0) return done;
        const std::int64_t last = last_arrival_[g], x = pre_trace_[g];
        // The modulator level in force at `from`: the newest event before it.
        std::size_t m = modulator_.first_at_or_after(from);
        std::int64_t ref_level = 0, ref_step = from;
        if (m > 0) {
            ref_level = modulator_.level(m - 1);
            ref_step = modulator_.step(m - 1);
        }
        else if (modulator_.dropped_step() >= 0) {
            ++overflow.modulator;  // the level in force was overwritten
        }
        std::size_t i = history_.first_at_or_after(j, from, overflow.history);
        const std::size_t count = history_.count(j);
        std::int64_t t = from;
        auto piece = [&](std::int64_t until) PLASTICORE_FX_LAMBDA_INLINE {
            if (until > t && c != 0) {
                // The modulator at the piece's start times tau_cd, the weight by c over the piece,
                // then c decayed over it (stdp_reward_unit.hpp).
                const std::int64_t big_d =
                    exec(unit, k, {synapse_op::modulator_at, 0, 0, ref_level, t - ref_step}).value;
                w = exec(unit, k, {synapse_op::integrate, 0, w, big_d, until - t, c}).weight;
                c = exec(unit, k, {synapse_op::decay, R::elig, 0, c, until - t}).value;
                ++done.integrations;
            }
            t = until;
        };
        constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();
        for (;;) {
            const std::int64_t ts = i < count ? history_.step_at(history_.slot(j, i)) : never;
            const std::int64_t tm = m < modulator_.count() ? modulator_.step(m) : never;
            if (ts >= to && tm >= to) break;
            if (tm <= ts) {  // a modulator event (step 5) before a post spike of the same step (step 6)
                piece(tm);
                ref_level = modulator_.level(m);
                ref_step = tm;
                ++m;
            }
            else {
                piece(ts);
                c = exec(unit, k, {synapse_op::eligibility_add, R::x_pre, 0, x, ts - last, c}).value;
                ++done.entries;
                ++i;
            }
        }
        piece(to);
        return done;
    }

    stdp_reward_unit unit_;
    const synapse_table* table_;
    int trace_bits_, elig_bits_, mod_bits_;
    std::vector<std::int64_t> c_;             // per synapse: eligibility, up to date at its segment's replayed_to
    std::vector<std::int64_t> pre_trace_;     // per segment, after its last arrival
    std::vector<std::int64_t> last_arrival_;  // per segment, step, -1 = none yet
    std::vector<std::int64_t> replayed_to_;
    post_history<1> history_;                 // x_post after each spike
    modulator_history modulator_;
    overflow_counts overflow_;
};

}  // namespace plasticore::fixed
