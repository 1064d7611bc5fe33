#pragma once
// The modulator of one projection (reward-modulated rules): the level after each of its last
// `capacity` events, as (step, level). The level at any later step t is the newest entry at
// or before t decayed to t; every synapse computes it from the same entry and the same number
// of steps, so all synapses of a projection see the same level. Kept per projection rather than
// as markers in every post neuron's history: one write per event instead of one per neuron.

#include <cstdint>
#include <vector>

namespace plasticore::fixed {

class modulator_history {
public:
    explicit modulator_history(int capacity):
        capacity_(static_cast<std::size_t>(capacity)), step_(capacity_, 0), level_(capacity_, 0) {}

    void push(std::int64_t step, std::int64_t level) {
        if (count_ == capacity_) dropped_step_ = step_[head_];
        else ++count_;
        step_[head_] = step;
        level_[head_] = level;
        head_ = head_ + 1 == capacity_ ? 0 : head_ + 1;
    }
    std::size_t capacity() const { return capacity_; }
    std::size_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    // Entry i in time order, 0 = oldest kept.
    std::int64_t step(std::size_t i) const { return step_[index(i)]; }
    std::int64_t level(std::size_t i) const { return level_[index(i)]; }
    std::int64_t dropped_step() const { return dropped_step_; }

    // Index of the first entry at or after `from` (count() if none).
    std::size_t first_at_or_after(std::int64_t from) const {
        std::size_t i = count_;
        while (i > 0 && step(i - 1) >= from) --i;
        return i;
    }

private:
    std::size_t index(std::size_t i) const {
        std::size_t s = head_ + capacity_ - count_ + i;
        if (s >= capacity_) s -= capacity_;
        if (s >= capacity_) s -= capacity_;
        return s;
    }

    std::size_t capacity_;
    std::vector<std::int64_t> step_, level_;
    std::size_t head_ = 0, count_ = 0;
    std::int64_t dropped_step_ = -1;
};

}  // namespace plasticore::fixed
