#include "plasticity/stdp_reward.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

// Every pathway first brings the synapse from tlast to t exactly: with no event in between, c
// and d decay exponentially, so the weight gains c d tau_cd (1 - exp(-h / tau_cd)),
// 1/tau_cd = 1/tau_c + 1/tau_d. The post trace is a per-synapse copy, updated by the post
// pathway of every synapse into the neuron, so every copy equals the neuron's trace.
constexpr const char* advance =
    "h = t - tlast\n"
    "w = clip(w + c*d*tau_cd*(1 - exp(-h/tau_cd)), w_min, w_max)\n"
    "c = c*exp(-h/tau_c)\n"
    "d = d*exp(-h/tau_d)\n"
    "xpre = xpre*exp(-h/tau_plus)\n"
    "xpost = xpost*exp(-h/tau_minus)\n"
    "tlast = t\n";

brian2_code brian2_of(const stdp_reward_params& p) {
    const std::string bump = p.pairing == stdp_reward_params::pairing_kind::nearest ? "= 1" : "+= 1";
    brian2_code b;
    b.model = "c : amp\nd : Hz\nxpre : 1\nxpost : 1\ntlast : second\n";
    b.on_pre_before = advance;
    b.on_pre = "c = c - a_minus*(w_max - w_min)*xpost\nxpre " + bump;
    b.on_post = std::string(advance) + "c = c + a_plus*(w_max - w_min)*xpre\nxpost " + bump;
    b.on_modulator = std::string(advance) + "d = d + modulator_amount_post";
    b.final_weight = "clip(w + c*d*tau_cd*(1 - exp(-(t - tlast)/tau_cd)), w_min, w_max)";
    const double tau_cd = 1.0 / (1.0 / p.tau_c + 1.0 / p.tau_d);
    b.namespace_entries = {{"tau_plus", fmt::format("{}*ms", p.tau_plus)},
                           {"tau_minus", fmt::format("{}*ms", p.tau_minus)},
                           {"tau_c", fmt::format("{}*ms", p.tau_c)},
                           {"tau_d", fmt::format("{}*ms", p.tau_d)},
                           {"tau_cd", fmt::format("{}*ms", tau_cd)},
                           {"a_plus", fmt::format("{}", p.a_plus)},
                           {"a_minus", fmt::format("{}", p.a_minus)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

}  // namespace

const declaration<stdp_reward_params>& stdp_reward::declare() {
    using P = stdp_reward_params;
    static const declaration<P> d{
        "stdp_reward",
        "reward-modulated STDP: pair STDP into an eligibility trace c, dw/dt = c d with a modulator d "
        "raised by reward events",
        "Izhikevich 2007, Cereb. Cortex 17:2443",
        {
            source_param<P>("modulator", &P::modulator, "the reward source (kind = \"reward\") whose events raise d"),
            choice_param<&P::pairing, P>("pairing", {"all_to_all", "nearest"},
                                         "trace update on a spike: += 1 (all_to_all) or = 1 (nearest spike)"),
            number_param<P>("tau_plus_ms", "ms", &P::tau_plus, positive, "presynaptic trace time constant"),
            number_param<P>("tau_minus_ms", "ms", &P::tau_minus, positive, "postsynaptic trace time constant"),
            number_param<P>("a_plus", "1", &P::a_plus, non_negative,
                            "eligibility from pre-before-post, fraction of w_max_na - w_min_na"),
            number_param<P>("a_minus", "1", &P::a_minus, non_negative,
                            "eligibility from post-before-pre, fraction of w_max_na - w_min_na"),
            number_param<P>("tau_c_ms", "ms", &P::tau_c, positive, "eligibility trace time constant"),
            number_param<P>("tau_d_ms", "ms", &P::tau_d, positive, "modulator (dopamine) time constant"),
            number_param<P>("w_min_na", "nA", &P::w_min, non_negative, "lower weight bound"),
            number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
        },
        {
            {"w", owner::synapse, "weight_bits", "nA", "weight"},
            {"c", owner::synapse, "eligibility_format", "nA", "eligibility trace, tau_c"},
            {"x_pre", owner::pre_row, "trace_format", "1", "presynaptic trace, tau_plus"},
            {"x_post", owner::post_neuron, "trace_format", "1", "postsynaptic trace, tau_minus"},
            {"d", owner::projection, "modulator_format", "1/s", "modulator level, tau_d"},
        },
        pre_arrival | post_spike | modulator,
        &P::w_min,
        &P::w_max,
        &check_weight_range<P>,
        &brian2_of,
    };
    return d;
}

}  // namespace plasticore::plasticity
