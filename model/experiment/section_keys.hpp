#pragma once
// The keys a table of an experiment file accepts, one list per table, defined beside the parser
// that reads them (parse_<section>.cpp). The loader refuses any other key with these lists
// (table_reader::allow_only); the fuzz mutator (tests/fuzz/mutator.cpp) writes keys from them,
// so a key added to the loader is fuzzed without a second list to keep in step.

#include <string_view>
#include <vector>

namespace plasticore {

const std::vector<std::string_view>& population_keys();   // [[population]]
const std::vector<std::string_view>& stimulation_keys();  // [[stimulation]]
const std::vector<std::string_view>& hardware_keys();     // [hardware] (and the presets)
const std::vector<std::string_view>& core_keys();         // [core]

}  // namespace plasticore
