// The experiment of a subcommand, with --duration, --seed, --scale and --final-weights applied to its TOML document
// before it is checked: a command-line value meets exactly the checks of the file.

#include <stdexcept>

#include <fmt/format.h>

#include "commands.hpp"
#include "experiment/experiment_error.hpp"
#include "experiment/load_with_overrides.hpp"
#include "results/run_result.hpp"

namespace plasticore::cli {

experiment load_for_command(const std::string& path, const experiment_overrides_options& options) {
    experiment_overrides overrides;
    if (options.duration_ms) overrides.emplace_back("simulation.duration_ms", *options.duration_ms);
    if (options.seed) overrides.emplace_back("simulation.seed", *options.seed);
    if (options.scale) {
        overrides.emplace_back("scale.neurons", *options.scale);
        overrides.emplace_back("scale.in_degrees", *options.scale);
    }
    if (options.final_weights) overrides.emplace_back("record.final_weights", *options.final_weights);
    try {
        return load_experiment_with_overrides(path, overrides);
    }
    catch (const experiment_error& e) {
        // The option, not a position in the rewritten document, is what the user wrote.
        if (e.key == "simulation.seed" && options.seed)
            throw experiment_error(fmt::format("--seed {}: {}", *options.seed, e.problem), e.key, e.problem);
        if (e.key == "simulation.duration_ms" && options.duration_ms)
            throw experiment_error(fmt::format("--duration {}: {}", *options.duration_ms, e.problem), e.key, e.problem);
        if ((e.key == "scale.neurons" || e.key == "scale.in_degrees") && options.scale)
            throw experiment_error(fmt::format("--scale {}: {}", *options.scale, e.problem), e.key, e.problem);
        if (e.key == "record.final_weights" && options.final_weights)
            throw experiment_error(fmt::format("--final-weights {}: {}", *options.final_weights, e.problem), e.key,
                                   e.problem);
        throw;
    }
}

void blame_input(const experiment& ex, const std::function<void()>& f) {
    try {
        f();
    }
    catch (const std::invalid_argument& e) {
        throw experiment_error(fmt::format("{}: {}", ex.source_path, e.what()));
    }
    catch (const std::domain_error& e) {
        throw experiment_error(fmt::format("{}: {}", ex.source_path, e.what()));
    }
}

void print_warnings(const run_result& res) {
    for (const auto& w: res.warnings) fmt::print(stderr, "plasticore: warning: {}\n", w);
}

}  // namespace plasticore::cli
