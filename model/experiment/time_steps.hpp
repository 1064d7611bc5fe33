#pragma once
// Conversion of times in ms to whole time steps. Every model layer uses these, so that a
// golden run and a hardware run put each event on the same step (docs/experiment-format.md,
// "Times and steps"). The 1e-9 tolerances absorb the error of dividing decimal ms values
// such as 0.3 / 0.1 = 2.9999999999999996 or 0.35 / 0.1 = 3.4999999999999996.
//
// Every conversion saturates instead of overflowing: a time beyond any run (stop_ms = 1e300)
// becomes saturated_steps, past the end of the longest run the loader accepts (max_run_steps).

#include <cstdint>

#include <experiment/experiment.hpp>

namespace plasticore {

// The most steps of a run: spike trains index steps with 32 bits. 2^32 - 1 steps is five days
// of simulated time at dt = 0.1 ms.
constexpr std::int64_t max_run_steps = (std::int64_t{1} << 32) - 1;
// The saturation value of every conversion below, far past any run's end.
constexpr std::int64_t saturated_steps = std::int64_t{1} << 62;

// Step on which an event at time t [ms] lands: floor(t / dt + 1e-9), saturated to
// [-saturated_steps, saturated_steps].
std::int64_t time_to_step(double t_ms, double dt_ms);

// Number of steps of a run: floor(duration / dt + 1e-9) (docs/semantics.md), saturated.
std::int64_t step_count(const simulation_params& sim);

// A length [ms] as the nearest whole number of steps, halves up: floor(x / dt + 0.5 + 1e-9),
// saturated to [0, saturated_steps]. Delays and recording intervals use it.
std::int64_t nearest_steps(double length_ms, double dt_ms);

// Synaptic delay in steps: nearest_steps(delay, dt), so 0.15, 0.25 and 0.35 ms at dt = 0.1 ms
// are 2, 3 and 4 steps. Throws std::domain_error if that is below one step or above
// max_delay_steps (the loader rejects such files first).
constexpr std::int64_t max_delay_steps = std::int64_t{1} << 30;
int delay_steps(double delay_ms, double dt_ms);

// Refractory period in steps, rounded up so a neuron is never refractory for less than t_ref:
// ceil(t_ref / dt - 1e-9). 0 for t_ref = 0. Throws std::domain_error above 2^31 - 1 steps.
int refractory_steps(double t_ref_ms, double dt_ms);

// Sampling period of a recording in steps: nearest_steps(interval, dt), at least one step
// (0 ms records every step); an interval longer than any run samples only step 0.
std::int64_t interval_steps(double interval_ms, double dt_ms);

}  // namespace plasticore
