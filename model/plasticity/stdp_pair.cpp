#include "plasticity/stdp_pair.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

brian2_code brian2_of(const stdp_pair_params& p) {
    const bool nearest = p.pairing == stdp_pair_params::pairing_kind::nearest;
    const bool mult = p.dependence == stdp_pair_params::dependence_kind::multiplicative;
    const std::string bump = nearest ? "= 1" : "+= 1";
    const std::string f_plus = mult ? "(w_max - w)" : "(w_max - w_min)";
    const std::string f_minus = mult ? "(w - w_min)" : "(w_max - w_min)";
    brian2_code b;
    b.model = "dxpre/dt = -xpre/tau_plus : 1 (event-driven)\n"
              "dxpost/dt = -xpost/tau_minus : 1 (event-driven)\n";
    b.on_pre = "xpre " + bump + "\nw = clip(w - a_minus*" + f_minus + "*xpost, w_min, w_max)";
    b.on_post = "xpost " + bump + "\nw = clip(w + a_plus*" + f_plus + "*xpre, w_min, w_max)";
    b.namespace_entries = {{"tau_plus", fmt::format("{}*ms", p.tau_plus)},
                           {"tau_minus", fmt::format("{}*ms", p.tau_minus)},
                           {"a_plus", fmt::format("{}", p.a_plus)},
                           {"a_minus", fmt::format("{}", p.a_minus)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

}  // namespace

const declaration<stdp_pair_params>& stdp_pair::declare() {
    using P = stdp_pair_params;
    static const declaration<P> d{
        "stdp_pair",
        "pair-based STDP with exponential traces, additive or multiplicative (soft-bound) weight dependence",
        "Song, Miller & Abbott 2000; Morrison, Diesmann & Gerstner 2008",
        {
            choice_param<&P::pairing, P>("pairing", {"all_to_all", "nearest"},
                                         "spike pairing: every earlier spike (all_to_all) or the nearest one"),
            choice_param<&P::dependence, P>("weight_dependence", {"additive", "multiplicative"},
                                            "f(w): the weight range (additive) or the distance to the bound"),
            number_param<P>("tau_plus_ms", "ms", &P::tau_plus, positive, "presynaptic trace time constant"),
            number_param<P>("tau_minus_ms", "ms", &P::tau_minus, positive, "postsynaptic trace time constant"),
            number_param<P>("a_plus", "1", &P::a_plus, non_negative,
                            "potentiation amplitude, fraction of w_max_na - w_min_na"),
            number_param<P>("a_minus", "1", &P::a_minus, non_negative,
                            "depression amplitude, fraction of w_max_na - w_min_na"),
            number_param<P>("w_min_na", "nA", &P::w_min, non_negative,
                            "lower weight bound (weights are magnitudes; the receptor gives the sign)"),
            number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
        },
        {
            {"w", owner::synapse, "weight_bits", "nA", "weight"},
            {"x_pre", owner::pre_row, "trace_format", "1", "presynaptic trace, tau_plus"},
            {"x_post", owner::post_neuron, "trace_format", "1", "postsynaptic trace, tau_minus"},
        },
        pre_arrival | post_spike,
        &P::w_min,
        &P::w_max,
        &check_weight_range<P>,
        &brian2_of,
    };
    return d;
}

}  // namespace plasticore::plasticity
