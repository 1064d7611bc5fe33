#pragma once
// The input spike trains of an experiment, generated once from its seed and shared by every
// model layer (golden, fixed, core, rtl) and by the Brian2 cross-check, which reads them from
// a file. Two layers fed the same stimulus differ only by their own arithmetic and timing.

#include <cstdint>
#include <vector>

#include "experiment/experiment.hpp"
#include "experiment/time_steps.hpp"

namespace plasticore {

// The spikes of one source, ordered by step and, within a step, by channel.
struct spike_train {
    std::vector<std::int64_t> steps;
    std::vector<std::uint32_t> channels;
    // Spikes that fell on a step where their channel already spiked: a channel emits at most
    // one spike per step, as in Brian2's SpikeGeneratorGroup.
    std::uint64_t merged_in_step = 0;
    // Reward sources only: the amount of each event [1/s]; events in one step are merged and
    // their amounts summed.
    std::vector<double> amounts;
};

struct stimulus {
    std::vector<spike_train> sources;  // indexed like experiment::sources
};

// Spikes at steps in [0, step_count(simulation)), each time placed by time_to_step()
// (experiment/time_steps.hpp). Throws std::invalid_argument for a source whose
// spikes would fall before t = 0 (a pairing stream with a negative offset and too early a start).
stimulus generate_stimulus(const experiment& ex);

}  // namespace plasticore
