#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "commands.hpp"
#include "experiment/load_experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "progress_bar.hpp"
#include "results/plasticity_json.hpp"
#include "results/result_directory.hpp"
#include "results/write_results.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::cli {

int run_command(const run_options& options) {
    experiment ex = load_experiment(options.experiment_path);
    if (options.duration_ms) ex.simulation.duration = *options.duration_ms;
    if (options.seed) ex.simulation.seed = *options.seed;

    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    std::filesystem::create_directories(options.out_dir);  // an unusable --out fails before the run

    progress_bar bar(fmt::format("{} {}", options.model, options.experiment_path));
    model_options run_opts;
    run_opts.precision = options.precision;
    run_opts.vcd_path = options.vcd_path;
    if (!options.vcd_window.empty()) {
        const auto colon = options.vcd_window.find(':');
        if (colon == std::string::npos) throw std::invalid_argument("--vcd-window must be FROM:TO in ms");
        run_opts.vcd_window = {std::stod(options.vcd_window.substr(0, colon)),
                               std::stod(options.vcd_window.substr(colon + 1))};
    }
    if (!options.quiet) run_opts.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    run_result res = run_model(options.model, ex, stim, net, run_opts);
    bar.finish();

    write_run_directory(options.out_dir, ex, stim, net, res, options.write_inputs);

    if (!options.quiet) {
        fmt::print("{} model, {} steps of {} ms in {:.3f} s\n", res.model, res.steps, res.dt, res.wall_seconds);
        for (const auto& c: res.counts) {
            if (!c.is_population) continue;
            fmt::print("  {:<20} {:>10} spikes  {:8.3f} Hz\n", c.name, c.spikes,
                       static_cast<double>(c.spikes) / (static_cast<double>(res.steps) * res.dt * 1e-3 * c.size));
        }
        fmt::print("results written to {}/\n", options.out_dir);
    }
    return 0;
}

}  // namespace plasticore::cli
