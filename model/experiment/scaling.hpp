#pragma once
// Internal to the loader: the arithmetic of [scale] (docs/experiment-format.md, "Scaling a
// network"), the Potjans & Diesmann (2014) reference implementation's N_scaling and K_scaling.
// A network written at full size is simulated with population sizes times `neurons`, in-degrees
// times `in_degrees`, static weights divided by sqrt(in_degrees) (so that the input's variance
// is kept), and a DC current per population that replaces the mean input the smaller in-degrees
// lose (NEST's pynest/examples/Potjans_2014/helpers.py, adjust_weights_and_input_to_synapse_scaling).

#include <cstdint>

#include <experiment/experiment.hpp>

namespace plasticore::detail {

// A population's size after scaling: size x neurons, rounded to nearest with ties to even (NumPy's
// np.round, as the reference implementation), at least 1.
int scaled_size(int full_size, const scale_params& s);

// Synapse count of fixed_total_number after scaling: n x neurons x in_degrees, rounded to
// nearest, ties to even (the post population shrinks by `neurons`, each in-degree by `in_degrees`).
std::int64_t scaled_total_number(std::int64_t full_n, const scale_params& s);

// Every weight of the initial-weight distribution (mean, sd, bounds, value) divided by sqrt(in_degrees).
weight_init scaled_weight(const weight_init& w, const scale_params& s);

// The distribution's nominal mean [nA]: the value, the centre of a uniform, a normal's mean
// (before its bounds, as the reference implementation's mean PSC).
double nominal_mean(const weight_init& w);

// The DC [nA] that replaces the mean input lost when an in-degree of `in_degree` synapses of
// mean signed weight `weight_na`, each carrying `rate_hz` spikes per second into exponential
// currents of time constant `tau_syn_ms`, is scaled by s.in_degrees and its weights by
// 1 / sqrt(s.in_degrees):
//   I = 1e-3 tau_syn (1 - sqrt(k)) K w r        [nA; ms, -, nA, Hz]
double lost_input_dc(double tau_syn_ms, double weight_na, double in_degree, double rate_hz, const scale_params& s);

}  // namespace plasticore::detail
