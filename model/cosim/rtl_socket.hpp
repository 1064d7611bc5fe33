#pragma once
// The verilated synapse-update unit (rtl/stdp_update_unit.sv) in the SystemC core's plasticity
// socket (docs/rtl.md, "Co-simulation"):
//   run_core_rtl()   the "core-rtl" layer: every STDP update transaction of the core goes to
//                    one rtl_stdp_unit per plastic projection instead of the C++ unit
//   run_lockstep()   plasticore cosim: every transaction goes to both the C++ unit and the RTL
//                    unit, the responses (weight, flags) and the generator states are compared
//                    at once, and the run continues with the C++ response
// The RTL model is chosen by the run's [hardware] widths among the verilated configurations
// (rtl/CMakeLists.txt); a configuration that was not verilated throws std::invalid_argument
// naming the widths. This header does not include Verilator's headers.

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

struct cosim_options {
    bool lockstep = false;          // also run the C++ unit and compare (plasticore cosim)
    std::string vcd_path;           // Verilator VCD of the RTL unit(s); empty: tracing off
    std::uint32_t rtl_seed_xor = 0; // XORed into every generator state loaded into the RTL (test of the checker)
};

// The first differing field of a lockstep transaction.
struct mismatch {
    std::uint64_t transaction = 0;  // 1-based index over all projections
    std::int64_t tick = -1;         // step, from the core's time (-1: not known)
    std::uint64_t cycle = 0;        // core clock cycle of the synapse pipeline at the transaction
    std::size_t projection = 0;
    std::string projection_name;
    fixed::synapse_request request{fixed::synapse_op::potentiate};
    std::string field;              // "weight", "trace", "flags" or "generator"
    std::int64_t cpp = 0, rtl = 0;
    std::uint32_t generator_before = 0;  // shared generator state before the transaction (C++)
};

struct cosim_report {
    std::string configuration;       // verilated model used (reference, spinnaker, ...)
    std::uint64_t transactions = 0;
    std::uint64_t mismatches = 0;    // transactions with any differing field
    std::uint64_t rtl_cycles = 0;    // RTL clock cycles simulated (all units)
    std::optional<mismatch> first;
};

// Widths of the run's hardware config and the name of the verilated configuration that
// implements them; throws std::invalid_argument naming the widths if none does.
std::string rtl_configuration_for(const experiment& ex);

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
