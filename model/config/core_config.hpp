#pragma once
// The [core] section: timing and structure of the cycle-accurate SystemC core
// (docs/architecture.md). Nothing here changes arithmetic; every key only changes cycles,
// except fifo_full = "drop", which loses spikes when the input FIFO is full (counted).
// Header-only so that the experiment loader can hold it without linking SystemC.

#include <cstdint>
#include <string>

namespace plasticore::core {

enum class tick_mode : std::uint8_t {
    realtime,     // a tick every dt at the clock frequency; a late tick starts when the last ends
    accelerated,  // the next tick as soon as the core is idle
};

enum class fifo_full_policy : std::uint8_t {
    backpressure,  // the AER sender stalls until a slot frees (counted as stall cycles)
    drop,          // the spike is lost (counted; results then differ from the fixed model)
};

struct core_config {
    double clock_mhz = 200.0;               // core clock [MHz]
    tick_mode mode = tick_mode::realtime;
    int lanes = 1;                          // parallel neuron-update lanes [1, 1024]
    int fifo_depth = 64;                    // AER input FIFO entries [1, 1 << 20]
    fifo_full_policy fifo_full = fifo_full_policy::backpressure;
    int aer_cycles = 1;                     // AER sender: cycles per event pushed [1, 1024]
    int dispatch_cycles = 1;                // delay-line writer: cycles per event popped [0, 1024]
    int delay_write_cycles = 1;             // delay-line writer: cycles per row segment queued [0, 1024]
    int sram_read_latency = 1;              // synapse SRAM read latency [cycles] [0, 64]
    int sram_write_latency = 1;             // synapse SRAM write latency [cycles] [0, 64]
    int sram_ports = 2;                     // 1: read and write share a port; 2: separate [1, 2]
    int row_fetch_cycles = 2;               // row header fetch per row segment [0, 1024]
    int header_write_cycles = 1;            // plastic row header write-back [0, 1024]
    int synapse_cycles = 2;                 // per synaptic word (read, accumulate) [1, 1024]
    int history_cycles = 2;                 // per post-history entry replayed [0, 1024]
    int depress_cycles = 0;                 // extra per depression transaction [0, 1024]
    int plasticity_op_cycles = 1;           // per further plasticity transaction (reward integration) [0, 1024]
    int pipeline_depth = 4;                 // synapse pipeline fill per row segment [0, 64]
    int neuron_cycles = 2;                  // per neuron per lane [1, 1024]
    int neuron_pipeline_depth = 3;          // neuron engine fill per tick [0, 64]
    int fold_cycles = 1;                    // per neuron per lane, per written input bank [0, 1024]
    int post_cycles = 2;                    // per post-history entry written [0, 1024]
    int oscillator_cycles = 3;              // per active oscillating-bias generator per tick [0, 1024]
};

}  // namespace plasticore::core
