#pragma once
// An experiment file with KEY=VALUE overrides applied to its TOML document before it is
// checked, so that an override is validated exactly like a value written in the file
// (docs/sweep.md, "Key paths"). Used by `plasticore sweep --set`.
//
// Key paths are dotted TOML paths:
//   simulation.duration_ms                      a key of a table
//   hardware.weight_bits                        a missing table or key is created
//   projection[0].plasticity.a_plus             an element of an array of tables, by index
//   projection.inputs_to_post.plasticity.a_plus an element of an array of tables, by its `name`
//   record.weights[0].interval_ms               nested arrays of tables alike
// Keys are bare TOML keys ([A-Za-z0-9_-]); quoted keys and inline arrays are not addressable.
// A value takes the type of the value it replaces (an integer written for a float key becomes
// a float); a new key's value is read as a bool (true/false), an integer, a float, or else a
// string. Surrounding double quotes force a string.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <experiment/experiment.hpp>

namespace plasticore {

using experiment_overrides = std::vector<std::pair<std::string, std::string>>;  // (key path, value)

// load_experiment(path) with `overrides` applied in order. Unchanged behaviour without
// overrides. Throws experiment_error naming the key path for a path that does not exist or a
// value of the wrong type; a value the loader rejects is reported by the loader, with the file
// shown as "PATH (with overrides)" since the positions are those of the rewritten document.
experiment load_experiment_with_overrides(const std::string& path, const experiment_overrides& overrides);

// The same from text in memory (see load_experiment_from_string).
experiment load_experiment_from_string_with_overrides(std::string_view toml_text,
                                                      const std::string& path_for_messages,
                                                      const std::string& base_dir,
                                                      const experiment_overrides& overrides);

}  // namespace plasticore
