#pragma once
// The C++ side of the Python module: handles that keep what a run needs alive, and the
// functions that register each part with pybind11. No simulation code lives here: every
// call goes to the same libraries as the command line (run_model, write_results, compare).

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "experiment/experiment.hpp"
#include "experiment/load_with_overrides.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::python {

// Where an experiment came from, so overrides can be applied to its TOML document and checked
// by the loader exactly as `plasticore sweep --set` does.
struct experiment_source {
    std::string path;      // a file; empty when `text` holds the document
    std::string text;      // TOML text (Experiment.from_dict, from_toml)
    std::string name;      // the FILE of error messages for `text`
    std::string base_dir;  // files named by `text` are relative to it
};

struct experiment_handle {
    experiment_source source;
    experiment ex;  // loaded and checked, without overrides

    // The experiment again with `overrides` applied (checked by the loader).
    experiment with_overrides(const experiment_overrides& overrides) const;
};

// A finished run with everything its result files need.
struct result_handle {
    std::shared_ptr<const experiment> ex;
    std::shared_ptr<const stimulus> stim;
    std::shared_ptr<const network> net;
    run_result res;
};

void register_experiments(pybind11::module_& m);
void register_results(pybind11::module_& m);

}  // namespace plasticore::python
