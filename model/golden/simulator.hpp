#pragma once
// The golden model: the reference semantics of docs/semantics.md in floating point, generic
// over the scalar type (double, or golden::high_precision for 50 significant digits).

#include <cstdint>
#include <functional>

#include "experiment/experiment.hpp"
#include "math/scalar.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::golden {

// The scalars golden runs with (model/math/scalar.hpp).
using math::high_precision;
using math::exp_of;
using math::expm1_of;
using math::to_double;

struct run_options {
    // Called now and then with (steps done, steps in all); for progress bars.
    std::function<void(std::int64_t, std::int64_t)> progress;
    // Threads for synapse delivery when no projection has a rule (projections shared out by
    // post population: model/schedule/projection_team.hpp); results do not depend on it.
    unsigned threads = 1;
};

template <typename Real>
run_result run(const experiment& ex, const stimulus& stim, const network& net,
               const run_options& options = {});

}  // namespace plasticore::golden
