#pragma once
// Triplet STDP (Pfister & Gerstner 2006; docs/semantics.md, "Triplet STDP"). Traces as in
// pair STDP, two per side: r1 (tau_plus), r2 (tau_x) presynaptic; o1 (tau_minus), o2 (tau_y)
// postsynaptic.
//   presynaptic arrival at step n:  w <- clip(w - R o1(n) (A2- + A3- r2(n)));  r1, r2 bumped
//   postsynaptic spike at step n:    w <- clip(w + R r1(n) (A2+ + A3+ o2(n)));  o1, o2 bumped
// R = w_max - w_min. The slow trace of the spiking side enters before its own bump (its value
// just before the spike, Pfister's r2(t - e) and o2(t - e)). A bump adds 1, or sets 1 (nearest).

#include <vector>

#include "golden/plasticity/decay_table.hpp"
#include "golden/plasticity/plasticity_rule.hpp"

namespace plasticore::golden {

template <typename Real>
class stdp_triplet_rule final: public plasticity_rule<Real> {
public:
    stdp_triplet_rule(const stdp_triplet_params& p, const synapse_table& table, double dt_ms):
        table_(table),
        nearest_(p.pairing == stdp_triplet_params::pairing_kind::nearest),
        decay_r1_(Real(-dt_ms) / Real(p.tau_plus)),
        decay_r2_(Real(-dt_ms) / Real(p.tau_x)),
        decay_o1_(Real(-dt_ms) / Real(p.tau_minus)),
        decay_o2_(Real(-dt_ms) / Real(p.tau_y)),
        a2_plus_(p.a2_plus), a3_plus_(p.a3_plus), a2_minus_(p.a2_minus), a3_minus_(p.a3_minus),
        w_min_(p.w_min), w_max_(p.w_max),
        r1_(table.size(), Real(0)), r2_(table.size(), Real(0)), pre_step_(table.size(), 0),
        o1_(static_cast<std::size_t>(table.n_post), Real(0)), o2_(static_cast<std::size_t>(table.n_post), Real(0)),
        post_step_(static_cast<std::size_t>(table.n_post), 0) {}

    void on_pre(std::int64_t step, std::uint32_t begin, std::uint32_t end, Real* weight) override {
        const Real range = w_max_ - w_min_;
        for (std::uint32_t s = begin; s < end; ++s) {
            const Real r1 = decay_r1_.decayed(r1_[s], pre_step_[s], step);
            const Real r2 = decay_r2_.decayed(r2_[s], pre_step_[s], step);
            const std::uint32_t j = table_.post[s];
            const Real o1 = decay_o1_.decayed(o1_[j], post_step_[j], step);
            weight[s] = clip(Real(weight[s] - range * o1 * Real(a2_minus_ + a3_minus_ * r2)));
            r1_[s] = bump(r1);
            r2_[s] = bump(r2);
            pre_step_[s] = step;
        }
    }

    void on_post(std::int64_t step, std::uint32_t post, Real* weight) override {
        const Real range = w_max_ - w_min_;
        const Real o1 = decay_o1_.decayed(o1_[post], post_step_[post], step);
        const Real o2 = decay_o2_.decayed(o2_[post], post_step_[post], step);
        const Real gain = a2_plus_ + a3_plus_ * o2;
        for (std::uint32_t c = table_.column_start[post]; c < table_.column_start[post + 1]; ++c) {
            const std::uint32_t s = table_.column_synapse[c];
            const Real r1 = decay_r1_.decayed(r1_[s], pre_step_[s], step);
            weight[s] = clip(Real(weight[s] + range * r1 * gain));
        }
        o1_[post] = bump(o1);
        o2_[post] = bump(o2);
        post_step_[post] = step;
    }

private:
    Real bump(const Real& x) const { return nearest_ ? Real(1) : Real(x + Real(1)); }
    Real clip(const Real& w) const { return w < w_min_ ? w_min_ : (w > w_max_ ? w_max_ : w); }

    const synapse_table& table_;
    bool nearest_;
    decay_table<Real> decay_r1_, decay_r2_, decay_o1_, decay_o2_;
    Real a2_plus_, a3_plus_, a2_minus_, a3_minus_;  // [1]
    Real w_min_, w_max_;                             // [nA]
    std::vector<Real> r1_, r2_;             // per synapse, values at pre_step_ [1]
    std::vector<std::int64_t> pre_step_;
    std::vector<Real> o1_, o2_;             // per post neuron, values at post_step_ [1]
    std::vector<std::int64_t> post_step_;
};

template <>
struct golden_rule<plasticity::stdp_triplet> {
    template <typename Real>
    using type = stdp_triplet_rule<Real>;
};

}  // namespace plasticore::golden
