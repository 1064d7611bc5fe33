#pragma once
// Synaptic scaling in the bit-true datapath (docs/datapath.md, "Periodic sweeps"). An arrival
// only transmits (the weights change only at the periodic sweep); a post spike bumps the
// neuron's rate estimate x (one register per post neuron: its last spike step and x after it).
// The periodic sweep first computes every neuron's factor e_j = G (X - x_j(n)) (one rate_error
// transaction per post neuron, ascending), then walks the synapse memory in row order:
// load, scale by e of its post neuron, write back (two transactions per synapse).

#include <vector>

#include "experiment/time_steps.hpp"
#include "fixed/plasticity/kernel.hpp"
#include "fixed/plasticity/synaptic_scaling_unit.hpp"
#include "plasticity/synaptic_scaling.hpp"

namespace plasticore::fixed {

template <>
class rule_kernel<plasticity::synaptic_scaling> {
public:
    using unit_type = synaptic_scaling_unit;

    rule_kernel(const synaptic_scaling_params& p, const kernel_setup& s):
        unit_(p, s.scale, s.dt_ms, s.hw, s.seed),
        table_(&s.table),
        trace_bits_(s.hw.trace_format.width()),
        factor_bits_(unit_.factor_format().width()),
        period_(interval_steps(p.period, s.dt_ms)),
        x_(static_cast<std::size_t>(s.table.n_post), 0),
        last_(static_cast<std::size_t>(s.table.n_post), -1),
        error_(static_cast<std::size_t>(s.table.n_post), 0) {}

    // An arrival transmits the stored weights; nothing of the rule runs.
    template <class Transmit, class Exec>
    PLASTICORE_FX_INLINE segment_work on_arrival(std::uint32_t g, std::int64_t, std::int64_t* weight,
                                                 Transmit&& transmit, Exec&, std::size_t) {
        const row_segment seg = table_->segments[g];
        const std::uint32_t* post_of = table_->post.data();
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) transmit(s, post_of[s], weight[s]);
        segment_work work;
        work.synapses = seg.end - seg.begin;
        return work;
    }

    template <class Exec>
    std::size_t on_post(std::uint32_t j, std::int64_t n, Exec& exec, std::size_t k) {
        x_[j] = exec(unit_, k, {synapse_op::bump_post, 0, 0, x_[j], last_[j] >= 0 ? n - last_[j] : 0}).value;
        last_[j] = n;
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

    // The sweep at step n: every neuron's factor, then every synapse scaled and written back.
    template <class Exec>
    periodic_work on_periodic(std::int64_t n, std::int64_t* weight, Exec& exec, std::size_t k) {
        periodic_work work;
        work.sweeps = 1;
        for (std::size_t j = 0; j < x_.size(); ++j)
            error_[j] = exec(unit_, k, {synapse_op::rate_error, 0, 0, x_[j], last_[j] >= 0 ? n - last_[j] : 0}).value;
        work.neurons = x_.size();
        work.ops = x_.size();
        const std::uint32_t* post_of = table_->post.data();
        for (std::size_t s = 0; s < table_->size(); ++s) {
            const std::int64_t w = exec(unit_, k, {synapse_op::scale, 0, unit_.load(weight[s]), 0, 0, error_[post_of[s]]}).weight;
            weight[s] = exec(unit_, k, {synapse_op::write_back, 0, w}).weight;
        }
        work.segments = table_->segments.size();
        work.synapses = table_->size();
        work.ops += table_->size();
        work.write_backs = table_->size();
        return work;
    }

    unit_type& unit() { return unit_; }
    const unit_type& unit() const { return unit_; }

    void add_counters(std::map<std::string, std::uint64_t>& c) const {
        const auto& sc = unit_.counters();
        c["weight_clip_max"] += sc.weight_clip_max;
        c["weight_clip_min"] += sc.weight_clip_min;
        c["weight_update_saturations"] += sc.weight_update.saturations;
        c["post_trace_saturations"] += sc.post_trace.saturations;
        c["post_trace_wraps"] += sc.post_trace.wraps;
    }

    memory_layout memory() const {
        memory_layout m;
        m.history_entry_bits = 32 + trace_bits_;
        m.history_entry = "step 32 + rate estimate x_rate " + std::to_string(trace_bits_);
        m.history_entries = 1;
        m.projection_bits = static_cast<std::uint64_t>(factor_bits_) * x_.size();
        m.projection = "sweep factors e " + std::to_string(factor_bits_) + " bits per post neuron";
        return m;
    }

private:
    synaptic_scaling_unit unit_;
    const synapse_table* table_;
    int trace_bits_, factor_bits_;
    std::int64_t period_;              // [steps]
    std::vector<std::int64_t> x_;      // per post neuron, trace format, after its last spike
    std::vector<std::int64_t> last_;   // per post neuron, step of its last spike, -1 = none yet
    std::vector<std::int64_t> error_;  // per post neuron, this sweep's factor e (factor format)
};

}  // namespace plasticore::fixed
