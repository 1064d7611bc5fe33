#pragma once
// The synapse-update (plasticity) unit behind a transaction-level socket: the synapse
// pipeline sends one request per elementary STDP update (working weight, trace, steps since
// the trace's update, kind) and gets the updated working weight and flags back. The rule's
// parameters, LUTs and random stream live in the unit. cpp_plasticity_unit calls
// fixed::stdp_unit (the arithmetic written once); the RTL wrapper (rtl/, tests/cosim/) is a
// second implementation of the same interface, installed through core::run_options::socket.

#include <cstddef>

#include "fixed/engine.hpp"
#include "fixed/stdp_unit.hpp"

namespace plasticore::core {

class plasticity_socket {
public:
    virtual ~plasticity_socket() = default;
    // One blocking transaction for the unit of projection `projection`.
    virtual fixed::stdp_update_response transport(std::size_t projection, const fixed::stdp_update_request& r) = 0;
    // Extra cycles per transaction beyond the pipeline's per-entry cost (0: fully pipelined).
    virtual int latency_cycles() const { return 0; }
};

// The C++ implementation: the engine's own fixed::stdp_unit of that projection.
class cpp_plasticity_unit final : public plasticity_socket {
public:
    explicit cpp_plasticity_unit(fixed::engine& e): engine_(e) {}
    fixed::stdp_update_response transport(std::size_t projection, const fixed::stdp_update_request& r) override {
        return engine_.unit(projection).update(r);
    }

private:
    fixed::engine& engine_;
};

// The engine's replay calls the socket through this adapter (one virtual call per update).
struct socket_update {
    plasticity_socket* socket;
    fixed::stdp_update_response operator()(fixed::stdp_unit&, std::size_t k, const fixed::stdp_update_request& r) const {
        return socket->transport(k, r);
    }
};

}  // namespace plasticore::core
