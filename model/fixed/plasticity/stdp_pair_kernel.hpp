#pragma once
// Pair STDP in the bit-true datapath: deferred (SpiNNaker-style) updates (docs/datapath.md,
// "Deferred STDP"). Each row segment header holds the presynaptic trace after its last
// arrival; each post neuron a history of (spike step, post trace after the spike). When a
// spike reaches a segment, every synapse replays the post spikes since the segment was last
// brought up to date (potentiation by the pre trace decayed to each), transmits, is depressed
// by its neuron's newest post trace, and is written back once.

#include <vector>

#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/post_history.hpp"
#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "plasticity/stdp_pair.hpp"

namespace plasticore::fixed {

// The control of every rule with a presynaptic and a postsynaptic trace that acts at the two
// spikes (pair STDP, inhibitory STDP): Unit speaks potentiate, depress, write_back, bump_pre,
// bump_post. PreAlways: the presynaptic update runs even before the post neuron has spiked
// (inhibitory STDP's -alpha term; its post trace is then 0); pair STDP skips it (x_post = 0
// would change nothing).
template <class Unit, bool PreAlways>
class pair_trace_kernel {
public:
    using unit_type = Unit;

    template <class Params>
    pair_trace_kernel(const Params& p, const kernel_setup& s):
        unit_(p, s.scale, s.dt_ms, s.hw, s.seed),
        table_(&s.table),
        transmit_after_(s.transmit_after_update),
        trace_bits_(s.hw.trace_format.width()),
        pre_trace_(s.table.segments.size(), 0),
        last_arrival_(s.table.segments.size(), -1),
        replayed_to_(s.table.segments.size(), -1),
        history_(static_cast<std::size_t>(s.table.n_post), s.hw.post_history) {}

    template <class Transmit, class Exec>
    PLASTICORE_FX_INLINE segment_work on_arrival(std::uint32_t g, std::int64_t n, std::int64_t* weight,
                                                 Transmit&& transmit, Exec& exec, std::size_t k) {
        // The product rounding is resolved once per segment, not in every update.
        return unit_.with_product_rounding([&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
            rounded_unit<Unit, decltype(mode)::value> unit{unit_};
            return arrival(g, n, weight, transmit, exec, unit, k);
        });
    }

    template <class Exec>
    std::size_t on_post(std::uint32_t j, std::int64_t n, Exec& exec, std::size_t k) {
        const bool any = history_.has_spiked(j);
        const std::int64_t x = exec(unit_, k, {synapse_op::bump_post, 0, 0, any ? history_.last_value(j) : 0,
                                               any ? n - history_.last_step(j) : 0}).value;
        history_.push(j, n, {x});
        return 1;
    }

    template <class Exec>
    std::size_t on_modulator(std::int64_t, double, Exec&, std::size_t) {
        return 0;  // no modulator
    }

    // Every synapse brought up to step n (the end-of-run flush; a periodic rule's first act).
    template <class Exec>
    std::size_t bring_up_to(std::int64_t n, std::int64_t* weight, Exec& exec, std::size_t k) {
        std::size_t replayed = 0;
        for (std::uint32_t g = 0; g < table_->segments.size(); ++g) {
            if (last_arrival_[g] < 0) continue;
            for (std::uint32_t s = table_->segments[g].begin; s < table_->segments[g].end; ++s) {
                std::int64_t w = unit_.load(weight[s]);
                const std::size_t r = catch_up(exec, unit_, overflow_, k, g, table_->post[s], w, n);
                replayed += r;
                if (r > 0) weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
            }
            replayed_to_[g] = n;
        }
        return replayed;
    }

    // Weights [stored] as if every synapse were brought up to step n now, on a scratch copy of
    // the unit and of the counters: the run's state and random stream are untouched.
    void weights_at(std::int64_t n, const std::int64_t* weight, std::int64_t* out) const {
        unit_type scratch = unit_;
        std::uint64_t ignored = 0;
        direct_exec exec;
        for (std::uint32_t g = 0; g < table_->segments.size(); ++g) {
            for (std::uint32_t s = table_->segments[g].begin; s < table_->segments[g].end; ++s) {
                out[s] = weight[s];
                if (last_arrival_[g] < 0) continue;
                std::int64_t w = scratch.load(weight[s]);
                if (catch_up(exec, scratch, ignored, 0, g, table_->post[s], w, n) > 0)
                    out[s] = exec(scratch, 0, {synapse_op::write_back, 0, w}).weight;
            }
        }
    }

    unit_type& unit() { return unit_; }
    const unit_type& unit() const { return unit_; }

    void add_counters(std::map<std::string, std::uint64_t>& c) const {
        const auto& sc = unit_.counters();
        c["weight_clip_max"] += sc.weight_clip_max;
        c["weight_clip_min"] += sc.weight_clip_min;
        c["weight_update_saturations"] += sc.weight_update.saturations;
        c["pre_trace_saturations"] += sc.pre_trace.saturations;
        c["pre_trace_wraps"] += sc.pre_trace.wraps;
        c["post_trace_saturations"] += sc.post_trace.saturations;
        c["post_trace_wraps"] += sc.post_trace.wraps;
        c["post_history_overflow"] += overflow_;
    }

    memory_layout memory() const {
        memory_layout m;
        m.header_bits = trace_bits_ + 32;
        m.header = "pre trace x_pre " + std::to_string(trace_bits_) + " + last arrival 32 bits";
        m.history_entry_bits = 32 + trace_bits_;
        m.history_entry = "step 32 + post trace x_post " + std::to_string(trace_bits_);
        m.history_entries = history_.capacity();
        return m;
    }

private:
    // on_arrival with the unit view U (rounded_unit) the executor runs.
    template <class Transmit, class Exec, class U>
    PLASTICORE_FX_INLINE segment_work arrival(std::uint32_t g, std::int64_t n, std::int64_t* weight, Transmit& transmit,
                                              Exec& exec, U& unit, std::size_t k) {
        const row_segment seg = table_->segments[g];
        const std::uint32_t* post_of = table_->post.data();
        segment_work work;
        work.synapses = seg.end - seg.begin;
        work.plastic = true;
        const std::int64_t last = last_arrival_[g];
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) {
            const std::uint32_t j = post_of[s];
            std::int64_t w = unit_.load(weight[s]);
            std::size_t updates = catch_up(exec, unit, overflow_, k, g, j, w, n);
            work.replayed += static_cast<std::uint32_t>(updates);
            if (!transmit_after_) transmit(s, j, unit_.transmitted(w));
            const bool spiked = history_.has_spiked(j);
            if (PreAlways || spiked) {
                const std::size_t newest = spiked ? history_.newest(j) : 0;
                w = exec(unit, k, {synapse_op::depress, 0, w, spiked ? history_.value_at(newest) : 0,
                                   spiked ? n - history_.step_at(newest) : 0}).weight;
                ++updates;
                ++work.depressions;
            }
            if (transmit_after_) transmit(s, j, unit_.transmitted(w));
            if (updates > 0) {
                weight[s] = exec(unit, k, {synapse_op::write_back, 0, w}).weight;
                ++work.write_backs;
            }
        }
        pre_trace_[g] = exec(unit, k, {synapse_op::bump_pre, 0, 0, pre_trace_[g], last >= 0 ? n - last : 0}).value;
        last_arrival_[g] = n;
        replayed_to_[g] = n;
        return work;
    }

    // Deferred potentiation of synapse s (row segment g, post neuron j), working weight w:
    // the post spikes with step in [replayed_to, to), each with the pre trace decayed from the
    // segment's last arrival to the spike. Returns the number of transactions; counts a replay
    // that lost spikes to history overflow.
    template <class Exec, class U>
    PLASTICORE_FX_INLINE std::size_t catch_up(Exec& exec, U& unit, std::uint64_t& overflow, std::size_t k,
                                              std::uint32_t g, std::uint32_t j, std::int64_t& w, std::int64_t to) const {
        const std::int64_t from = replayed_to_[g];
        if (from < 0) return 0;
        const std::int64_t last = last_arrival_[g], x = pre_trace_[g];
        std::size_t done = 0;
        history_.for_each_from(j, from, to, overflow, [&](std::int64_t step, std::size_t) PLASTICORE_FX_LAMBDA_INLINE {
            w = exec(unit, k, {synapse_op::potentiate, 0, w, x, step - last}).weight;
            ++done;
        });
        return done;
    }

    Unit unit_;
    const synapse_table* table_;
    bool transmit_after_;  // transmit after the presynaptic update (kernel_setup)
    int trace_bits_;
    std::vector<std::int64_t> pre_trace_;     // per segment, trace format, after its last arrival
    std::vector<std::int64_t> last_arrival_;  // per segment, step, -1 = none yet
    std::vector<std::int64_t> replayed_to_;   // per segment: synapses up to date before this step
    post_history<1> history_;                 // x_post after each spike
    std::uint64_t overflow_ = 0;              // replays that lost spikes to history overflow
};

template <>
class rule_kernel<plasticity::stdp_pair>: public pair_trace_kernel<stdp_pair_unit, false> {
public:
    using pair_trace_kernel::pair_trace_kernel;
};

}  // namespace plasticore::fixed
