#pragma once
// Result files of a run (docs/outputs.md): spikes.csv, weights.csv, state.csv, summary.json and,
// where the experiment asks for it, stdp_window.csv. Numbers are written in the shortest form
// that reads back to the same double, so equal results give byte-identical files.

#include <nlohmann/json.hpp>
#include <string>

#include "experiment/experiment.hpp"
#include "network/network.hpp"
#include "results/result_directory.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore {

// Writes every result file of `res` into `out` (staged; the caller commits).
void write_results(const experiment& ex, const network& net, const run_result& res,
                   const result_directory& out);

// A run's result files as `plasticore run` writes them: the result files and, with
// `write_inputs`, stimulus.csv, network.csv and plasticity.json; staged in `out` (the caller
// commits, summary.json last). The command line and the Python module both write through it.
void write_run_files(const result_directory& out, const experiment& ex, const stimulus& stim,
                     const network& net, const run_result& res, bool write_inputs);

// The same into DIR: takes the directory (refused if another run holds it), writes, commits.
void write_run_directory(const std::string& dir, const experiment& ex, const stimulus& stim,
                         const network& net, const run_result& res, bool write_inputs);

// The summary.json object: model, steps, per-group spike counts and rates, weight statistics,
// counters, wall-clock seconds.
nlohmann::json summary_json(const experiment& ex, const run_result& res);

// The input spike trains as CSV (source,channel,step,time_ms), for external simulators.
void write_stimulus_csv(const experiment& ex, const stimulus& stim, const std::string& path);

// Every synapse (projection,pre,post,delay_steps,weight_na) with its initial weight.
void write_network_csv(const experiment& ex, const network& net, const std::string& path);

}  // namespace plasticore
