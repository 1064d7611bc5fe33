#pragma once
// The slot scale of an input bank chosen from the expected input, as sPyNNaker chooses its
// ring-buffer-to-input left shift (docs/datapath.md, "Input shift from the expected input";
// sPyNNaker: AbstractPopulationVertex.get_ring_buffer_shifts and
// _ring_buffer_expected_upper_bound in spynnaker/pyNN/models/neuron/abstract_population_vertex.py).
// The other rule, from w_max alone, is choose_slot_shift in weight_scale.hpp.

#include <cstddef>
#include <vector>

namespace plasticore::fixed {

// What one incoming projection brings into one (population, receptor) bank.
struct projection_input {
    double weight_mean = 0.0;  // of its weights [nA]
    double weight_var = 0.0;   // population variance of its weights [nA^2]
    double weight_top = 0.0;   // largest weight it can send (plastic: w_max) [nA]
    double delay_var = 0.0;    // population variance of its delays [steps^2]
    std::size_t fan_in = 0;    // most of its synapses onto one post neuron
    double rate_hz = 0.0;      // firing rate assumed for its presynaptic neurons [Hz]
};

// sum_{k=0}^{n} e^-lambda lambda^k / k!  (Poisson CDF at n; 0 for n < 0). lambda >= 0.
double poisson_cdf(long n, double lambda);

// sPyNNaker's bound on one slot of the bank in one step [nA]: with N = sum fan_in,
// m, s the mean and SD of the weights over all N synapses, r the fan-in-weighted mean rate,
// lambda = N r dt, U = round(lambda + 3 sqrt(lambda)),
//   B_poisson = lambda m + sigma sqrt(lambda m^2 + lambda s^2 P(K <= U - 1)),
//   B_total   = sum_p fan_in_p w_top_p  (every presynaptic neuron spikes in the step),
//   B = max(B_total, w_top)                    if every delay variance is 0,
//       max(min(B_poisson, B_total), w_top)    otherwise.
// dt in ms. Throws std::invalid_argument naming input_sigma for a sigma that is not > 0.
double expected_input_bound(const std::vector<projection_input>& inputs, double dt_ms, double sigma);

// The slot scale k_slot (slot LSB 2^k_slot nA) for a bound B [nA]: sPyNNaker's left shift
// p = max(0, ceil(log2 B)), plus one when 2^p <= B (0 for B <= 0), gives a uint16 ring entry
// r the value r 2^(p - 15) nA, a range of 2^(p + 1) nA; a slot of ring_buffer_bits b keeps
// that range: k_slot = p + 1 - b.
int expected_input_slot_shift(double bound_na, int ring_buffer_bits);

}  // namespace plasticore::fixed
