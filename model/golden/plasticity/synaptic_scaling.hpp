#pragma once
// Synaptic scaling (docs/semantics.md, "Synaptic scaling").
//   postsynaptic spike at step n:  x <- x * exp(-(n - n_post) dt / tau_rate) + 1
//   periodic, at step n:           e_j = G (X - x_j(n)),  G = eta / tau_rate,  X = target tau_rate
//                                  w <- clip(w + w e_j)   for every w onto neuron j
// (1 + e_j = 1 + eta (target - x_j(n) / tau_rate): the rate estimate is x / tau_rate.)

#include <vector>

#include "experiment/time_steps.hpp"
#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real>
class synaptic_scaling_rule final: public plasticity_rule<Real> {
public:
    synaptic_scaling_rule(const synaptic_scaling_params& p, const synapse_table& table, double dt_ms):
        table_(table),
        decay_(Real(-dt_ms) / Real(p.tau_rate)),
        // eta / tau_rate with tau_rate in s, and target tau_rate, evaluated in Real
        gain_(Real(p.eta) * Real(1000) / Real(p.tau_rate)),
        target_(Real(p.target) * Real(p.tau_rate) / Real(1000)),
        w_min_(p.w_min),
        w_max_(p.w_max),
        period_(interval_steps(p.period, dt_ms)),
        x_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0),
        error_(static_cast<std::size_t>(table.n_post), Real(0)) {}

    void on_pre(std::int64_t, std::uint32_t, std::uint32_t, Real*) override {}

    void on_post(std::int64_t step, std::uint32_t post, Real*) override {
        x_[post] = Real(decay_.decayed(x_[post], post_step_[post], step) + Real(1));
        post_step_[post] = step;
    }

    std::int64_t period_steps() const override { return period_; }

    void periodic(std::int64_t step, Real* weight) override {
        for (std::size_t j = 0; j < x_.size(); ++j)
            error_[j] = Real(gain_ * Real(target_ - decay_.decayed(x_[j], post_step_[j], step)));
        for (std::uint32_t s = 0; s < table_.size(); ++s)
            weight[s] = clip(Real(weight[s] + weight[s] * error_[table_.post[s]]));
    }

private:
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    decay_table<Real> decay_;  // rate estimate, rate -dt/tau_rate
    Real gain_;                // G [1/trace]
    Real target_;              // X [1]
    Real w_min_, w_max_;       // [nA]
    std::int64_t period_;      // [steps]
    std::vector<Real> x_;                  // per post neuron, value at post_step_ [1]
    std::vector<std::int64_t> post_step_;  // step of the last postsynaptic spike
    std::vector<Real> error_;              // per post neuron, this period's factor - 1
};

template <>
struct golden_rule<plasticity::synaptic_scaling> {
    template <typename Real>
    using type = synaptic_scaling_rule<Real>;
};

}  // namespace plasticore::golden
