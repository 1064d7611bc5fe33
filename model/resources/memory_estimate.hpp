#pragma once
// How much memory a run of an experiment needs, estimated from the experiment alone before
// anything is allocated, so that an input that cannot fit (size = 2^31, rate_hz = 1e9,
// dt_ms = 1e-7, delay_ms = 1e8) is refused at once with the figure instead of failing a minute
// later with std::bad_alloc or meeting the OOM killer (docs/experiment-format.md, "Memory").
//
// The estimate adds, per part of the experiment, the bytes of the data structures the layers
// build (stimulus generation and its step-indexed merge, the synapse table and its build, the
// per-layer weights and delay lines, the plasticity state, the recordings). Spikes of
// populations depend on the dynamics and are not counted. It is meant to be within a factor
// of two of the peak for inputs that are large enough to matter.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiment/experiment.hpp"

namespace plasticore {

// The run needs more memory than is available (exit status 3 of the command line).
struct memory_limit_error: std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct memory_item {
    std::string what;  // "source 'inputs': 1.5e6 spikes"
    double bytes = 0;
};

struct memory_estimate {
    std::vector<memory_item> items;
    double total_bytes = 0;
    // Limits of the data structures that no amount of memory lifts (32-bit synapse and spike
    // indices): the run is refused even with --allow-memory.
    std::vector<std::string> hard_limits;
};

// The estimate for one run of each of `models` ("golden", "fixed", "core", "core-rtl"; "high"
// precision golden as "golden-high") on one shared stimulus and network.
memory_estimate estimate_memory(const experiment& ex, const std::vector<std::string>& models);

// Plasticity state of one projection beyond its weights [bytes], per rule: pair STDP keeps
// nothing extra per synapse, a pre trace and a last arrival step per row segment, and
// hardware.post_history entries per post neuron (step and trace). A new rule adds its case here.
double plasticity_state_bytes(const projection& p, double synapses, double row_segments, int n_post,
                              const fixed::hardware_config& hw);

// Bytes this process may still allocate: the least of the machine's MemAvailable, the
// cgroup's memory.max minus memory.current, RLIMIT_AS and the environment variable
// PLASTICORE_MEMORY_LIMIT_MB (a cap of one's own on a shared machine); none if none is known.
std::optional<double> available_memory_bytes();

// "1.2 GiB"
std::string format_bytes(double bytes);

// A few lines for `plasticore validate`: the total, the largest items, the memory available.
std::string describe_memory(const memory_estimate& estimate, const std::optional<double>& available);

// Throws memory_limit_error with the estimate, its largest items and the limit when the
// estimate exceeds the available memory (unless `allow`) or a hard limit is exceeded.
void check_memory(const experiment& ex, const std::vector<std::string>& models, bool allow);

}  // namespace plasticore
