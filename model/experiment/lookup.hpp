#pragma once
// Name look-ups the simulators need. Populations and spike sources share one namespace
// (a projection's pre may be either), so a name finds at most one of them.

#include <cstddef>
#include <string_view>

#include <experiment/experiment.hpp>

namespace plasticore {

const population* find_population(const experiment& e, std::string_view name);
const spike_source* find_source(const experiment& e, std::string_view name);
const projection* find_projection(const experiment& e, std::string_view name);

// Size of the population or source called `name`; throws experiment_error if there is none.
int source_or_population_size(const experiment& e, std::string_view name);

// Whether weights.csv holds the final weights of projection k (an index into e.projections),
// by [record] final_weights.
bool writes_final_weights(const experiment& e, std::size_t k);

}  // namespace plasticore
