#pragma once
// --model chip (docs/chip.md): the network mapped onto a chip of cores ([chip]) joined by a
// multicast router. One fixed::engine holds the arithmetic of the whole network (chip_stepper),
// so spikes, weights and state are bit-identical to fixed::run unless the router drops packets
// (router_full = "drop"); each core has its own tick controller, timed over the work of the
// neurons and synapses placed on it with the [core] costs, and spikes travel as AER packets
// through the router (router.hpp). run_result::chip_report holds summary.json's "chip".

#include <cstdint>
#include <functional>

#include "experiment/experiment.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::chip {

struct run_options {
    std::function<void(std::int64_t, std::int64_t)> progress;
};

// Throws chip::mapping_error when the network does not fit, std::invalid_argument like fixed::run.
run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options = {});

}  // namespace plasticore::chip
