#pragma once
// The one exception type of the loader: its message is complete and ready to print,
// "FILE:LINE:COL: KEY: what is wrong (got VALUE)", so callers never reformat it.

#include <stdexcept>
#include <string>
#include <utility>

namespace plasticore {

struct experiment_error: std::runtime_error {
    explicit experiment_error(const std::string& message): std::runtime_error(message) {}
    // The same, with its parts, for callers that report the problem of a key under another
    // name (a command-line option that overrode it).
    experiment_error(const std::string& message, std::string key_, std::string problem_):
        std::runtime_error(message), key(std::move(key_)), problem(std::move(problem_)) {}

    std::string key;      // KEY, if the problem is at one
    std::string problem;  // "what is wrong (got VALUE)"
};

}  // namespace plasticore
