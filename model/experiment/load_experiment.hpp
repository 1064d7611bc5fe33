#pragma once
// Reads and checks an experiment file (docs/experiment-format.md). Everything the models may
// assume about an experiment is checked here, once; every problem is an experiment_error whose
// message reads "FILE:LINE:COL: KEY: what is wrong (got VALUE)".

#include <string>
#include <string_view>

#include <experiment/describe.hpp>
#include <experiment/experiment.hpp>
#include <experiment/experiment_error.hpp>
#include <experiment/lookup.hpp>
#include <experiment/time_steps.hpp>

namespace plasticore {

// Reads the file at `path`; files it names (spike and connection CSVs) are relative to it.
experiment load_experiment(const std::string& path);

// Same, from text already in memory. `path_for_messages` is the FILE of error messages and
// becomes experiment::source_path; files the text names are relative to `base_dir`.
experiment load_experiment_from_string(std::string_view toml_text,
                                       const std::string& path_for_messages,
                                       const std::string& base_dir = ".");

}  // namespace plasticore
