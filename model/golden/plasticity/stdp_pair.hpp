#pragma once
// Pair-based STDP with exponential traces (docs/semantics.md, "Pair STDP").
//   presynaptic arrival at step n:  x_pre  <- x_pre  * exp(-(n - n_pre) dt / tau_plus)  + 1
//                                    w      <- clip(w - A- f-(w) x_post(n))
//   postsynaptic spike at step n:    x_post <- x_post * exp(-(n - n_post) dt / tau_minus) + 1
//                                    w      <- clip(w + A+ f+(w) x_pre(n))   for every incoming w
// "nearest" pairing sets a trace to 1 instead of adding 1. Additive dependence:
// f+ = f- = w_max - w_min; multiplicative (soft bounds): f+ = w_max - w, f- = w - w_min.
// Traces decay analytically between events, so the rule costs nothing in steps without events.

#include <vector>

#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real>
class stdp_pair_rule final: public plasticity_rule<Real> {
public:
    stdp_pair_rule(const stdp_pair_params& p, const synapse_table& table, double dt_ms):
        table_(table),
        nearest_(p.pairing == stdp_pair_params::pairing_kind::nearest),
        multiplicative_(p.dependence == stdp_pair_params::dependence_kind::multiplicative),
        decay_plus_(Real(-dt_ms) / Real(p.tau_plus)),
        decay_minus_(Real(-dt_ms) / Real(p.tau_minus)),
        a_plus_(p.a_plus),
        a_minus_(p.a_minus),
        w_min_(p.w_min),
        w_max_(p.w_max),
        x_pre_(table.size(), Real(0)),
        pre_step_(table.size(), 0),
        x_post_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0) {}

    void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) override {
        for (std::uint32_t s = begin; s < end; ++s) {
            x_pre_[s] = bump(decay_plus_.decayed(x_pre_[s], pre_step_[s], step));
            pre_step_[s] = step;
            const std::uint32_t j = table_.post[s];
            const Real x_post = decay_minus_.decayed(x_post_[j], post_step_[j], step);
            const Real range = multiplicative_ ? Real(weight[s] - w_min_) : Real(w_max_ - w_min_);
            weight[s] = clip(Real(weight[s] - a_minus_ * range * x_post));
        }
    }

    void on_post(std::int64_t step, std::uint32_t post, Real* weight) override {
        x_post_[post] = bump(decay_minus_.decayed(x_post_[post], post_step_[post], step));
        post_step_[post] = step;
        const std::uint32_t first = table_.column_start[post];
        const std::uint32_t last = table_.column_start[post + 1];
        if (multiplicative_) potentiate<true>(step, first, last, weight);
        else potentiate<false>(step, first, last, weight);
    }

private:
    // The potentiation of every synapse into a spiking neuron: the hot loop of the rule (one
    // pass over the neuron's incoming synapses per postsynaptic spike), written without the
    // branches of decayed(): a zero trace times any factor, and any trace times
    // factor[0] = exp(0) = 1, are exact, so the result is the same.
    template <bool Multiplicative>
    void potentiate(std::int64_t step, std::uint32_t first, std::uint32_t last, Real* weight) {
        const Real* factor = decay_plus_.data();
        const std::uint32_t* column = table_.column_synapse.data();
        for (std::uint32_t c = first; c < last; ++c) {
            const std::uint32_t s = column[c];
            const std::int64_t k = step - pre_step_[s];
            const Real x_pre = k < decay_table<Real>::size ? Real(x_pre_[s] * factor[k])
                                                           : decay_plus_.decayed(x_pre_[s], pre_step_[s], step);
            const Real range = Multiplicative ? Real(w_max_ - weight[s]) : Real(w_max_ - w_min_);
            weight[s] = clip(Real(weight[s] + a_plus_ * range * x_pre));
        }
    }

    Real bump(const Real& x) const { return nearest_ ? Real(1) : Real(x + Real(1)); }
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    bool nearest_;
    bool multiplicative_;
    decay_table<Real> decay_plus_;   // of the presynaptic trace, rate -dt/tau_plus
    decay_table<Real> decay_minus_;  // of the postsynaptic trace, rate -dt/tau_minus
    Real a_plus_, a_minus_;          // [1]
    Real w_min_, w_max_;             // [nA]
    std::vector<Real> x_pre_;              // per synapse, value at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;   // step of the last presynaptic arrival
    std::vector<Real> x_post_;             // per post neuron, value at post_step_ [1]
    std::vector<std::int64_t> post_step_;  // step of the last postsynaptic spike
};

template <>
struct golden_rule<plasticity::stdp_pair> {
    template <typename Real>
    using type = stdp_pair_rule<Real>;
};

}  // namespace plasticore::golden
