#pragma once
// Exact integration of the current-based LIF neuron over one step of length h (the propagator
// form of NEST's iaf_psc_exp; Rotter & Diesmann 1999). With currents I_e, I_i constant in
// shape (exponential decay) and I_ext constant over the step, the solution at t + h is linear
// in the state at t:
//   v'   = v_rest + P22 (v - v_rest) + P20 I_ext + P21e I_e - P21i I_i
//   I_e' = Pe I_e,   I_i' = Pi I_i
// The adaptive neuron adds an adaptation current w that enters like I_i with its own time
// constant tau_w (- P21w w, w' = Pw w) and a threshold offset theta' = Ptheta theta: both are
// linear and decoupled from v, so the step stays exact. Intrinsic plasticity's rate trace a
// and threshold offset theta_ip (dtheta_ip/dt = eta (a - rho0)) likewise.
// docs/semantics.md derives each coefficient.

#include "experiment/experiment.hpp"
#include "math/scalar.hpp"

namespace plasticore::math {

template <typename Real>
struct lif_propagator {
    Real p22;   // membrane decay exp(-h/tau_m) [1]
    Real p20;   // response to a constant current over the step [mV/nA]
    Real p21e;  // response to an excitatory current present at the start of the step [mV/nA]
    Real p21i;  // the same for the inhibitory current [mV/nA]
    Real pe;    // excitatory current decay exp(-h/tau_syn_e) [1]
    Real pi;    // inhibitory current decay exp(-h/tau_syn_i) [1]
    Real p21w;  // response to the adaptation current present at the start of the step [mV/nA]
    Real pw;    // adaptation current decay exp(-h/tau_w) [1]
    Real ptheta;  // threshold offset decay exp(-h/tau_theta) [1]
    // Intrinsic plasticity: over a step without a spike the rate trace a decays by Pa and the
    // threshold offset moves exactly by  theta_ip' - theta_ip = Ga a - Dip.
    Real pa;    // rate trace decay exp(-h/ip_tau) [1]
    Real ga;    // (ip_eta / 1000) ip_tau (1 - Pa): drift per Hz of trace over the step [mV/Hz]
    Real dip;   // (ip_eta / 1000) ip_target h: the target's drift over the step [mV]
    Real a_jump;  // the trace's increment per spike, 1000 / ip_tau [Hz]
};

// Membrane response to an exponentially decaying unit current:
//   (1/C) (exp(-h/tau_s) - exp(-h/tau_m)) / (1/tau_m - 1/tau_s)
// written as exp(-h/tau_m) expm1(h a) / (a C) with a = 1/tau_m - 1/tau_s, which has no
// cancellation when tau_s is close to tau_m and tends to h exp(-h/tau_m) / C as a -> 0, the
// exact solution for tau_s == tau_m.
template <typename Real>
Real current_propagator(const Real& h, const Real& tau_m, const Real& tau_s, const Real& c_m) {
    const Real a = Real(1) / tau_m - Real(1) / tau_s;
    const Real decay = exp_of(Real(-h / tau_m));
    if (a == Real(0)) return Real(h * decay / c_m);
    return Real(decay * expm1_of(Real(h * a)) / (a * c_m));
}

template <typename Real>
lif_propagator<Real> make_lif_propagator(const lif_params& p, double dt_ms) {
    const Real h(dt_ms), tau_m(p.tau_m), c_m(p.c_m), tau_e(p.tau_syn_e), tau_i(p.tau_syn_i);
    lif_propagator<Real> out;
    out.p22 = exp_of(Real(-h / tau_m));
    out.p20 = Real(-tau_m / c_m * expm1_of(Real(-h / tau_m)));
    out.p21e = current_propagator(h, tau_m, tau_e, c_m);
    out.p21i = current_propagator(h, tau_m, tau_i, c_m);
    out.pe = exp_of(Real(-h / tau_e));
    out.pi = exp_of(Real(-h / tau_i));
    const Real tau_w(p.tau_w), tau_theta(p.tau_theta);
    out.p21w = current_propagator(h, tau_m, tau_w, c_m);
    out.pw = exp_of(Real(-h / tau_w));
    out.ptheta = exp_of(Real(-h / tau_theta));
    const Real eta(p.ip_eta), rho0(p.ip_target), tau_a(p.ip_tau), per_ms(Real(1) / Real(1000));
    out.pa = exp_of(Real(-h / tau_a));
    out.ga = Real(-(eta * per_ms) * tau_a * expm1_of(Real(-h / tau_a)));
    out.dip = Real(eta * per_ms * rho0 * h);
    out.a_jump = Real(Real(1000) / tau_a);
    return out;
}

}  // namespace plasticore::math
