#pragma once
// Helpers shared by the golden-model tests: run an experiment given as TOML text.

#include <catch2/catch.hpp>

#include <string>

#include "experiment/load_experiment.hpp"
#include "golden/simulator.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::test {

// A population `post` of one neuron with the given extra keys, after a [simulation] table.
inline std::string one_neuron(double duration_ms, const std::string& neuron_keys) {
    return "[simulation]\ndt_ms = 0.1\nduration_ms = " + std::to_string(duration_ms) +
           "\nseed = 3\n[[population]]\nname = \"post\"\nsize = 1\ntau_m_ms = 10.0\nc_m_nf = 0.25\n"
           "v_rest_mv = -65.0\nv_reset_mv = -70.0\nv_thresh_mv = -50.0\nt_ref_ms = 2.0\n"
           "tau_syn_e_ms = 5.0\ntau_syn_i_ms = 3.0\n" + neuron_keys + "\n";
}

template <typename Real = double>
run_result run_toml(const std::string& text) {
    const experiment ex = load_experiment_from_string(text, "test.toml");
    return golden::run<Real>(ex, generate_stimulus(ex), build_network(ex));
}

inline std::vector<double> recorded_v(const run_result& r) {
    std::vector<double> v;
    for (const auto& s: r.state) v.push_back(s.v);
    return v;
}

inline std::vector<std::int64_t> spike_steps(const run_result& r, std::uint32_t group = 0) {
    std::vector<std::int64_t> out;
    for (const auto& s: r.spikes) if (s.group == group) out.push_back(s.step);
    return out;
}

}  // namespace plasticore::test
