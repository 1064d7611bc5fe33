#pragma once
// Constants computed on the host in double and stored in a hardware format (nearest, ties to
// even): the neuron unit's potentials and propagators, the STDP unit's amplitudes and trace
// decays. A format too narrow for a constant either cannot hold it (an error) or silently
// changes what it does: gain_format = "s1.0" makes every gain 0, so no input reaches the
// membrane; propagator_format = "u1.0" makes every decay exactly 1. Those become warnings in
// run_result::warnings (summary.json and the command line), naming the variable, its exact
// and its quantized value.

#include <cstdint>
#include <string>
#include <vector>

#include "fixed_point/format.hpp"

namespace plasticore::fixed {

enum class constant_role {
    value,  // a quantity: losing it (non-zero -> 0) loses the term it scales
    decay,  // a factor in (0, 1): 1 means no decay, 0 means everything vanishes in one step
};

// x in format f. Throws std::invalid_argument "NAME = X does not fit hardware.KEY FORMAT" if x
// saturates f; appends a warning to `warnings` if the quantized value defeats the role.
std::int64_t host_constant(double x, const fixed_point::format& f, constant_role role, const std::string& name,
                           const std::string& format_key, std::vector<std::string>& warnings);

// The warning of host_constant alone, for values the datapath saturates by design (a weight
// arriving in the current format): never throws.
void warn_if_degenerate(double x, const fixed_point::format& f, constant_role role, const std::string& name,
                        const std::string& format_key, std::vector<std::string>& warnings);

}  // namespace plasticore::fixed
