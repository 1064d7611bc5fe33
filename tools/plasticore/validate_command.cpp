#include <fmt/format.h>

#include "commands.hpp"
#include "experiment/load_experiment.hpp"
#include "resources/memory_estimate.hpp"

namespace plasticore::cli {

int validate_command(const std::string& experiment_path) {
    const experiment ex = load_experiment(experiment_path);
    fmt::print("{}: valid\n{}", experiment_path, describe(ex));
    // One run of the fixed layer (golden's is the same size; core adds its per-tick figures).
    fmt::print("{}", describe_memory(estimate_memory(ex, {"fixed"}), available_memory_bytes()));
    return 0;
}

}  // namespace plasticore::cli
