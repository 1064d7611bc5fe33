#pragma once
// What the sweep tests share: a temporary directory, file reading and a small sweep.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "layers/run_model.hpp"
#include "sweep/sweep.hpp"

namespace plasticore::sweep {

namespace fs = std::filesystem;

inline std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A fresh directory under the system's temporary directory, removed with everything in it.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("plasticore_sweep_test_" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

inline bool has_fixed() {
    const auto& n = model_names();
    return std::find(n.begin(), n.end(), "fixed") != n.end();
}

// song2000 shortened to 300 ms with 100 inputs: 3 x 2 points x 2 seeds = 12 runs.
inline sweep_spec small_spec() {
    sweep_spec s;
    s.experiment_path = std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml";
    s.axes = {{"simulation.duration_ms", {"300"}},
              {"source.inputs.size", {"100"}},
              {"hardware.weight_bits", {"5", "6", "8"}},
              {"hardware.weight_rounding", {"floor", "stochastic"}}};
    s.seeds = 2;
    s.seeds_given = true;
    s.seed_base = 11;
    s.reference = "golden";
    s.candidate = has_fixed() ? "fixed" : "golden";
    return s;
}

}  // namespace plasticore::sweep
