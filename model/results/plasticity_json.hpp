#pragma once
// The plasticity rule registry and an experiment's rules as JSON, read by tools outside the
// simulator: `plasticore rules --json`, the Brian2 cross-check (which builds each plastic
// projection's Synapses from the rule's declared Brian2 code), the Python module.

#include <nlohmann/json.hpp>

#include "experiment/experiment.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore {

// Every rule of the registry: name, summary, reference, parameters (key, unit, default,
// allowed, description, choices), state variables (name, owner, format key, unit), events.
nlohmann::json rules_json();

// plasticity.json of a run with --write-inputs: per plastic projection its rule, parameter
// values and Brian2 code; per reward source its events (step, amount).
nlohmann::json plasticity_json(const experiment& ex, const stimulus& stim);

}  // namespace plasticore
