#include "fixed/simulator.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "fixed/engine.hpp"
#include "schedule/step_schedule.hpp"

namespace plasticore::fixed {

run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options) {
    return run(ex, stim, net, ex.hardware, options);
}

// A thin loop over the engine (fixed/engine.hpp): the phases of each step in contract order.
run_result run(const experiment& ex, const stimulus& stim, const network& net, const hardware_config& hw,
               const run_options& options) {
    const auto wall_start = std::chrono::steady_clock::now();
    engine e(ex, stim, net, hw);
    e.set_threads(options.threads);
    const std::int64_t n_steps = e.steps();
    const std::int64_t progress_every = std::max<std::int64_t>(1, n_steps / 200);
    std::vector<aer_event> events;
    for (std::int64_t n = 0; n < n_steps; ++n) {
        schedule::run_step([&](auto phase_c) {
            constexpr schedule::phase p = decltype(phase_c)::value;  // a switch on a constant
            switch (p) {
            case schedule::phase::begin_step: e.begin_step(n); break;
            case schedule::phase::neuron_update: e.neuron_phase(); break;
            case schedule::phase::spike_dispatch:
                events.clear();
                e.collect_spikes(n, events);
                for (const aer_event& ev: events) e.enqueue(ev);
                break;
            case schedule::phase::arrivals: e.synapse_phase(n); break;
            case schedule::phase::input_fold: e.fold_inputs(); break;
            case schedule::phase::modulators: e.modulator_phase(n); break;
            case schedule::phase::post_plasticity: e.post_phase(n); break;
            case schedule::phase::periodic: e.periodic_phase(n); break;
            case schedule::phase::end_step: e.end_step(n); break;
            }
        });
        if (options.progress && (n + 1) % progress_every == 0) options.progress(n + 1, n_steps);
    }
    e.flush();
    run_result res = e.finish();
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return res;
}

}  // namespace plasticore::fixed
