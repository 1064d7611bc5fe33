#include <experiment/time_steps.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace plasticore {

namespace {
constexpr double tolerance = 1e-9;

// floor(x) as an integer in [-saturated_steps, saturated_steps]; NaN (0/0 cannot come from a valid file)
// is treated as past the end.
std::int64_t saturated_floor(double x) {
    const double limit = static_cast<double>(saturated_steps);
    if (!(x < limit)) return saturated_steps;
    if (x < -limit) return -saturated_steps;
    return static_cast<std::int64_t>(std::floor(x));
}
}  // namespace

std::int64_t time_to_step(double t_ms, double dt_ms) { return saturated_floor(t_ms / dt_ms + tolerance); }

std::int64_t step_count(const simulation_params& sim) { return time_to_step(sim.duration, sim.dt); }

std::int64_t nearest_steps(double length_ms, double dt_ms) {
    return std::max<std::int64_t>(0, saturated_floor(length_ms / dt_ms + 0.5 + tolerance));
}

int delay_steps(double delay_ms, double dt_ms) {
    const std::int64_t steps = nearest_steps(delay_ms, dt_ms);
    if (steps < 1) {
        throw std::domain_error(fmt::format("delay_steps: a delay of {} ms is less than one step of {} ms",
                                            delay_ms, dt_ms));
    }
    if (steps > max_delay_steps) {
        throw std::domain_error(fmt::format("delay_steps: a delay of {} ms is more than {} steps of {} ms",
                                            delay_ms, max_delay_steps, dt_ms));
    }
    return static_cast<int>(steps);
}

int refractory_steps(double t_ref_ms, double dt_ms) {
    const double steps = std::ceil(t_ref_ms / dt_ms - tolerance);
    if (!(steps <= std::numeric_limits<int>::max())) {
        throw std::domain_error(fmt::format("refractory_steps: t_ref = {} ms is more than {} steps of {} ms",
                                            t_ref_ms, std::numeric_limits<int>::max(), dt_ms));
    }
    return std::max(0, static_cast<int>(steps));
}

std::int64_t interval_steps(double interval_ms, double dt_ms) {
    return std::max<std::int64_t>(1, nearest_steps(interval_ms, dt_ms));
}

}  // namespace plasticore
