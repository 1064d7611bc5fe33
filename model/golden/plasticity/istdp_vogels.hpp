#pragma once
// Inhibitory STDP after Vogels et al. 2011 (docs/semantics.md, "Inhibitory STDP").
//   presynaptic arrival at step n:  x_pre  <- x_pre  * exp(-(n - n_pre) dt / tau)  + 1
//                                    w      <- clip(w + eta (x_post(n) - alpha)),  alpha = 2 rho0 tau
//   postsynaptic spike at step n:    x_post <- x_post * exp(-(n - n_post) dt / tau) + 1
//                                    w      <- clip(w + eta x_pre(n))   for every incoming w
// The order within an event is pair STDP's: the own trace first, then the weight.

#include <vector>

#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real>
class istdp_vogels_rule final: public plasticity_rule<Real> {
public:
    istdp_vogels_rule(const istdp_vogels_params& p, const synapse_table& table, double dt_ms):
        table_(table),
        decay_(Real(-dt_ms) / Real(p.tau)),
        eta_(p.eta),
        // 2 rho0 tau with rho0 in Hz and tau in ms, evaluated in Real
        alpha_(Real(2) * Real(p.rho0) * Real(p.tau) / Real(1000)),
        w_min_(p.w_min),
        w_max_(p.w_max),
        x_pre_(table.size(), Real(0)),
        pre_step_(table.size(), 0),
        x_post_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0) {}

    void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) override {
        for (std::uint32_t s = begin; s < end; ++s) {
            x_pre_[s] = Real(decay_.decayed(x_pre_[s], pre_step_[s], step) + Real(1));
            pre_step_[s] = step;
            const std::uint32_t j = table_.post[s];
            const Real x_post = decay_.decayed(x_post_[j], post_step_[j], step);
            weight[s] = clip(Real(weight[s] + eta_ * Real(x_post - alpha_)));
        }
    }

    void on_post(std::int64_t step, std::uint32_t post, Real* weight) override {
        x_post_[post] = Real(decay_.decayed(x_post_[post], post_step_[post], step) + Real(1));
        post_step_[post] = step;
        const std::uint32_t first = table_.column_start[post];
        const std::uint32_t last = table_.column_start[post + 1];
        for (std::uint32_t c = first; c < last; ++c) {
            const std::uint32_t s = table_.column_synapse[c];
            weight[s] = clip(Real(weight[s] + eta_ * decay_.decayed(x_pre_[s], pre_step_[s], step)));
        }
    }

private:
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    decay_table<Real> decay_;  // both traces, rate -dt/tau
    Real eta_;                 // [nA]
    Real alpha_;               // [1]
    Real w_min_, w_max_;       // [nA]
    std::vector<Real> x_pre_;              // per synapse, value at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;   // step of the last presynaptic arrival
    std::vector<Real> x_post_;             // per post neuron, value at post_step_ [1]
    std::vector<std::int64_t> post_step_;  // step of the last postsynaptic spike
};

template <>
struct golden_rule<plasticity::istdp_vogels> {
    template <typename Real>
    using type = istdp_vogels_rule<Real>;
};

}  // namespace plasticore::golden
