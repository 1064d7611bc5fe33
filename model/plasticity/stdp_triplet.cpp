#include "plasticity/stdp_triplet.hpp"

#include <fmt/format.h>

#include "plasticity/common_checks.hpp"

namespace plasticore::plasticity {

namespace {

brian2_code brian2_of(const stdp_triplet_params& p) {
    const std::string bump = p.pairing == stdp_triplet_params::pairing_kind::nearest ? "= 1" : "+= 1";
    brian2_code b;
    b.model = "dr1/dt = -r1/tau_plus : 1 (event-driven)\n"
              "dr2/dt = -r2/tau_x : 1 (event-driven)\n"
              "do1/dt = -o1/tau_minus : 1 (event-driven)\n"
              "do2/dt = -o2/tau_y : 1 (event-driven)\n";
    // The slow trace of the spiking side enters before its own increment.
    b.on_pre = "w = clip(w - (w_max - w_min)*o1*(a2_minus + a3_minus*r2), w_min, w_max)\n"
               "r1 " + bump + "\nr2 " + bump;
    b.on_post = "w = clip(w + (w_max - w_min)*r1*(a2_plus + a3_plus*o2), w_min, w_max)\n"
                "o1 " + bump + "\no2 " + bump;
    b.namespace_entries = {{"tau_plus", fmt::format("{}*ms", p.tau_plus)},
                           {"tau_x", fmt::format("{}*ms", p.tau_x)},
                           {"tau_minus", fmt::format("{}*ms", p.tau_minus)},
                           {"tau_y", fmt::format("{}*ms", p.tau_y)},
                           {"a2_plus", fmt::format("{}", p.a2_plus)},
                           {"a3_plus", fmt::format("{}", p.a3_plus)},
                           {"a2_minus", fmt::format("{}", p.a2_minus)},
                           {"a3_minus", fmt::format("{}", p.a3_minus)},
                           {"w_min", fmt::format("{}*nA", p.w_min)},
                           {"w_max", fmt::format("{}*nA", p.w_max)}};
    return b;
}

}  // namespace

const declaration<stdp_triplet_params>& stdp_triplet::declare() {
    using P = stdp_triplet_params;
    static const declaration<P> d{
        "stdp_triplet",
        "triplet STDP: pair terms plus triplet terms from slow pre (r2) and post (o2) traces; additive, hard bounds",
        "Pfister & Gerstner 2006, J. Neurosci. 26:9673",
        {
            choice_param<&P::pairing, P>("pairing", {"all_to_all", "nearest"},
                                         "trace update on a spike: += 1 (all_to_all) or = 1 (nearest spike)"),
            number_param<P>("tau_plus_ms", "ms", &P::tau_plus, positive, "fast presynaptic trace r1"),
            number_param<P>("tau_x_ms", "ms", &P::tau_x, positive, "slow presynaptic trace r2"),
            number_param<P>("tau_minus_ms", "ms", &P::tau_minus, positive, "fast postsynaptic trace o1"),
            number_param<P>("tau_y_ms", "ms", &P::tau_y, positive, "slow postsynaptic trace o2"),
            number_param<P>("a2_plus", "1", &P::a2_plus, non_negative,
                            "pair potentiation, fraction of w_max_na - w_min_na"),
            number_param<P>("a3_plus", "1", &P::a3_plus, non_negative, "triplet potentiation (x o2)"),
            number_param<P>("a2_minus", "1", &P::a2_minus, non_negative, "pair depression"),
            number_param<P>("a3_minus", "1", &P::a3_minus, non_negative, "triplet depression (x r2)"),
            number_param<P>("w_min_na", "nA", &P::w_min, non_negative, "lower weight bound"),
            number_param<P>("w_max_na", "nA", &P::w_max, positive, "upper weight bound, > w_min_na"),
        },
        {
            {"w", owner::synapse, "weight_bits", "nA", "weight"},
            {"r1", owner::pre_row, "trace_format", "1", "fast presynaptic trace, tau_plus"},
            {"r2", owner::pre_row, "trace_format", "1", "slow presynaptic trace, tau_x"},
            {"o1", owner::post_neuron, "trace_format", "1", "fast postsynaptic trace, tau_minus"},
            {"o2", owner::post_neuron, "trace_format", "1", "slow postsynaptic trace, tau_y"},
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
