// The SystemC core against the fixed model, timed in one run:
//   song2000 (100 s at dt 0.1 ms): core time / fixed time (target <= 5)
//   dense: 256 neurons, 1024 Poisson inputs at 10 Hz, all-to-all plastic, 10 s: synaptic
//   events per host second in fixed and in the core (issue #16 target: >= 20 million each)
// Each target is printed with PASS or MISS.
// Usage: bench_core [song2000 duration ms] [dense duration ms]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/core_model.hpp"
#include "experiment/load_experiment.hpp"
#include "fixed/simulator.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {
constexpr double max_core_over_fixed = 5.0;   // song2000
constexpr double min_dense_events_m = 20.0;   // dense, million synaptic events per host second

const char* verdict(bool pass) { return pass ? "PASS" : "MISS"; }

std::string with_duration(std::string text, const std::string& ms) {
    const auto at = text.find("\nduration_ms =");
    const auto end = text.find('\n', at + 1);
    return text.substr(0, at + 1) + "duration_ms = " + ms + text.substr(end);
}

void bench(const char* name, const std::string& text, bool dense) {
    const experiment ex = load_experiment_from_string(text, name);
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result f = fixed::run(ex, stim, net);
    const run_result c = core::run(ex, stim, net);
    const auto j = nlohmann::json::parse(c.core_report);
    const double events = j["events"]["synaptic_events"].get<double>();
    const double core_m = events / c.wall_seconds * 1e-6, fixed_m = events / f.wall_seconds * 1e-6;
    const double ratio = c.wall_seconds / f.wall_seconds;
    std::printf("%-9s fixed %7.3f s  core %7.3f s  core/fixed %5.2f  synaptic events %.3g  core %.2f M events/s"
                "  fixed %.2f M events/s  identical spikes %s  max acceleration %.1f\n",
                name, f.wall_seconds, c.wall_seconds, ratio, events, core_m, fixed_m,
                f.spikes.size() == c.spikes.size() && f.final_weights == c.final_weights ? "yes" : "NO",
                j["max_acceleration"].get<double>());
    if (dense)
        std::printf("%-9s target >= %.0f M events/s: fixed %s, core %s\n", name, min_dense_events_m,
                    verdict(fixed_m >= min_dense_events_m), verdict(core_m >= min_dense_events_m));
    else
        std::printf("%-9s target core/fixed <= %.0f: %s\n", name, max_core_over_fixed, verdict(ratio <= max_core_over_fixed));
}
}  // namespace

int main(int argc, char** argv) {
    const std::string song_ms = argc > 1 ? argv[1] : "100000.0";
    const std::string dense_ms = argc > 2 ? argv[2] : "10000.0";
    std::ifstream in(std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml");
    std::ostringstream song;
    song << in.rdbuf();
    bench("song2000", with_duration(song.str(), song_ms), false);
    const std::string dense = R"(
[simulation]
dt_ms = 0.1
duration_ms = 10000.0
seed = 3
[[population]]
name = "post"
size = 256
tau_m_ms = 10.0
c_m_nf = 0.25
v_rest_mv = -70.0
v_reset_mv = -65.0
v_thresh_mv = -50.0
t_ref_ms = 2.0
tau_syn_e_ms = 5.0
tau_syn_i_ms = 5.0
[[source]]
name = "inputs"
kind = "poisson"
size = 1024
rate_hz = 10.0
[[projection]]
name = "inputs_to_post"
pre = "inputs"
post = "post"
connector = "all_to_all"
weight_na = { uniform = [0.0, 0.02] }
delay_ms = 1.0
[projection.plasticity]
rule = "stdp_pair"
pairing = "all_to_all"
weight_dependence = "additive"
tau_plus_ms = 20.0
tau_minus_ms = 20.0
a_plus = 0.005
a_minus = 0.00525
w_min_na = 0.0
w_max_na = 0.02
[record]
spikes = ["post"]
)";
    bench("dense", with_duration(dense, dense_ms), true);
    return 0;
}
