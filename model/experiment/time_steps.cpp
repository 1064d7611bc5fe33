#include <experiment/time_steps.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace plasticore {

namespace {
constexpr double tolerance = 1e-9;

int checked_int(double steps, const char* what) {
    if (!std::isfinite(steps) || steps > std::numeric_limits<int>::max()) {
        throw std::domain_error(std::string(what) + ": too many steps");
    }
    return static_cast<int>(steps);
}
}  // namespace

std::int64_t time_to_step(double t_ms, double dt_ms) {
    return static_cast<std::int64_t>(std::floor(t_ms / dt_ms + tolerance));
}

std::int64_t step_count(const simulation_params& sim) {
    return static_cast<std::int64_t>(std::floor(sim.duration / sim.dt + tolerance));
}

int delay_steps(double delay_ms, double dt_ms) {
    int steps = checked_int(std::round(delay_ms / dt_ms), "delay_steps");
    if (steps < 1) {
        throw std::domain_error("delay_steps: a delay of " + std::to_string(delay_ms) +
                                " ms is less than one step of " + std::to_string(dt_ms) + " ms");
    }
    return steps;
}

int refractory_steps(double t_ref_ms, double dt_ms) {
    return std::max(0, checked_int(std::ceil(t_ref_ms / dt_ms - tolerance), "refractory_steps"));
}

}  // namespace plasticore
