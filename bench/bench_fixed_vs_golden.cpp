// song2000 (100 s at dt = 0.1 ms, 1000 Poisson inputs, pair STDP) in the golden model and in
// the fixed model (reference design and the spinnaker presets), timed in the same process on
// the same stimulus and network. Prints each time and the fixed / golden ratio (goal <= 2);
// times are process CPU time (median of the repetitions), which other jobs on a shared
// machine disturb less than wall-clock time.
//   bench_fixed_vs_golden [experiment.toml] [repetitions]
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "experiment/load_experiment.hpp"
#include "fixed/simulator.hpp"
#include "golden/simulator.hpp"
#include "experiment/time_steps.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {
template <typename F>
double median_seconds(int repetitions, F&& run) {
    std::vector<double> t;
    for (int k = 0; k < repetitions; ++k) {
        const std::clock_t start = std::clock();
        run();
        t.push_back(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml";
    const int repetitions = argc > 2 ? std::max(1, std::stoi(argv[2])) : 3;
    experiment ex = load_experiment(path);
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    std::printf("%s: %lld steps of %.3g ms, median CPU time of %d runs\n", path.c_str(),
                static_cast<long long>(step_count(ex.simulation)), ex.simulation.dt, repetitions);

    std::size_t spikes = 0;
    const double golden_s = median_seconds(repetitions, [&] { spikes = golden::run<double>(ex, stim, net).spikes.size(); });
    std::printf("golden (double)       %8.3f s  (%zu recorded spikes)\n", golden_s, spikes);
    for (const char* preset: {"reference", "spinnaker", "spinnaker-sr"}) {
        const experiment hx = load_experiment_from_string(
            "[simulation]\ndt_ms = 1.0\nduration_ms = 1.0\n[hardware]\npreset = \"" + std::string(preset) + "\"\n",
            "bench");
        const double fixed_s = median_seconds(repetitions, [&] { spikes = fixed::run(ex, stim, net, hx.hardware).spikes.size(); });
        std::printf("fixed (%-12s)   %8.3f s  (%zu recorded spikes)  ratio fixed/golden %.2f\n", preset, fixed_s,
                    spikes, fixed_s / golden_s);
    }
    return 0;
}
