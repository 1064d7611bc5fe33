#pragma once
// The bit-true datapath model: docs/semantics.md computed in the integer formats of
// docs/datapath.md, with SpiNNaker's deferred STDP. Same outputs as the golden model; state
// and weights are reported converted to mV and nA, and `counters` holds every saturation,
// wrap, clip and lost history entry by variable name.

#include <cstdint>
#include <functional>

#include "experiment/experiment.hpp"
#include "config/hardware_config.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::fixed {

struct run_options {
    // Called now and then with (steps done, steps in all).
    std::function<void(std::int64_t, std::int64_t)> progress;
    // Threads for synapse delivery when no projection has a rule (projections shared out by
    // post population: model/schedule/projection_team.hpp); results do not depend on it.
    unsigned threads = 1;
};

// Throws std::invalid_argument when a host constant does not fit its format (the message
// names the constant, the population or projection and the [hardware] key).
run_result run(const experiment& ex, const stimulus& stim, const network& net,
               const hardware_config& hardware, const run_options& options = {});

// run() with ex.hardware.
run_result run(const experiment& ex, const stimulus& stim, const network& net,
               const run_options& options = {});

}  // namespace plasticore::fixed
