#include <experiment/scaling.hpp>

#include <algorithm>
#include <cmath>

namespace plasticore::detail {

int scaled_size(int full_size, const scale_params& s) {
    return std::max(1, static_cast<int>(std::nearbyint(full_size * s.neurons)));
}

std::int64_t scaled_total_number(std::int64_t full_n, const scale_params& s) {
    return static_cast<std::int64_t>(std::nearbyint(static_cast<double>(full_n) * s.neurons * s.in_degrees));
}

weight_init scaled_weight(const weight_init& w, const scale_params& s) {
    const double f = 1.0 / std::sqrt(s.in_degrees);
    if (const auto* c = std::get_if<constant_weight>(&w)) return constant_weight{c->value * f};
    if (const auto* u = std::get_if<uniform_weight>(&w)) return uniform_weight{u->low * f, u->high * f};
    bounded_normal d = std::get<normal_weight>(w);
    d.mean *= f;
    d.sd *= f;
    d.low *= f;
    d.high *= f;  // inf stays inf
    return d;
}

double nominal_mean(const weight_init& w) {
    if (const auto* c = std::get_if<constant_weight>(&w)) return c->value;
    if (const auto* u = std::get_if<uniform_weight>(&w)) return 0.5 * (u->low + u->high);
    return std::get<normal_weight>(w).mean;
}

double lost_input_dc(double tau_syn_ms, double weight_na, double in_degree, double rate_hz, const scale_params& s) {
    return 1e-3 * tau_syn_ms * (1.0 - std::sqrt(s.in_degrees)) * in_degree * weight_na * rate_hz;
}

}  // namespace plasticore::detail
