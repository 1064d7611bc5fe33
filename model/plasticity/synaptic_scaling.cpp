#include "plasticity/synaptic_scaling.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

// The target trace target tau_rate must stay well inside the trace format (s4.15 by default:
// < 16): beyond 8 a neuron firing at twice the target saturates its rate estimate.
std::optional<param_problem> check(const synaptic_scaling_params& p) {
    if (auto problem = check_weight_range(p)) return problem;
    if (p.target_trace() > 8.0)
        return param_problem{"target_hz", fmt::format("target_hz tau_rate_ms = {} must be <= 8 (target_hz {} Hz, "
                                                      "tau_rate_ms {} ms): lower the target or the time constant",
                                                      p.target_trace() * 1e3, p.target, p.tau_rate)};
    return std::nullopt;
}

brian2_code brian2_of(const synaptic_scaling_params& p) {
    brian2_code b;
    // The rate estimate as a clock-driven synaptic copy of the post neuron's trace (every synapse
    // of a neuron holds the same value); the scaling runs every period at the end of a step.
    b.model = "dxrate/dt = -xrate/tau_rate : 1 (clock-driven)\n";
    b.on_post = "xrate += 1";
    b.periodic = "w = clip(w * (1 + eta*(target - xrate/tau_rate)), w_min, w_max)";
    b.namespace_entries = {{"tau_rate", fmt::format("{}*ms", p.tau_rate)},
                           {"target", fmt::format("{}*Hz", p.target)},
                           {"eta", fmt::format("{}/Hz", p.eta)},
                           {"period", fmt::format("{}*ms", p.period)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

}  // namespace

const declaration<synaptic_scaling_params>& synaptic_scaling::declare() {
    using P = synaptic_scaling_params;
    static const declaration<P> d{
        "synaptic_scaling",
        "synaptic scaling: every period, all weights onto a neuron times 1 + eta (target - rate estimate)",
        "Turrigiano et al. 1998; van Rossum, Bi & Turrigiano 2000",
        {
            number_param<P>("eta_per_hz", "1/Hz", &P::eta, positive,
                            "relative weight change per period per Hz of rate error (a factor 1 + e, |e| < 1)"),
            number_param<P>("tau_rate_ms", "ms", &P::tau_rate, positive, "time constant of the rate estimate"),
            number_param<P>("target_hz", "Hz", &P::target, non_negative,
                            "target postsynaptic rate; target_hz tau_rate_ms must be <= 8000 Hz ms"),
            number_param<P>("period_ms", "ms", &P::period, positive,
                            "time between two scalings (rounded to whole steps, at least one)"),
            number_param<P>("w_min_na", "nA", &P::w_min, non_negative,
                            "lower weight bound (weights are magnitudes; the receptor gives the sign)"),
            number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
        },
        {
            {"w", owner::synapse, "weight_bits", "nA", "weight"},
            {"x_rate", owner::post_neuron, "trace_format", "1", "rate estimate (trace, tau_rate; rate = x_rate / tau_rate)"},
        },
        post_spike | periodic,
        &P::w_min,
        &P::w_max,
        &check,
        &brian2_of,
    };
    return d;
}

}  // namespace plasticore::plasticity
