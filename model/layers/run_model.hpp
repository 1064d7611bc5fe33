#pragma once
// One entry point for every model layer, selected by name ("golden", later "fixed", "core",
// "core-rtl"), so the command line, compare and sweep run any layer the same way, on the same
// stimulus and network.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "experiment/experiment.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore {

struct model_options {
    std::string precision = "double";  // golden only: "double" or "high" (50 digits)
    // golden and fixed: threads for synapse delivery (model/schedule/projection_team.hpp);
    // results do not depend on it.
    unsigned threads = 1;
    // Called now and then with (steps done, steps in all).
    std::function<void(std::int64_t, std::int64_t)> progress;
    // core only: a SystemC VCD of the core's visible signals, and its window [from, to) in
    // ms (to < 0: to the end).
    std::string vcd_path;
    std::pair<double, double> vcd_window{0.0, -1.0};
    // core-rtl only: the verilated unit that runs pair STDP, "engine" (rtl/learning_engine.sv)
    // or "pair" (rtl/stdp_update_unit.sv); docs/rtl.md, "Co-simulation".
    std::string rtl_unit = "engine";
};

// The layers run_model() knows, in chain order.
const std::vector<std::string>& model_names();

// Throws std::invalid_argument naming the model for an unknown name.
run_result run_model(const std::string& model, const experiment& ex, const stimulus& stim,
                     const network& net, const model_options& options = {});

}  // namespace plasticore
