#pragma once
// The mapper (docs/chip.md, "Mapper"): places populations and spike sources on cores in
// experiment order, cutting a group into slices where a core runs out of neurons or synapse
// memory (a synapse is stored at the core of its post neuron, as on SpiNNaker), and builds the
// multicast routing table.

#include <stdexcept>

#include "chip/placement.hpp"
#include "config/chip_config.hpp"
#include "experiment/experiment.hpp"
#include "network/network.hpp"

namespace plasticore::chip {

// A network that does not fit the chip; the message names the group and what is missing.
struct mapping_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

placement map_network(const experiment& ex, const network& net, const chip_config& cfg);

}  // namespace plasticore::chip
