#pragma once
// Post-spike history of the deferred STDP scheme (docs/datapath.md, "Deferred STDP"): per
// postsynaptic neuron, the last `capacity` spikes as (step, post trace after the spike), the
// newest of which is also the neuron's current post trace. A spike beyond the capacity
// overwrites the oldest entry; the step of the newest overwritten entry is kept so that a
// replay can tell whether it lost spikes. Plain arrays, no per-neuron objects.

#include <cstdint>
#include <vector>

namespace plasticore::fixed {

class post_history {
public:
    post_history(std::size_t neurons, int capacity):
        capacity_(static_cast<std::size_t>(capacity)),
        step_(neurons * capacity_, 0),
        trace_(neurons * capacity_, 0),
        head_(neurons, 0),
        count_(neurons, 0),
        dropped_step_(neurons, -1) {}

    void push(std::uint32_t j, std::int64_t step, std::int64_t trace) {
        const std::size_t base = j * capacity_;
        std::uint32_t& head = head_[j];
        if (count_[j] == capacity_) dropped_step_[j] = step_[base + head];
        else ++count_[j];
        step_[base + head] = step;
        trace_[base + head] = trace;
        head = head + 1 == capacity_ ? 0 : head + 1;
    }

    std::size_t count(std::uint32_t j) const { return count_[j]; }
    bool has_spiked(std::uint32_t j) const { return count_[j] != 0; }
    // Entry i of neuron j in time order, 0 = oldest kept, count(j) - 1 = newest.
    std::size_t slot(std::uint32_t j, std::size_t i) const {
        std::size_t s = head_[j] + capacity_ - count_[j] + i;
        if (s >= capacity_) s -= capacity_;
        if (s >= capacity_) s -= capacity_;
        return j * capacity_ + s;
    }
    std::int64_t step_at(std::size_t slot) const { return step_[slot]; }
    std::int64_t trace_at(std::size_t slot) const { return trace_[slot]; }
    std::int64_t last_step(std::uint32_t j) const { return step_[slot(j, count_[j] - 1)]; }
    std::int64_t last_trace(std::uint32_t j) const { return trace_[slot(j, count_[j] - 1)]; }
    // Step of the newest entry lost to overwriting, -1 if none.
    std::int64_t dropped_step(std::uint32_t j) const { return dropped_step_[j]; }

private:
    std::size_t capacity_;
    std::vector<std::int64_t> step_, trace_;
    std::vector<std::uint32_t> head_;
    std::vector<std::size_t> count_;
    std::vector<std::int64_t> dropped_step_;
};

}  // namespace plasticore::fixed
