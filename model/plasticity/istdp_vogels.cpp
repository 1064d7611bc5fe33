#include "plasticity/istdp_vogels.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

// alpha = 2 rho0 tau must stay below the largest trace the hardware holds (trace_format s4.15
// by default: < 16); beyond 8 the rule needs a postsynaptic trace no realistic rate reaches.
std::optional<param_problem> check(const istdp_vogels_params& p) {
    if (auto problem = check_weight_range(p)) return problem;
    if (p.alpha() > 8.0)
        return param_problem{"rho0_hz", fmt::format("alpha = 2 rho0_hz tau_ms = {} must be <= 8 (rho0_hz {} Hz, "
                                                    "tau_ms {} ms): lower the target rate or the time constant",
                                                    p.alpha(), p.rho0, p.tau)};
    return std::nullopt;
}

brian2_code brian2_of(const istdp_vogels_params& p) {
    brian2_code b;
    b.model = "dxpre/dt = -xpre/tau_stdp : 1 (event-driven)\n"
              "dxpost/dt = -xpost/tau_stdp : 1 (event-driven)\n";
    b.on_pre = "xpre += 1\nw = clip(w + eta*(xpost - 2*rho0*tau_stdp), w_min, w_max)";
    b.on_post = "xpost += 1\nw = clip(w + eta*xpre, w_min, w_max)";
    b.namespace_entries = {{"tau_stdp", fmt::format("{}*ms", p.tau)},
                           {"rho0", fmt::format("{}*Hz", p.rho0)},
                           {"eta", fmt::format("{}*nA", p.eta)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

}  // namespace

const declaration<istdp_vogels_params>& istdp_vogels::declare() {
    using P = istdp_vogels_params;
    static const declaration<P> d{
        "istdp_vogels",
        "inhibitory STDP: symmetric window, presynaptic offset alpha = 2 rho0 tau drives the post rate to rho0",
        "Vogels, Sprekeler, Zenke, Clopath & Gerstner 2011",
        {
            number_param<P>("eta_na", "nA", &P::eta, positive, "learning rate: weight change per unit trace"),
            number_param<P>("tau_ms", "ms", &P::tau, positive, "time constant of the pre and post traces"),
            number_param<P>("rho0_hz", "Hz", &P::rho0, non_negative,
                            "target postsynaptic rate; alpha = 2 rho0_hz tau_ms must be <= 8"),
            number_param<P>("w_min_na", "nA", &P::w_min, non_negative,
                            "lower weight bound (weights are magnitudes; the receptor gives the sign)"),
            number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
        },
        {
            {"w", owner::synapse, "weight_bits", "nA", "weight"},
            {"x_pre", owner::pre_row, "trace_format", "1", "presynaptic trace, tau"},
            {"x_post", owner::post_neuron, "trace_format", "1", "postsynaptic trace, tau"},
        },
        pre_arrival | post_spike,
        &P::w_min,
        &P::w_max,
        &check,
        &brian2_of,
    };
    return d;
}

}  // namespace plasticore::plasticity
