#pragma once
// Real-time capacity of a core (docs/energy.md, "Real-time capacity"): the largest factor by
// which every Poisson source's rate can be scaled while the core's busy cycles stay within the
// tick budget (dt at the clock) on every tick, and on 99% of ticks, found by bisection over
// runs of the SystemC core's cycle model.

#include <cstdint>
#include <functional>
#include <vector>

#include "experiment/experiment.hpp"

namespace plasticore::capacity {

// `ex` with the rate of every Poisson source multiplied by `factor` (>= 0).
experiment with_rate_factor(const experiment& ex, double factor);

struct probe {
    double factor = 0;
    std::uint64_t max_busy = 0, p99_busy = 0;  // busy cycles per tick [cycles]
    bool meets_all() const;                    // every tick within the budget
    bool meets_p99() const;                    // 99% of ticks within the budget
    std::uint64_t budget = 0;                  // cycles per tick
};

struct result {
    std::uint64_t budget = 0;
    double factor_all = 0, factor_p99 = 0;  // largest factors found (within the tolerance)
    bool capped_all = false, capped_p99 = false;  // still within budget at max_factor
    std::vector<probe> probes;                     // every run, in order
};

// Runs the core (through `run_core`, which returns busy cycles per tick and the budget) at
// factors 1, 2, 4, ... up to max_factor (at most the factor at which the fastest Poisson source
// spikes on every step) until the budget is missed, then bisects until the
// bracket is narrower than `tolerance` relative. Throws std::invalid_argument if `ex` has no
// Poisson source with a non-zero rate.
using core_runner = std::function<probe(const experiment&, double factor)>;
result find_capacity(const experiment& ex, const core_runner& run_core, double tolerance = 0.01,
                     double max_factor = 1024.0);

// Capacity in an integer size (docs/energy.md, "Capacity in fan-in and neuron count"): the
// largest n in [1, max_n] for which `run_sized(n)` (a core run of the experiment with that size,
// e.g. a source's size = the fan-in of an all-to-all projection, or a population's size) meets
// the budget on every tick, and on 99% of ticks. Doubles from `start` until the budget is missed
// (or max_n is reached), then bisects to the exact integer. 0: even n = 1 misses it.
struct sized_result {
    std::uint64_t budget = 0;
    std::int64_t n_all = 0, n_p99 = 0;
    bool capped_all = false, capped_p99 = false;  // still within budget at max_n
    std::vector<probe> probes;                     // factor = n
};
using sized_runner = std::function<probe(std::int64_t n)>;
sized_result find_sized_capacity(std::int64_t start, std::int64_t max_n, const sized_runner& run_sized);

// The runner on the SystemC core.
probe run_core_at(const experiment& ex, double factor);

}  // namespace plasticore::capacity
