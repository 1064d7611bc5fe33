#pragma once
// Bounded Hebbian, Oja's rule and BCM in the bit-true datapath (docs/datapath.md, "Rate-based
// Hebbian unit"): one sweep for the three. Each row segment header holds the presynaptic trace
// x after its last arrival (one bump_pre per arriving segment; the weights only transmit); each
// post neuron one entry with its last spike step and y after it (BCM: and its threshold Theta).
// The periodic sweep first visits every post neuron, ascending: its y at the step (one decay
// transaction), and for BCM the new threshold (theta_target, then slide_threshold, written back
// to the entry) and the neuron's factor phi = y (y - Theta) (post_factor). Then it walks the synapse memory in row
// order: load, rate_update with its segment's x and its neuron's y (BCM: phi), write back.

#include <vector>

#include "experiment/time_steps.hpp"
#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/rate_hebbian_unit.hpp"
#include "plasticity/rate_rules.hpp"

namespace plasticore::fixed {

class rate_hebbian_kernel {
public:
    using unit_type = rate_hebbian_unit;

    template <class Params>
    rate_hebbian_kernel(const Params& p, const kernel_setup& s):
        unit_(p, s.scale, s.dt_ms, s.hw, s.seed),
        table_(&s.table),
        trace_bits_(s.hw.trace_format.width()),
        period_(interval_steps(p.period, s.dt_ms)),
        pre_trace_(s.table.segments.size(), 0),
        last_arrival_(s.table.segments.size(), -1),
        y_(static_cast<std::size_t>(s.table.n_post), 0),
        last_post_(static_cast<std::size_t>(s.table.n_post), -1),
        post_operand_(static_cast<std::size_t>(s.table.n_post), 0),
        theta_(unit_.kind() == rate_rule_kind::bcm ? static_cast<std::size_t>(s.table.n_post) : 0,
               unit_.initial_theta()) {}

    template <class Transmit, class Exec>
    PLASTICORE_FX_INLINE segment_work on_arrival(std::uint32_t g, std::int64_t n, std::int64_t* weight,
                                                 Transmit&& transmit, Exec& exec, std::size_t k) {
        const row_segment seg = table_->segments[g];
        const std::uint32_t* post_of = table_->post.data();
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) transmit(s, post_of[s], weight[s]);
        const std::int64_t last = last_arrival_[g];
        pre_trace_[g] = exec(unit_, k, {synapse_op::bump_pre, 0, 0, pre_trace_[g], last >= 0 ? n - last : 0}).value;
        last_arrival_[g] = n;
        segment_work work;
        work.synapses = seg.end - seg.begin;
        work.plastic = true;
        return work;
    }

    template <class Exec>
    std::size_t on_post(std::uint32_t j, std::int64_t n, Exec& exec, std::size_t k) {
        y_[j] = exec(unit_, k, {synapse_op::bump_post, 0, 0, y_[j], last_post_[j] >= 0 ? n - last_post_[j] : 0}).value;
        last_post_[j] = n;
        return 1;
    }

    template <class Exec>
    std::size_t on_modulator(std::int64_t, double, Exec&, std::size_t) {
        return 0;  // no modulator
    }

    // No deferred updates: weights change only in the sweep.
    template <class Exec>
    std::size_t bring_up_to(std::int64_t, std::int64_t*, Exec&, std::size_t) {
        return 0;
    }

    void weights_at(std::int64_t, const std::int64_t* weight, std::int64_t* out) const {
        for (std::size_t s = 0; s < table_->size(); ++s) out[s] = weight[s];
    }

    std::int64_t period_steps() const { return period_; }

    template <class Exec>
    periodic_work on_periodic(std::int64_t n, std::int64_t* weight, Exec& exec, std::size_t k) {
        periodic_work work;
        work.sweeps = 1;
        const bool bcm = unit_.kind() == rate_rule_kind::bcm;
        for (std::size_t j = 0; j < y_.size(); ++j) {
            const std::int64_t y =
                exec(unit_, k, {synapse_op::decay, 0, 0, y_[j], last_post_[j] >= 0 ? n - last_post_[j] : 0}).value;
            post_operand_[j] = y;
            if (bcm) {
                // The threshold first (written back to the neuron's entry), then the factor with it.
                const std::int64_t target = exec(unit_, k, {synapse_op::theta_target, 0, 0, 0, 0, y}).value;
                theta_[j] = exec(unit_, k, {synapse_op::slide_threshold, 0, 0, theta_[j], 0, target}).value;
                post_operand_[j] = exec(unit_, k, {synapse_op::post_factor, 0, 0, theta_[j], 0, y}).value;
            }
        }
        work.neurons = y_.size();
        work.ops = bcm ? 4 * y_.size() : y_.size();
        work.neuron_writes = theta_.size();
        const std::uint32_t* post_of = table_->post.data();
        for (std::uint32_t g = 0; g < table_->segments.size(); ++g) {
            const row_segment seg = table_->segments[g];
            const std::int64_t delta = last_arrival_[g] >= 0 ? n - last_arrival_[g] : 0;
            for (std::uint32_t s = seg.begin; s < seg.end; ++s) {
                const std::int64_t w = exec(unit_, k, {synapse_op::rate_update, 0, unit_.load(weight[s]), pre_trace_[g], delta,
                                                       post_operand_[post_of[s]]}).weight;
                weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
            }
            work.synapses += seg.end - seg.begin;
        }
        work.segments = table_->segments.size();
        work.ops += work.synapses;
        work.write_backs = work.synapses;
        return work;
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
    }

    memory_layout memory() const {
        memory_layout m;
        m.header_bits = trace_bits_ + 32;
        m.header = "pre rate trace x_pre " + std::to_string(trace_bits_) + " + last arrival 32 bits";
        m.history_entry_bits = 32 + trace_bits_;
        m.history_entry = "step 32 + post rate trace y_post " + std::to_string(trace_bits_);
        if (unit_.kind() == rate_rule_kind::bcm) {
            m.history_entry_bits += trace_bits_;
            m.history_entry += " + sliding threshold theta " + std::to_string(trace_bits_);
        }
        m.history_entries = 1;
        return m;
    }

private:
    rate_hebbian_unit unit_;
    const synapse_table* table_;
    int trace_bits_;
    std::int64_t period_;                     // [steps]
    std::vector<std::int64_t> pre_trace_;     // per segment, trace format, after its last arrival
    std::vector<std::int64_t> last_arrival_;  // per segment, -1 = none yet
    std::vector<std::int64_t> y_;             // per post neuron, after its last spike
    std::vector<std::int64_t> last_post_;     // per post neuron, -1 = none yet
    std::vector<std::int64_t> post_operand_;  // per post neuron, this sweep's y (BCM: phi = y (y - Theta))
    std::vector<std::int64_t> theta_;         // BCM: per post neuron, threshold Theta (trace format); others: empty
};

template <>
class rule_kernel<plasticity::hebbian>: public rate_hebbian_kernel {
public:
    using rate_hebbian_kernel::rate_hebbian_kernel;
};
template <>
class rule_kernel<plasticity::oja>: public rate_hebbian_kernel {
public:
    using rate_hebbian_kernel::rate_hebbian_kernel;
};
template <>
class rule_kernel<plasticity::bcm>: public rate_hebbian_kernel {
public:
    using rate_hebbian_kernel::rate_hebbian_kernel;
};

}  // namespace plasticore::fixed
