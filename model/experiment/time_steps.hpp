#pragma once
// Conversion of times in ms to whole time steps. Every model layer uses these, so that a
// golden run and a hardware run put each event on the same step (docs/experiment-format.md,
// "Times and steps"). The 1e-9 tolerances absorb the error of dividing decimal ms values
// such as 0.3 / 0.1 = 2.9999999999999996.

#include <cstdint>

#include <experiment/experiment.hpp>

namespace plasticore {

// Step on which an event at time t [ms] lands: floor(t / dt + 1e-9).
std::int64_t time_to_step(double t_ms, double dt_ms);

// Number of steps of a run: floor(duration / dt + 1e-9) (docs/semantics.md).
std::int64_t step_count(const simulation_params& sim);

// Synaptic delay in steps: std::round(delay / dt), halves away from zero.
// Throws std::domain_error if that is below one step (the loader rejects such files first).
int delay_steps(double delay_ms, double dt_ms);

// Refractory period in steps, rounded up so a neuron is never refractory for less than t_ref:
// ceil(t_ref / dt - 1e-9). 0 for t_ref = 0.
int refractory_steps(double t_ref_ms, double dt_ms);

}  // namespace plasticore
