#pragma once
// Post-spike history of deferred plasticity (docs/datapath.md, "Deferred updates"): per
// postsynaptic neuron, the last `capacity` spikes as (step, Words payload words: the rule's
// postsynaptic traces after the spike, or whatever the rule's replay needs), the newest of
// which also holds the neuron's current traces. A spike beyond the capacity overwrites the
// oldest entry; the step of the newest overwritten entry is kept so that a replay can tell
// whether it lost spikes. Plain arrays, no per-neuron objects; Words is a compile-time
// constant so the replay loop indexes without a multiply by a run-time stride.

#include <array>
#include <cstdint>
#include <vector>

#include "fixed_point/requantize.hpp"  // PLASTICORE_FX_INLINE

namespace plasticore::fixed {

template <std::size_t Words>
class post_history {
public:
    using payload = std::array<std::int64_t, Words>;

    post_history(std::size_t neurons, int capacity):
        capacity_(static_cast<std::size_t>(capacity)),
        step_(neurons * capacity_, 0),
        value_(neurons * capacity_ * Words, 0),
        head_(neurons, 0),
        count_(neurons, 0),
        dropped_step_(neurons, -1) {}

    void push(std::uint32_t j, std::int64_t step, const payload& p) {
        const std::size_t base = j * capacity_;
        std::uint32_t& head = head_[j];
        if (count_[j] == capacity_) dropped_step_[j] = step_[base + head];
        else ++count_[j];
        step_[base + head] = step;
        for (std::size_t w = 0; w < Words; ++w) value_[(base + head) * Words + w] = p[w];
        head = head + 1 == capacity_ ? 0 : head + 1;
    }

    std::size_t capacity() const { return capacity_; }
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
    std::int64_t value_at(std::size_t slot, std::size_t word = 0) const { return value_[slot * Words + word]; }
    payload payload_at(std::size_t slot) const {
        payload p;
        for (std::size_t w = 0; w < Words; ++w) p[w] = value_[slot * Words + w];
        return p;
    }
    std::size_t newest(std::uint32_t j) const { return slot(j, count_[j] - 1); }
    std::int64_t last_step(std::uint32_t j) const { return step_[newest(j)]; }
    std::int64_t last_value(std::uint32_t j, std::size_t word = 0) const { return value_[newest(j) * Words + word]; }
    // Step of the newest entry lost to overwriting, -1 if none.
    std::int64_t dropped_step(std::uint32_t j) const { return dropped_step_[j]; }

    // Index (in time order) of the first entry of neuron j at or after `from`; counts a lost
    // entry in `overflow` when every kept entry is at or after `from` but some were dropped
    // that might not have been.
    std::size_t first_at_or_after(std::uint32_t j, std::int64_t from, std::uint64_t& overflow) const {
        std::size_t i = count_[j];
        while (i > 0 && step_[slot(j, i - 1)] >= from) --i;
        if (i == 0 && dropped_step_[j] >= from) ++overflow;
        return i;
    }

    // f(step, slot) for every entry of neuron j with step in [from, to), oldest first (the
    // replay of a deferred update): first_at_or_after, then forward until `to`, walking the
    // ring's slots instead of recomputing each from its index. Counts overflow likewise.
    template <class F>
    PLASTICORE_FX_INLINE void for_each_from(std::uint32_t j, std::int64_t from, std::int64_t to,
                                            std::uint64_t& overflow, F&& f) const {
        const std::size_t n = count_[j];
        if (n == 0) {
            if (dropped_step_[j] >= from) ++overflow;
            return;
        }
        const std::size_t base = j * capacity_, end = base + capacity_;
        // Backwards from the newest entry while at or after `from`.
        std::size_t slot = base + head_[j], kept = 0;
        for (;;) {
            const std::size_t prev = (slot == base ? end : slot) - 1;
            if (step_[prev] < from) break;
            slot = prev;
            if (++kept == n) break;
        }
        if (kept == n && dropped_step_[j] >= from) ++overflow;
        for (; kept > 0; --kept) {
            const std::int64_t step = step_[slot];
            if (step >= to) break;
            f(step, slot);
            if (++slot == end) slot = base;
        }
    }

private:
    std::size_t capacity_;
    std::vector<std::int64_t> step_, value_;
    std::vector<std::uint32_t> head_;
    std::vector<std::size_t> count_;
    std::vector<std::int64_t> dropped_step_;
};

}  // namespace plasticore::fixed
