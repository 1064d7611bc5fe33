#include "plasticity/rate_rules.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

template <class P>
std::optional<param_problem> check(const P& p) {
    return check_weight_range(p);
}

template <class P>
brian2_code brian2_of(const P& p, const char* update) {
    brian2_code b;
    // Rates from clock-driven synaptic traces; the Euler step of dw/dt every period.
    b.model = "dxpre/dt = -xpre/tau_rate : 1 (clock-driven)\n"
              "dxpost/dt = -xpost/tau_rate : 1 (clock-driven)\n";
    b.on_pre = "xpre += 1";
    b.on_post = "xpost += 1";
    b.periodic = update;
    b.namespace_entries = {{"tau_rate", fmt::format("{}*ms", p.tau)},
                           {"eta", fmt::format("{}*nA/(Hz**2*second)", p.eta)},
                           {"period", fmt::format("{}*ms", p.period)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

brian2_code hebbian_brian2(const hebbian_params& p) {
    return brian2_of(p, "w = clip(w + period*eta*(xpre/tau_rate)*(xpost/tau_rate), w_min, w_max)");
}
brian2_code oja_brian2(const oja_params& p) {
    return brian2_of(p, "w = clip(w + period*eta*((xpre/tau_rate)*(xpost/tau_rate) - "
                        "(xpost/tau_rate)**2*w/nA), w_min, w_max)");
}

template <class P>
std::vector<param<P>> common_params(const char* eta_description) {
    return {
        number_param<P>("eta", "nA/(Hz^2 s)", &P::eta, positive, eta_description),
        number_param<P>("tau_ms", "ms", &P::tau, positive, "time constant of the rate traces (rate = trace / tau)"),
        number_param<P>("period_ms", "ms", &P::period, positive,
                        "time between two updates (whole steps, at least one); well below tau_ms for a good Euler step"),
        number_param<P>("w_min_na", "nA", &P::w_min, non_negative,
                        "lower weight bound (weights are magnitudes; the receptor gives the sign)"),
        number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
    };
}

std::vector<state_var> rate_state() {
    return {
        {"w", owner::synapse, "weight_bits", "nA", "weight"},
        {"x_pre", owner::pre_row, "trace_format", "1", "presynaptic rate trace, tau (rate = x_pre / tau)"},
        {"y_post", owner::post_neuron, "trace_format", "1", "postsynaptic rate trace, tau (rate = y_post / tau)"},
    };
}

}  // namespace

const declaration<hebbian_params>& hebbian::declare() {
    using P = hebbian_params;
    static const declaration<P> d{
        "hebbian",
        "bounded Hebbian rate rule: every period, w += P eta r_pre r_post (rates from traces), clipped",
        "Hebb 1949; Gerstner & Kistler 2002, ch. 10",
        common_params<P>("learning rate: dw/dt = eta r_pre r_post"),
        rate_state(),
        pre_arrival | post_spike | periodic,
        &P::w_min,
        &P::w_max,
        &check<P>,
        &hebbian_brian2,
    };
    return d;
}

const declaration<oja_params>& oja::declare() {
    using P = oja_params;
    static const declaration<P> d{
        "oja",
        "Oja's rule: every period, w += P eta (r_pre r_post - r_post^2 w) (rates from traces, w in nA), clipped",
        "Oja 1982",
        common_params<P>("learning rate: dw/dt = eta (r_pre r_post - r_post^2 w / 1 nA)"),
        rate_state(),
        pre_arrival | post_spike | periodic,
        &P::w_min,
        &P::w_max,
        &check<P>,
        &oja_brian2,
    };
    return d;
}

}  // namespace plasticore::plasticity
