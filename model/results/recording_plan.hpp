#pragma once
// What to sample at which step, resolved once from the experiment's [record] section so that
// every layer samples the same neurons and weights at the same steps without looking names up
// in its step loop.

#include <cstdint>
#include <vector>

#include "experiment/experiment.hpp"

namespace plasticore {

struct state_probe {
    std::uint32_t population;             // index into experiment::populations
    std::vector<std::uint32_t> neurons;   // explicit list (an empty recording list is expanded)
    std::int64_t every;                   // [steps], >= 1; sampled when step % every == 0
};

struct weight_probe {
    std::uint32_t projection;  // index into experiment::projections
    std::int64_t every;        // [steps], >= 1
};

struct recording_plan {
    std::vector<state_probe> state;
    std::vector<weight_probe> weights;  // only recordings with an interval; final weights always
};

recording_plan make_recording_plan(const experiment& ex);

}  // namespace plasticore
