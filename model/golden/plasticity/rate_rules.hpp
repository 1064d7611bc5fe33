#pragma once
// Bounded Hebbian, Oja's rule and BCM (docs/semantics.md, "Bounded Hebbian, Oja's rule and BCM").
//   presynaptic arrival at step n:  x[s] <- x[s] * exp(-(n - n_pre) dt / tau) + 1
//   postsynaptic spike at step n:    y[j] <- y[j] * exp(-(n - n_post) dt / tau) + 1
//   periodic, at step n:             K = eta P / tau^2 (hebbian, oja), eta P / tau^3 (bcm)
//                                    (P the period, tau in s)
//     hebbian:  w <- clip(w + K x(n) y(n))
//     oja:      w <- clip(w + K (x(n) y(n) - y(n)^2 w))
//     bcm:      Theta[j] <- Theta[j] + a (c y(n)^2 - Theta[j])   (a = min(1, P / tau_theta), c = 1 / (tau rho0))
//               then w <- clip(w + K x(n) y(n) (y(n) - Theta[j]))

#include <vector>

#include "experiment/time_steps.hpp"
#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real, rate_rule_kind Kind>
class rate_hebbian_rule final: public plasticity_rule<Real> {
public:
    template <class Params>
    rate_hebbian_rule(const Params& p, const synapse_table& table, double dt_ms):
        table_(table),
        decay_(Real(-dt_ms) / Real(p.tau)),
        gain_(gain_of(p)),
        w_min_(p.w_min),
        w_max_(p.w_max),
        period_(interval_steps(p.period, dt_ms)),
        x_(table.size(), Real(0)),
        pre_step_(table.size(), 0),
        y_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0),
        y_now_(static_cast<std::size_t>(table.n_post), Real(0)) {
        if constexpr (Kind == rate_rule_kind::bcm) {
            // a = P / tau_theta (at most 1), c = 1 / (tau rho0) with tau in s, Theta0 = theta0 tau, in Real
            theta_step_ = p.period < p.tau_theta ? Real(Real(p.period) / Real(p.tau_theta)) : Real(1);
            theta_scale_ = Real(1) / ((Real(p.tau) / Real(1000)) * Real(p.rho0));
            theta_.assign(y_.size(), Real(Real(p.theta0) * Real(p.tau) / Real(1000)));
            factor_.assign(y_.size(), Real(0));
        }
    }

    void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real*) override {
        for (std::uint32_t s = begin; s < end; ++s) {
            x_[s] = Real(decay_.decayed(x_[s], pre_step_[s], step) + Real(1));
            pre_step_[s] = step;
        }
    }

    void on_post(std::int64_t step, std::uint32_t post, Real*) override {
        y_[post] = Real(decay_.decayed(y_[post], post_step_[post], step) + Real(1));
        post_step_[post] = step;
    }

    std::int64_t period_steps() const override { return period_; }

    void periodic(std::int64_t step, Real* weight) override {
        for (std::size_t j = 0; j < y_.size(); ++j) {
            const Real y = decay_.decayed(y_[j], post_step_[j], step);
            y_now_[j] = y;
            if constexpr (Kind == rate_rule_kind::bcm) {
                // The threshold first, then the weights with the new threshold.
                theta_[j] = Real(theta_[j] + theta_step_ * Real(theta_scale_ * Real(y * y) - theta_[j]));
                factor_[j] = Real(y * Real(y - theta_[j]));
            }
        }
        for (std::uint32_t s = 0; s < table_.size(); ++s) {
            const Real x = decay_.decayed(x_[s], pre_step_[s], step);
            const std::uint32_t j = table_.post[s];
            const Real y = y_now_[j];
            Real drive;
            if constexpr (Kind == rate_rule_kind::bcm) drive = Real(x * factor_[j]);
            else drive = Real(x * y);
            if constexpr (Kind == rate_rule_kind::oja) drive = Real(drive - Real(y * y) * weight[s]);
            weight[s] = clip(Real(weight[s] + gain_ * drive));
        }
    }

private:
    // K = eta P / tau^2 (tau^3 for BCM) with P and tau in s, evaluated in Real.
    template <class Params>
    static Real gain_of(const Params& p) {
        const Real tau = Real(p.tau) / Real(1000);
        Real k = Real(p.eta) * (Real(p.period) / Real(1000)) / (tau * tau);
        if constexpr (Kind == rate_rule_kind::bcm) k = Real(k / tau);
        return k;
    }
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    decay_table<Real> decay_;  // both traces, rate -dt/tau
    Real gain_;                // K [nA per trace^2, or trace^3]
    Real w_min_, w_max_;       // [nA]
    std::int64_t period_;      // [steps]
    std::vector<Real> x_;                  // per synapse, at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;
    std::vector<Real> y_;                  // per post neuron, at post_step_ [1]
    std::vector<std::int64_t> post_step_;
    std::vector<Real> y_now_;              // per post neuron, y at the sweep's step
    // BCM only
    Real theta_step_ = Real(0);   // a [1]
    Real theta_scale_ = Real(0);  // c [1/trace]
    std::vector<Real> theta_;     // per post neuron, Theta = theta tau [1]
    std::vector<Real> factor_;    // per post neuron, y (y - Theta) at the sweep's step [1]
};

template <>
struct golden_rule<plasticity::hebbian> {
    template <typename Real>
    using type = rate_hebbian_rule<Real, rate_rule_kind::hebbian>;
};
template <>
struct golden_rule<plasticity::oja> {
    template <typename Real>
    using type = rate_hebbian_rule<Real, rate_rule_kind::oja>;
};
template <>
struct golden_rule<plasticity::bcm> {
    template <typename Real>
    using type = rate_hebbian_rule<Real, rate_rule_kind::bcm>;
};

}  // namespace plasticore::golden
