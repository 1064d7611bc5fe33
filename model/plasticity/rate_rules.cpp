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

// BCM: theta_hz = theta0 + dtheta (a synaptic copy per synapse of its neuron's threshold, all
// equal; Brian2 variables start at 0, so the offset carries the initial value), updated first.
brian2_code bcm_brian2(const bcm_params& p) {
    brian2_code b = brian2_of(p, "dtheta = dtheta + clip(period/tau_theta, 0, 1)*((xpost/tau_rate)**2/rho0 - (theta0 + dtheta))\n"
                                 "w = clip(w + period*eta*(xpre/tau_rate)*(xpost/tau_rate)*"
                                 "(xpost/tau_rate - (theta0 + dtheta)), w_min, w_max)");
    b.model += "dtheta : Hz\n";
    b.namespace_entries[1] = {"eta", fmt::format("{}*nA/(Hz**3*second)", p.eta)};
    b.namespace_entries.emplace_back("tau_theta", fmt::format("{}*ms", p.tau_theta));
    b.namespace_entries.emplace_back("rho0", fmt::format("{}*Hz", p.rho0));
    b.namespace_entries.emplace_back("theta0", fmt::format("{}*Hz", p.theta0));
    return b;
}

template <class P>
std::vector<param<P>> common_params(const char* eta_unit, const char* eta_description) {
    return {
        number_param<P>("eta", eta_unit, &P::eta, positive, eta_description),
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
        common_params<P>("nA/(Hz^2 s)", "learning rate: dw/dt = eta r_pre r_post"),
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
        common_params<P>("nA/(Hz^2 s)", "learning rate: dw/dt = eta (r_pre r_post - r_post^2 w / 1 nA)"),
        rate_state(),
        pre_arrival | post_spike | periodic,
        &P::w_min,
        &P::w_max,
        &check<P>,
        &oja_brian2,
    };
    return d;
}

const declaration<bcm_params>& bcm::declare() {
    using P = bcm_params;
    static const declaration<P> d{
        "bcm",
        "BCM rule: every period, theta += (P / tau_theta) (r_post^2 / rho0 - theta), then "
        "w += P eta r_pre r_post (r_post - theta) (rates from traces), clipped",
        "Bienenstock, Cooper & Munro 1982; Intrator & Cooper 1992",
        [] {
            auto params = common_params<P>("nA/(Hz^3 s)", "learning rate: dw/dt = eta r_pre r_post (r_post - theta)");
            params.insert(params.begin() + 2,
                          {number_param<P>("tau_theta_ms", "ms", &P::tau_theta, positive,
                                           "time constant of the sliding threshold (slower than the rate traces, "
                                           "faster than the weights); Euler step period_ms / tau_theta_ms, at most 1"),
                           number_param<P>("rho0_hz", "Hz", &P::rho0, positive,
                                           "theta follows r_post^2 / rho0_hz (a neuron selective for one of N "
                                           "equally frequent patterns settles at N rho0_hz during it)"),
                           number_param<P>("theta0_hz", "Hz", &P::theta0, non_negative,
                                           "the threshold at the start, every post neuron")});
            return params;
        }(),
        [] {
            auto state = rate_state();
            state.push_back({"theta", owner::post_neuron, "trace_format", "1",
                             "sliding threshold in trace units, theta tau (rate threshold = theta / tau)"});
            return state;
        }(),
        pre_arrival | post_spike | periodic,
        &P::w_min,
        &P::w_max,
        &check<P>,
        &bcm_brian2,
    };
    return d;
}

}  // namespace plasticore::plasticity
