#pragma once
// A verilated synapse-update unit in the SystemC core's plasticity socket (docs/rtl.md,
// "Co-simulation"): the learning engine (rtl/learning_engine.sv) running the microcode that
// compile_stdp_pair() or compile_istdp_vogels() writes for the projection's rule (the default),
// or the dedicated pair-STDP unit (rtl/stdp_update_unit.sv, pair STDP only):
//   run_core_rtl()   the "core-rtl" layer: every STDP update transaction of the core goes to
//                    one RTL unit per plastic projection instead of the C++ unit
//   run_lockstep()   plasticore cosim: every transaction goes to both the C++ unit and the RTL
//                    unit, the responses (weight, flags) and the generator states are compared
//                    at once, and the run continues with the C++ response
// The pair unit is chosen by the run's [hardware] widths among the verilated configurations
// (rtl/CMakeLists.txt), the learning engine by its decay tables' depth only (its datapath is
// not sized by the widths); what no verilated model holds throws std::invalid_argument naming
// the widths or lut_size. This header does not include Verilator's headers.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/core_model.hpp"
#include "core/plasticity_socket.hpp"
#include "experiment/experiment.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::fixed {
class engine;
}  // namespace plasticore::fixed

namespace plasticore::cosim {

// Which verilated unit runs the projections' pair STDP.
enum class rtl_unit_kind {
    engine,  // rtl/learning_engine.sv with the rule's microcode (verilated: reference, spinnaker widths)
    pair     // rtl/stdp_update_unit.sv, the smaller dedicated unit (every rtl/configurations.txt line)
};
// "engine" or "pair"; throws std::invalid_argument naming the option and the value otherwise.
rtl_unit_kind parse_rtl_unit(const std::string& name);
const char* rtl_unit_name(rtl_unit_kind k);

struct cosim_options {
    rtl_unit_kind unit = rtl_unit_kind::engine;
    bool lockstep = false;          // also run the C++ unit and compare (plasticore cosim)
    std::string vcd_path;           // Verilator VCD of the RTL unit(s); empty: tracing off
    std::uint32_t rtl_seed_xor = 0; // XORed into every generator state loaded into the RTL (test of the checker)
    // Engine at the reference widths only: run the engine verilated with PLASTICORE_ALTER_TERM
    // (term 0's first product rounds nearest_even as floor), a test of the checker's term report.
    bool engine_altered = false;
};

// The first differing field of a lockstep transaction.
struct mismatch {
    std::uint64_t transaction = 0;  // 1-based index over all projections
    std::int64_t tick = -1;         // step, from the core's time (-1: not known)
    std::uint64_t cycle = 0;        // core clock cycle of the synapse pipeline at the transaction
    std::size_t projection = 0;
    std::string projection_name;
    std::string rule;               // "stdp_pair (additive, all_to_all)"
    fixed::synapse_request request{fixed::synapse_op::potentiate};
    std::string field;              // "weight", "trace", "flags" or "generator"
    std::int64_t cpp = 0, rtl = 0;
    std::uint32_t generator_before = 0;  // shared generator state before the transaction (C++)
    // Engine only: the first term whose value differs between the C++ engine model (run on the
    // same request from generator_before) and the RTL, "0 (C++ 12, RTL 13)", or why none does.
    std::string term;
};

struct cosim_report {
    std::string configuration;       // verilated model used (reference, spinnaker, ...)
    rtl_unit_kind unit = rtl_unit_kind::engine;
    std::uint64_t transactions = 0;
    std::uint64_t mismatches = 0;    // transactions with any differing field
    std::uint64_t rtl_cycles = 0;    // RTL clock cycles simulated (all units)
    // The learning engine's package variants the projections ran on, in projection order
    // ("minimal", "as-built", "minimal, as-built"); empty for the pair unit.
    std::string engine_variants;
    // Requests in flight: the most at once in any unit, the cycles every answered request spent
    // in its unit, and the cycles simulated while serving requests (rtl_cycles less the
    // microcode, table and seed loading). resident / serving is the mean number in flight,
    // transactions / serving the issue utilisation (1: a request every cycle).
    std::uint64_t max_in_flight = 0;
    std::uint64_t resident_cycles = 0;
    std::uint64_t serving_cycles = 0;
    std::optional<mismatch> first;
};

// The name of the verilated configuration of `unit` for the run's hardware config: the pair
// unit's whose widths are the run's (throws std::invalid_argument naming a projection whose rule
// is not pair STDP, or the widths if none fits); the engine's with the fewest table entries that
// hold hardware.lut_size (throws naming lut_size if none does).
std::string rtl_configuration_for(const experiment& ex, rtl_unit_kind unit = rtl_unit_kind::engine);

class rtl_plasticity_socket final : public core::plasticity_socket {
public:
    rtl_plasticity_socket(const experiment& ex, const network& net, cosim_options o);
    ~rtl_plasticity_socket() override;
    // core::run_options::engine_hook: builds one RTL unit per plastic projection.
    void attach(fixed::engine& e);
    fixed::synapse_response transport(std::size_t projection, const fixed::synapse_request& r) override;
    // The unit is pipelined at one transaction per cycle, like the synapse pipeline's model.
    int latency_cycles() const override { return 0; }

    cosim_report report() const;
    // core-rtl: the clip and saturation counters the C++ unit did not see (from the RTL flags).
    void add_counters(run_result& res) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// The "core-rtl" layer. res.model = "core-rtl".
run_result run_core_rtl(const experiment& ex, const stimulus& stim, const network& net,
                        const core::run_options& base, const cosim_options& o = {},
                        cosim_report* report = nullptr);

// plasticore cosim: lockstep run; the result is the core's (C++ responses).
cosim_report run_lockstep(const experiment& ex, const stimulus& stim, const network& net,
                          const core::run_options& base, const cosim_options& o);

}  // namespace plasticore::cosim
