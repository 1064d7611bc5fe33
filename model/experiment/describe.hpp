#pragma once
// Human-readable, multi-line summary of an experiment (`plasticore validate`).

#include <string>

#include <experiment/experiment.hpp>

namespace plasticore {

std::string describe(const experiment& e);

}  // namespace plasticore
