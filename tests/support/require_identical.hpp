#pragma once
// Two runs' outputs (every one the result files hold) required bit-identical: spikes, final
// weights, counters, state samples, weight snapshots and spike counts.

#include <catch2/catch.hpp>

#include "results/run_result.hpp"

namespace plasticore::test {

// counters = false: all but the counters (core-rtl counts saturations from the RTL's flags,
// one per transaction, where the C++ units count every product; docs/rtl.md).
inline void require_identical(const run_result& f, const run_result& c, bool counters = true) {
    REQUIRE(c.spikes.size() == f.spikes.size());
    for (std::size_t i = 0; i < f.spikes.size(); ++i) {
        INFO("spike " << i);
        REQUIRE(c.spikes[i].step == f.spikes[i].step);
        REQUIRE(c.spikes[i].group == f.spikes[i].group);
        REQUIRE(c.spikes[i].neuron == f.spikes[i].neuron);
    }
    REQUIRE(c.final_weights == f.final_weights);  // exact doubles from the same integers
    if (counters) REQUIRE(c.counters == f.counters);
    REQUIRE(c.state.size() == f.state.size());
    for (std::size_t i = 0; i < f.state.size(); ++i) {
        REQUIRE(c.state[i].v == f.state[i].v);
        REQUIRE(c.state[i].i_e == f.state[i].i_e);
        REQUIRE(c.state[i].i_i == f.state[i].i_i);
    }
    REQUIRE(c.snapshots.size() == f.snapshots.size());
    for (std::size_t i = 0; i < f.snapshots.size(); ++i) REQUIRE(c.snapshots[i].weight == f.snapshots[i].weight);
    REQUIRE(c.counts.size() == f.counts.size());
    for (std::size_t i = 0; i < f.counts.size(); ++i) REQUIRE(c.counts[i].spikes == f.counts[i].spikes);
}

}  // namespace plasticore::test
