#pragma once
// Reward-modulated STDP with an eligibility trace (Izhikevich 2007; docs/semantics.md,
// "Reward-modulated STDP"). Pair STDP feeds the eligibility c [nA] of each synapse:
//   presynaptic arrival at step n:  c <- c - A- R x_post(n);  x_pre bumped
//   postsynaptic spike at step n:    c <- c + A+ R x_pre(n);   x_post bumped
// (R = w_max - w_min). c decays with tau_c, the modulator d [1/s] with tau_d; a modulator event
// adds its amount to d; dw/dt = c d. Between two events that touch a synapse, c and d decay
// without jumps, so the weight changes exactly by
//   c(u) d(u) tau_cd (1 - exp(-(t - u)/tau_cd)),   1/tau_cd = 1/tau_c + 1/tau_d,
// then is clipped to [w_min, w_max]. Events that touch a synapse: its arrivals (before it
// transmits), spikes of its post neuron, and modulator events (every synapse of the
// projection, before d jumps); so no jump of d ever falls inside such an interval.

#include <vector>

#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real>
class stdp_reward_rule final: public plasticity_rule<Real> {
public:
    stdp_reward_rule(const stdp_reward_params& p, const synapse_table& table, double dt_ms):
        table_(table),
        nearest_(p.pairing == stdp_reward_params::pairing_kind::nearest),
        decay_plus_(Real(-dt_ms) / Real(p.tau_plus)),
        decay_minus_(Real(-dt_ms) / Real(p.tau_minus)),
        decay_c_(Real(-dt_ms) / Real(p.tau_c)),
        decay_d_(Real(-dt_ms) / Real(p.tau_d)),
        decay_cd_(Real(-dt_ms) / tau_cd_of(p)),
        tau_cd_s_(tau_cd_of(p) / Real(1000)),
        a_plus_(p.a_plus), a_minus_(p.a_minus), w_min_(p.w_min), w_max_(p.w_max),
        c_(table.size(), Real(0)), updated_(table.size(), 0),
        x_pre_(table.size(), Real(0)), pre_step_(table.size(), 0),
        x_post_(static_cast<std::size_t>(table.n_post), Real(0)), post_step_(static_cast<std::size_t>(table.n_post), 0) {}

    bool moves_between_events() const override { return true; }

    void before_transmission(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) override {
        for (std::uint32_t s = begin; s < end; ++s) advance(s, step, weight);
    }

    void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real*) override {
        const Real range = w_max_ - w_min_;
        for (std::uint32_t s = begin; s < end; ++s) {
            const std::uint32_t j = table_.post[s];
            const Real x_post = decay_minus_.decayed(x_post_[j], post_step_[j], step);
            c_[s] = Real(c_[s] - a_minus_ * range * x_post);
            x_pre_[s] = bump(decay_plus_.decayed(x_pre_[s], pre_step_[s], step));
            pre_step_[s] = step;
        }
    }

    void on_modulator(std::int64_t step, double amount, Real* weight) override {
        for (std::uint32_t s = 0; s < table_.size(); ++s) advance(s, step, weight);
        d_ = Real(decay_d_.decayed(d_, d_step_, step) + Real(amount));
        d_step_ = step;
    }

    void on_post(std::int64_t step, std::uint32_t post, Real* weight) override {
        const Real range = w_max_ - w_min_;
        for (std::uint32_t k = table_.column_start[post]; k < table_.column_start[post + 1]; ++k) {
            const std::uint32_t s = table_.column_synapse[k];
            advance(s, step, weight);
            c_[s] = Real(c_[s] + a_plus_ * range * decay_plus_.decayed(x_pre_[s], pre_step_[s], step));
        }
        x_post_[post] = bump(decay_minus_.decayed(x_post_[post], post_step_[post], step));
        post_step_[post] = step;
    }

    void weights_at(std::int64_t step, const Real* weight, Real* out, std::size_t n) const override {
        for (std::size_t s = 0; s < n; ++s) {
            Real c = c_[s];
            out[s] = integrated(weight[s], c, static_cast<std::uint32_t>(s), step);
        }
    }

private:
    static Real tau_cd_of(const stdp_reward_params& p) {
        return Real(1) / (Real(1) / Real(p.tau_c) + Real(1) / Real(p.tau_d));
    }
    // Synapse s from its last update to `step`: weight gain, eligibility decay.
    void advance(std::uint32_t s, std::int64_t step, Real* weight) {
        weight[s] = integrated(weight[s], c_[s], s, step);
        updated_[s] = step;
    }
    Real integrated(const Real& w, Real& c, std::uint32_t s, std::int64_t step) const {
        const std::int64_t k = step - updated_[s];
        if (k == 0) return w;
        const Real d = decay_d_.decayed(d_, d_step_, updated_[s]);
        Real out = w;
        if (c != Real(0) && d != Real(0)) out = clip(Real(w + c * d * tau_cd_s_ * Real(Real(1) - decay_cd_(k))));
        c = Real(c * decay_c_(k));
        return out;
    }
    Real bump(const Real& x) const { return nearest_ ? Real(1) : Real(x + Real(1)); }
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    bool nearest_;
    decay_table<Real> decay_plus_, decay_minus_, decay_c_, decay_d_, decay_cd_;
    Real tau_cd_s_;                    // [s]
    Real a_plus_, a_minus_;            // [1]
    Real w_min_, w_max_;               // [nA]
    std::vector<Real> c_;              // per synapse, eligibility at updated_ [nA]
    std::vector<std::int64_t> updated_;
    std::vector<Real> x_pre_;          // per synapse, at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;
    std::vector<Real> x_post_;         // per post neuron, at post_step_ [1]
    std::vector<std::int64_t> post_step_;
    Real d_ = Real(0);                 // modulator at d_step_ [1/s]
    std::int64_t d_step_ = 0;
};

template <>
struct golden_rule<plasticity::stdp_reward> {
    template <typename Real>
    using type = stdp_reward_rule<Real>;
};

}  // namespace plasticore::golden
