#pragma once
// Helpers shared by the fixed-model tests: run TOML text through golden and fixed, and
// hardware configurations of a given width.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "experiment/load_experiment.hpp"
#include "fixed/simulator.hpp"
#include "golden/simulator.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"
#include "support/example_text.hpp"

namespace plasticore::test {

inline experiment load_text(const std::string& text) { return load_experiment_from_string(text, "test.toml"); }

// Every format with `frac` fraction bits, nearest rounding everywhere, a table long enough
// for index shift 0: the model converges to golden as frac grows.
inline fixed::hardware_config wide_hardware(int frac) {
    namespace fp = fixed_point;
    fixed::hardware_config h;
    h.preset = "wide" + std::to_string(frac);
    h.v_format = fp::format(true, 16, frac);
    h.current_format = fp::format(true, 11, frac);
    h.propagator_format = fp::format(false, 0, frac);
    h.gain_format = fp::format(false, 8, frac);
    h.product_rounding = fp::rounding::nearest_even;
    h.weight_bits = frac < 32 ? frac : 32;
    h.weight_guard_bits = 8;
    h.weight_rounding = fp::rounding::nearest_even;
    h.ring_buffer_bits = h.weight_bits + 16 < 62 ? h.weight_bits + 16 : 62;
    h.trace_format = fp::format(true, 4, frac);
    h.lut_rounding = fp::rounding::nearest_even;
    h.lut_size = 65536;
    h.post_history = 1024;
    return h;
}

inline std::vector<std::int64_t> spike_steps(const run_result& r, std::uint32_t group = 0) {
    std::vector<std::int64_t> out;
    for (const auto& s: r.spikes) if (s.group == group) out.push_back(s.step);
    return out;
}

inline double rms_difference(const std::vector<double>& a, const std::vector<double>& b) {
    REQUIRE(a.size() == b.size());
    double sum = 0;
    for (std::size_t k = 0; k < a.size(); ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
    return a.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(a.size()));
}

inline double max_difference(const std::vector<double>& a, const std::vector<double>& b) {
    REQUIRE(a.size() == b.size());
    double m = 0;
    for (std::size_t k = 0; k < a.size(); ++k) m = std::max(m, std::abs(a[k] - b[k]));
    return m;
}

inline std::vector<double> recorded_v(const run_result& r) {
    std::vector<double> v;
    for (const auto& s: r.state) v.push_back(s.v);
    return v;
}

}  // namespace plasticore::test
