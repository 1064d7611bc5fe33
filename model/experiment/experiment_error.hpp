#pragma once
// The one exception type of the loader: its message is complete and ready to print,
// "FILE:LINE:COL: KEY: what is wrong (got VALUE)", so callers never reformat it.

#include <stdexcept>
#include <string>

namespace plasticore {

struct experiment_error: std::runtime_error {
    explicit experiment_error(const std::string& message): std::runtime_error(message) {}
};

}  // namespace plasticore
