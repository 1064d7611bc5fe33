#pragma once
// Triplet STDP in the bit-true datapath, deferred like pair STDP (stdp_pair_kernel.hpp). A row
// segment header holds r1 and r2 after its last arrival; a post-history entry holds o1 and o2
// after the spike and the potentiation gain G+ = A2+ + A3+ o2(t-) of that spike, computed once
// when the spike is written. An arrival computes G- = A2- + A3- r2(t-) once for the segment.

#include <vector>

#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/post_history.hpp"
#include "fixed/plasticity/stdp_triplet_unit.hpp"
#include "plasticity/stdp_triplet.hpp"

namespace plasticore::fixed {

template <>
class rule_kernel<plasticity::stdp_triplet> {
public:
    using unit_type = stdp_triplet_unit;
    using T = stdp_triplet_unit;
    enum word : std::size_t { o1_after = 0, o2_after = 1, gain_plus = 2 };

    rule_kernel(const stdp_triplet_params& p, const kernel_setup& s):
        unit_(p, s.scale, s.dt_ms, s.hw, s.seed),
        table_(&s.table),
        transmit_after_(s.transmit_after_update),
        trace_bits_(s.hw.trace_format.width()),
        gain_bits_(unit_.gain_format().width()),
        r1_(s.table.segments.size(), 0),
        r2_(s.table.segments.size(), 0),
        last_arrival_(s.table.segments.size(), -1),
        replayed_to_(s.table.segments.size(), -1),
        history_(static_cast<std::size_t>(s.table.n_post), s.hw.post_history) {}

    template <class Transmit, class Exec>
    PLASTICORE_FX_INLINE segment_work on_arrival(std::uint32_t g, std::int64_t n, std::int64_t* weight,
                                                 Transmit&& transmit, Exec& exec, std::size_t k) {
        const row_segment seg = table_->segments[g];
        const std::uint32_t* post_of = table_->post.data();
        segment_work work;
        work.synapses = seg.end - seg.begin;
        work.plastic = true;
        const std::int64_t since = last_arrival_[g] >= 0 ? n - last_arrival_[g] : 0;
        // r2 just before this spike, and the depression gain it gives.
        const std::int64_t r2_now = exec(unit_, k, {synapse_op::decay, T::r2, 0, r2_[g], since}).value;
        const std::int64_t gain_minus = exec(unit_, k, {synapse_op::gain, 1, 0, r2_now}).value;
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) {
            const std::uint32_t j = post_of[s];
            std::int64_t w = unit_.load(weight[s]);
            std::size_t updates = catch_up(exec, unit_, overflow_, k, g, j, w, n);
            work.replayed += static_cast<std::uint32_t>(updates);
            if (!transmit_after_) transmit(s, j, unit_.transmitted(w));
            if (history_.has_spiked(j)) {
                w = exec(unit_, k, {synapse_op::depress_gain, 0, w, history_.last_value(j, o1_after),
                                    n - history_.last_step(j), gain_minus}).weight;
                ++updates;
                ++work.depressions;
            }
            if (transmit_after_) transmit(s, j, unit_.transmitted(w));
            if (updates > 0) {
                weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
                ++work.write_backs;
            }
        }
        r1_[g] = exec(unit_, k, {synapse_op::bump, T::r1, 0, r1_[g], since}).value;
        r2_[g] = exec(unit_, k, {synapse_op::bump, T::r2, 0, r2_now, 0}).value;
        last_arrival_[g] = n;
        replayed_to_[g] = n;
        return work;
    }

    template <class Exec>
    std::size_t on_post(std::uint32_t j, std::int64_t n, Exec& exec, std::size_t k) {
        const bool any = history_.has_spiked(j);
        const std::int64_t since = any ? n - history_.last_step(j) : 0;
        const std::int64_t o1 = any ? history_.last_value(j, o1_after) : 0;
        const std::int64_t o2 = any ? history_.last_value(j, o2_after) : 0;
        const std::int64_t o2_now = exec(unit_, k, {synapse_op::decay, T::o2, 0, o2, since}).value;
        const std::int64_t gain = exec(unit_, k, {synapse_op::gain, 0, 0, o2_now}).value;
        const std::int64_t o1_new = exec(unit_, k, {synapse_op::bump, T::o1, 0, o1, since}).value;
        const std::int64_t o2_new = exec(unit_, k, {synapse_op::bump, T::o2, 0, o2_now, 0}).value;
        history_.push(j, n, {o1_new, o2_new, gain});
        return 1;
    }

    template <class Exec>
    std::size_t on_modulator(std::int64_t, double, Exec&, std::size_t) {
        return 0;
    }

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
        const triplet_counters& t = unit_.counters();
        c["weight_clip_max"] += t.weight_clip_max;
        c["weight_clip_min"] += t.weight_clip_min;
        c["weight_update_saturations"] += t.weight_update.saturations;
        c["triplet_trace_saturations"] += t.trace.saturations;
        c["triplet_trace_wraps"] += t.trace.wraps;
        c["post_history_overflow"] += overflow_;
    }

    memory_layout memory() const {
        memory_layout m;
        m.header_bits = 2 * trace_bits_ + 32;
        m.header = "traces r1, r2 2 x " + std::to_string(trace_bits_) + " + last arrival 32 bits";
        m.history_entry_bits = 32 + 2 * trace_bits_ + gain_bits_;
        m.history_entry = "step 32 + traces o1, o2 2 x " + std::to_string(trace_bits_) + " + gain G+ " +
                          std::to_string(gain_bits_);
        m.history_entries = history_.capacity();
        return m;
    }

private:
    // Deferred potentiation: each post spike with step in [replayed_to, to) adds its gain G+
    // times r1 decayed from the segment's last arrival to the spike.
    template <class Exec>
    PLASTICORE_FX_INLINE std::size_t catch_up(Exec& exec, unit_type& unit, std::uint64_t& overflow, std::size_t k,
                                              std::uint32_t g, std::uint32_t j, std::int64_t& w, std::int64_t to) const {
        const std::int64_t from = replayed_to_[g];
        if (from < 0) return 0;
        const std::int64_t last = last_arrival_[g], x = r1_[g];
        const std::size_t count = history_.count(j);
        std::size_t done = 0;
        for (std::size_t i = history_.first_at_or_after(j, from, overflow); i < count; ++i) {
            const std::size_t slot = history_.slot(j, i);
            const std::int64_t step = history_.step_at(slot);
            if (step >= to) break;
            w = exec(unit, k, {synapse_op::potentiate_gain, 0, w, x, step - last, history_.value_at(slot, gain_plus)})
                    .weight;
            ++done;
        }
        return done;
    }

    stdp_triplet_unit unit_;
    const synapse_table* table_;
    bool transmit_after_;  // transmit after the presynaptic update (kernel_setup)
    int trace_bits_, gain_bits_;
    std::vector<std::int64_t> r1_, r2_;        // per segment, after its last arrival
    std::vector<std::int64_t> last_arrival_;  // per segment, step, -1 = none yet
    std::vector<std::int64_t> replayed_to_;
    post_history<3> history_;                 // o1, o2 after each spike; its gain G+
    std::uint64_t overflow_ = 0;
};

}  // namespace plasticore::fixed
