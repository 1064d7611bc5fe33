#pragma once
// The synapse-update (plasticity) unit behind a transaction-level socket: every operation of a
// rule's kernel that rounds or draws (fixed/plasticity/transaction.hpp: weight updates,
// write-backs, trace bumps, eligibility and modulator operations) is one blocking transaction
// {operation, operands} -> {weight, value, flags}. The rule's constants, tables and random
// stream live in the unit. cpp_plasticity_unit runs the engine's own unit of the projection
// (the arithmetic written once); the RTL wrapper (model/cosim) is a second implementation of
// the same interface, installed through core::run_options::socket.

#include <cstddef>

#include "fixed/engine.hpp"

namespace plasticore::core {

class plasticity_socket {
public:
    virtual ~plasticity_socket() = default;
    // One blocking transaction for the unit of projection `projection`.
    virtual fixed::synapse_response transport(std::size_t projection, const fixed::synapse_request& r) = 0;
    // Extra cycles per transaction beyond the pipeline's per-entry cost (0: fully pipelined).
    virtual int latency_cycles() const { return 0; }
};

// The C++ implementation: the engine's own unit of that projection's rule.
class cpp_plasticity_unit final : public plasticity_socket {
public:
    explicit cpp_plasticity_unit(fixed::engine& e): engine_(e) {}
    fixed::synapse_response transport(std::size_t projection, const fixed::synapse_request& r) override {
        return engine_.execute(projection, r);
    }

private:
    fixed::engine& engine_;
};

// The executor the engine's kernels call when a socket is installed (one virtual call per
// transaction).
struct socket_exec {
    plasticity_socket* socket;
    template <class Unit>
    fixed::synapse_response operator()(Unit&, std::size_t k, const fixed::synapse_request& r) const {
        return socket->transport(k, r);
    }
};

}  // namespace plasticore::core
