#include <fmt/format.h>

#include "commands.hpp"
#include "experiment/load_experiment.hpp"

namespace plasticore::cli {

int validate_command(const std::string& experiment_path) {
    const experiment ex = load_experiment(experiment_path);
    fmt::print("{}: valid\n{}", experiment_path, describe(ex));
    return 0;
}

}  // namespace plasticore::cli
