#pragma once
// Energy and area of a core run (docs/energy.md): the counts the SystemC core keeps (SRAM reads
// and writes per memory, neuron updates, synaptic events, plasticity transactions, generator
// draws, AER events) times per-operation energies of a technology point ([energy],
// config/energy_config.hpp); memory area from the core's bit counts, logic area from the Yosys
// cell counts of the RTL synapse-update unit (rtl/synth/cells.csv) in NAND2 equivalents.
// Pure arithmetic on counts: nothing here changes a run.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/energy_config.hpp"

namespace plasticore::energy {

// Energy of one integer add of `bits` bits: log-log through (8, add8_pj) and (32, add32_pj) [pJ].
double add_pj(const energy_config& c, int bits);
// Energy of one a x b bit integer multiply: log-log in sqrt(a b) through (8, mul8_pj) and
// (32, mul32_pj) [pJ].
double mul_pj(const energy_config& c, int a_bits, int b_bits);
// Energy of one access of `word_bits` bits to an SRAM of `size_bits` bits: the 64-bit read of
// that macro size (log-log through 8 KB, 32 KB, 1 MB; extrapolated beyond) times word_bits / 64 [pJ].
double sram_read_pj(const energy_config& c, std::uint64_t size_bits, int word_bits);
// Area of an SRAM of `size_bits` bits: bit cells over the array efficiency [mm^2].
double sram_area_mm2(const energy_config& c, std::uint64_t size_bits);

struct memory_activity {
    std::string name;
    std::uint64_t reads = 0, writes = 0;
    std::uint64_t bits = 0;   // capacity
    int access_bits = 0;      // bits moved per read or write
};

// What a run did and the widths it did it at.
struct activity {
    std::vector<memory_activity> memories;
    std::uint64_t neuron_updates = 0;     // neuron-state read-modify-writes
    std::uint64_t synaptic_events = 0;    // synaptic words accumulated into an input slot
    std::uint64_t plasticity_transactions = 0;  // all kinds (fixed::synapse_op)
    std::uint64_t generator_draws = 0;    // stochastic-rounding generator outputs
    std::uint64_t aer_events = 0;         // spikes through the AER input FIFO
    int v_bits = 32, current_bits = 32, propagator_bits = 32, gain_bits = 32;
    int ring_buffer_bits = 32, trace_bits = 20, weight_work_bits = 24;
    int aer_word_bits = 16, fifo_depth = 64;
    std::uint64_t decay_table_bits = 0;  // the synapse-update unit's trace decay tables
};

// Per-operation energies the estimate multiplied the counts by [pJ].
struct unit_energies {
    double neuron_update = 0, synaptic_accumulate = 0, plasticity_transaction = 0, generator_draw = 0, aer_event = 0;
};
unit_energies unit_energies_of(const energy_config& c, const activity& a);

struct energy_estimate {
    struct component {
        std::string name;
        double pj = 0;
    };
    std::vector<component> components;  // memories first, then arithmetic, AER
    double total_pj = 0;
    std::uint64_t synaptic_events = 0;
    double per_synaptic_event_pj() const { return synaptic_events ? total_pj / static_cast<double>(synaptic_events) : 0.0; }
    double of(const std::string& name) const;  // a component's energy, 0 if absent
    nlohmann::json to_json(const energy_config& c, const unit_energies& u) const;
};
energy_estimate estimate_energy(const energy_config& c, const activity& a);

// Yosys generic cells of one synthesised configuration of rtl/stdp_update_unit.sv.
struct synthesised_unit {
    std::string configuration;
    int weight_bits = 0, guard_bits = 0, trace_int = 0, trace_frac = 0, lut_depth = 0;
    std::uint64_t memory_bits = 0;
    std::vector<std::pair<std::string, std::uint64_t>> cells;  // Yosys cell type, count
};
// rtl/synth/cells.csv, embedded at configure time.
const std::vector<synthesised_unit>& synthesised_units();
// NAND2 equivalents of one Yosys generic cell type (docs/energy.md, "Logic area"); throws
// std::invalid_argument for a type without a conversion.
double nand2_equivalents(const std::string& yosys_cell);

struct area_estimate {
    struct block {
        std::string name;
        double mm2 = 0;
        std::string basis;
    };
    std::vector<block> blocks;
    double total_mm2 = 0;
    nlohmann::json to_json() const;
};
// Memories from their bits, the AER FIFO and the decay tables; the synapse-update unit's logic
// from `unit`'s cells.
area_estimate estimate_area(const energy_config& c, const activity& a, const synthesised_unit& unit, bool exact_match);

}  // namespace plasticore::energy
