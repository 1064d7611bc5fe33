#pragma once
// Bounded Hebbian and Oja's rule (docs/semantics.md, "Bounded Hebbian and Oja's rule").
//   presynaptic arrival at step n:  x[s] <- x[s] * exp(-(n - n_pre) dt / tau) + 1
//   postsynaptic spike at step n:    y[j] <- y[j] * exp(-(n - n_post) dt / tau) + 1
//   periodic, at step n:             K = eta P / tau^2 (P the period, tau in s)
//     hebbian:  w <- clip(w + K x(n) y(n))
//     oja:      w <- clip(w + K (x(n) y(n) - y(n)^2 w))

#include <vector>

#include "experiment/time_steps.hpp"
#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real, bool Oja>
class rate_hebbian_rule final: public plasticity_rule<Real> {
public:
    template <class Params>
    rate_hebbian_rule(const Params& p, const synapse_table& table, double dt_ms):
        table_(table),
        decay_(Real(-dt_ms) / Real(p.tau)),
        // eta P / tau^2 with P and tau in s, evaluated in Real
        gain_(Real(p.eta) * (Real(p.period) / Real(1000)) / ((Real(p.tau) / Real(1000)) * (Real(p.tau) / Real(1000)))),
        w_min_(p.w_min),
        w_max_(p.w_max),
        period_(interval_steps(p.period, dt_ms)),
        x_(table.size(), Real(0)),
        pre_step_(table.size(), 0),
        y_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0),
        y_now_(static_cast<std::size_t>(table.n_post), Real(0)) {}

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
        for (std::size_t j = 0; j < y_.size(); ++j) y_now_[j] = decay_.decayed(y_[j], post_step_[j], step);
        for (std::uint32_t s = 0; s < table_.size(); ++s) {
            const Real x = decay_.decayed(x_[s], pre_step_[s], step);
            const Real y = y_now_[table_.post[s]];
            Real drive = Real(x * y);
            if constexpr (Oja) drive = Real(drive - Real(y * y) * weight[s]);
            weight[s] = clip(Real(weight[s] + gain_ * drive));
        }
    }

private:
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    decay_table<Real> decay_;  // both traces, rate -dt/tau
    Real gain_;                // K = eta P / tau^2 [nA per trace^2]
    Real w_min_, w_max_;       // [nA]
    std::int64_t period_;      // [steps]
    std::vector<Real> x_;                  // per synapse, at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;
    std::vector<Real> y_;                  // per post neuron, at post_step_ [1]
    std::vector<std::int64_t> post_step_;
    std::vector<Real> y_now_;              // per post neuron, y at the sweep's step
};

template <>
struct golden_rule<plasticity::hebbian> {
    template <typename Real>
    using type = rate_hebbian_rule<Real, false>;
};
template <>
struct golden_rule<plasticity::oja> {
    template <typename Real>
    using type = rate_hebbian_rule<Real, true>;
};

}  // namespace plasticore::golden
