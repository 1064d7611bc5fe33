#pragma once
// Helpers of the core tests: run an experiment through fixed and core and require every
// output the result files hold to be bit-identical.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/core_model.hpp"
#include "experiment/load_experiment.hpp"
#include "fixed/simulator.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"
#include "support/example_text.hpp"
#include "support/require_identical.hpp"

namespace plasticore::test {

struct both_runs {
    run_result fixed, core;
};

inline both_runs run_both(const experiment& ex, const core::run_options& o = {}) {
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    return {fixed::run(ex, stim, net), core::run(ex, stim, net, o)};
}

}  // namespace plasticore::test
