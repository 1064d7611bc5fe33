#pragma once
// The cycle-accurate SystemC core (docs/architecture.md): tick controller, AER input FIFO and
// delay-line writer, synapse pipeline with the plasticity socket, neuron-update engine and
// post unit, each one SC_THREAD that drives the fixed engine (fixed/engine.hpp) through one
// phase of a step and then waits the cycles that work costs. Results are bit-identical to
// fixed::run (unless fifo_full = "drop" loses spikes); run_result::core_report holds the
// timing report (summary.json "core").

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/core_config.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "experiment/experiment.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::core {

class plasticity_socket;
}  // namespace plasticore::core
namespace plasticore::fixed {
class engine;
struct segment_work;
struct periodic_work;
}  // namespace plasticore::fixed
namespace plasticore::core {

struct run_options {
    std::function<void(std::int64_t, std::int64_t)> progress;
    std::string vcd_path;                  // empty: no waveform
    std::pair<double, double> vcd_window{0.0, -1.0};  // [from, to) [ms]; to < 0: to the end
    // Replaces the C++ plasticity unit (e.g. the RTL wrapper); not owned.
    plasticity_socket* socket = nullptr;
    // Called with the engine once it is built (a socket may need its units' state).
    std::function<void(fixed::engine&)> engine_hook;
};

// Per-tick and per-block figures; to_json() gives summary.json's "core" object.
struct core_stats {
    std::uint64_t total_cycles = 0;       // end of the last tick
    std::uint64_t budget_cycles = 0;      // per tick: dt at the clock
    std::vector<std::uint32_t> busy;      // busy cycles of each tick
    std::uint64_t overruns = 0;           // ticks that ended after their slot's end
    std::uint64_t late_start_cycles = 0;  // cycles ticks started after their slot (real time)
    std::uint64_t neuron_busy = 0, aer_busy = 0, synapse_busy = 0, post_busy = 0;
    // Oscillating-bias generator: block evaluations, and their cycles (part of neuron_busy).
    std::uint64_t oscillator_evaluations = 0, oscillator_busy = 0;
    std::uint64_t synaptic_events = 0, history_replayed = 0, depressions = 0, write_backs = 0;
    std::uint64_t row_segments = 0, plastic_segments = 0, aer_events = 0, aer_dropped = 0, spikes_out = 0;
    std::uint64_t fifo_high_water = 0, backpressure_stall_cycles = 0, sram_port_stall_cycles = 0;
    std::uint64_t plasticity_ops = 0;    // further plasticity transactions (fixed::segment_work::extra_ops)
    std::uint64_t modulator_events = 0;  // modulator entries written
    std::uint64_t flush_replayed = 0;
    // Periodic rules: projection sweeps run, synapses swept, cycles the sweeps took (part of
    // synapse_busy).
    std::uint64_t periodic_sweeps = 0, periodic_synapses = 0, periodic_busy = 0;
    std::array<std::uint64_t, fixed::op_count> transactions{};  // plasticity transactions by fixed::synapse_op
    struct memory {
        std::string name;
        std::uint64_t reads = 0, writes = 0, bits = 0;
        std::string word;  // layout
        int access_bits = 0;  // bits moved per read or write (the widest word)
    };
    std::vector<memory> memories;
    nlohmann::json to_json(const core_config& c) const;
};

// Throws std::invalid_argument like fixed::run.
run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options = {});

// Cycles of one row segment in the synapse pipeline (docs/architecture.md, "Synapse pipeline").
std::uint64_t segment_cycles(const core_config& c, const fixed::segment_work& w, int socket_latency = 0);
// Cycles of one periodic sweep (docs/architecture.md, "Periodic sweeps"): a header fetch per
// row segment, a word and a transaction per synapse, a register read per post neuron, the
// write-backs.
std::uint64_t sweep_cycles(const core_config& c, const fixed::periodic_work& w, int socket_latency = 0);
// Cycles of the neuron update of one population of n neurons (no pipeline fill).
std::uint64_t neuron_cycles(const core_config& c, std::uint64_t n);

}  // namespace plasticore::core
