#pragma once
// Mutations of experiment files for the fuzz test: text-level changes of a valid experiment
// (and of the CSV files it names) that a hostile or careless user could make. Deterministic
// for a given generator state, so an input is reproduced from the seed and its index.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace plasticore::fuzz {

// An experiment and the files beside it (name -> text), as written into one directory.
struct input_files {
    std::string experiment;                    // experiment.toml
    std::map<std::string, std::string> files;  // e.g. spikes.csv, conn.csv
    std::vector<std::string> mutations;        // what was done, for the report
};

// One to three random mutations of `base`, chosen by `rng`.
input_files mutate(const input_files& base, std::mt19937_64& rng);

}  // namespace plasticore::fuzz
