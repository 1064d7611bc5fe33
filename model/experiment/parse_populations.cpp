#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include <experiment/section_keys.hpp>
#include <experiment/scaling.hpp>
#include <experiment/sections.hpp>
#include <experiment/time_steps.hpp>
#include <random/poisson_counts.hpp>

namespace plasticore {
namespace detail {

bool is_neuron_group_name(const experiment& e, const std::string& name) {
    for (const auto& p: e.populations) if (p.name == name) return true;
    for (const auto& s: e.sources) if (s.name == name) return true;
    return false;
}

namespace {
void read_lif(const table_reader& r, lif_params& lif, double dt_ms) {
    lif.tau_m = r.number_or("tau_m_ms", lif.tau_m);
    r.check(lif.tau_m > 0, "tau_m_ms", "must be > 0");
    lif.c_m = r.number_or("c_m_nf", lif.c_m);
    r.check(lif.c_m > 0, "c_m_nf", "must be > 0");
    lif.v_rest = r.number_or("v_rest_mv", lif.v_rest);
    lif.v_reset = r.number_or("v_reset_mv", lif.v_reset);
    lif.v_thresh = r.number_or("v_thresh_mv", lif.v_thresh);
    // A reset at or above threshold would fire again on the very next step, forever.
    r.check(lif.v_reset < lif.v_thresh, r.has("v_reset_mv")? "v_reset_mv": "v_thresh_mv",
            fmt::format("v_reset_mv ({}) must be below v_thresh_mv ({})", lif.v_reset,
                        lif.v_thresh));
    lif.v_init = r.number_or("v_init_mv", lif.v_rest);
    lif.v_init_sd = r.number_or("v_init_sd_mv", lif.v_init_sd);
    r.check(lif.v_init_sd >= 0 && std::isfinite(lif.v_init_sd), "v_init_sd_mv", "must be a finite number >= 0");
    lif.t_ref = r.number_or("t_ref_ms", lif.t_ref);
    r.check(lif.t_ref >= 0, "t_ref_ms", "must be >= 0");
    try {
        (void)refractory_steps(lif.t_ref, dt_ms);
    }
    catch (const std::domain_error&) {
        r.fail("t_ref_ms", fmt::format("t_ref_ms / dt_ms is more than {} steps (dt_ms = {})",
                                       std::numeric_limits<int>::max(), dt_ms));
    }
    lif.tau_syn_e = r.number_or("tau_syn_e_ms", lif.tau_syn_e);
    r.check(lif.tau_syn_e > 0, "tau_syn_e_ms", "must be > 0");
    lif.tau_syn_i = r.number_or("tau_syn_i_ms", lif.tau_syn_i);
    r.check(lif.tau_syn_i > 0, "tau_syn_i_ms", "must be > 0");
    lif.i_offset = r.number_or("i_offset_na", lif.i_offset);
    lif.adapt_b = r.number_or("adapt_b_na", lif.adapt_b);
    r.check(lif.adapt_b >= 0, "adapt_b_na", "must be >= 0 (the adaptation current hyperpolarises)");
    lif.tau_w = r.number_or("tau_w_ms", lif.tau_w);
    r.check(lif.tau_w > 0, "tau_w_ms", "must be > 0");
    lif.theta_jump = r.number_or("theta_jump_mv", lif.theta_jump);
    r.check(lif.theta_jump >= 0, "theta_jump_mv", "must be >= 0 (the threshold rises after a spike)");
    lif.tau_theta = r.number_or("tau_theta_ms", lif.tau_theta);
    r.check(lif.tau_theta > 0, "tau_theta_ms", "must be > 0");
    lif.ip_eta = r.number_or("ip_eta_mv", lif.ip_eta);
    r.check(lif.ip_eta >= 0, "ip_eta_mv", "must be >= 0 (the threshold rises while the rate is above target)");
    lif.ip_target = r.number_or("ip_target_hz", lif.ip_target);
    r.check(lif.ip_target >= 0, "ip_target_hz", "must be >= 0");
    lif.ip_tau = r.number_or("ip_tau_ms", lif.ip_tau);
    r.check(lif.ip_tau > 0, "ip_tau_ms", "must be > 0");
}
// background_rate_hz and background_weight_na: both or neither.
std::optional<poisson_background> read_background(const table_reader& r, double dt_ms) {
    const bool rate = r.has("background_rate_hz"), weight = r.has("background_weight_na");
    if (!rate && !weight) return std::nullopt;
    r.check(rate, "background_weight_na", "needs background_rate_hz (the background's total rate per neuron [Hz])");
    r.check(weight, "background_rate_hz", "needs background_weight_na (the current jump per background spike [nA])");
    poisson_background b;
    b.rate_hz = r.number("background_rate_hz");
    r.check(std::isfinite(b.rate_hz) && b.rate_hz >= 0, "background_rate_hz", "must be a finite number >= 0");
    const double mean = b.rate_hz * dt_ms * 1e-3;
    r.check(mean <= random::max_poisson_mean_per_step, "background_rate_hz",
            fmt::format("background_rate_hz x dt_ms is {} spikes per step (dt_ms = {}); at most {} are "
                        "allowed (the sampling table grows with it)",
                        mean, dt_ms, random::max_poisson_mean_per_step));
    b.weight_na = r.number("background_weight_na");
    r.check(std::isfinite(b.weight_na) && b.weight_na > 0, "background_weight_na",
            "must be a finite number > 0 (an excitatory current jump)");
    return b;
}
}  // namespace

void parse_populations(const load_context& ctx, const toml::node& node, experiment& e) {
    auto tables = to_tables(ctx, node, "population");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader r(ctx, *tables[i], fmt::format("population[{}]", i));
        r.allow_only(population_keys());
        population p;
        p.name = read_name(r);
        r.check(!is_neuron_group_name(e, p.name), "name",
                "duplicate name: a population or source is already called this");
        r.set_path(fmt::format("population '{}'", p.name));
        p.full_size = r.integer("size");
        r.check(p.full_size > 0, "size", "must be > 0");
        p.size = scaled_size(p.full_size, e.scale);
        read_lif(r, p.lif, e.simulation.dt);
        p.background = read_background(r, e.simulation.dt);
        if (auto rate = r.optional_number("full_rate_hz")) {
            r.check(std::isfinite(*rate) && *rate >= 0, "full_rate_hz", "must be a finite rate >= 0 [Hz]");
            p.full_rate_hz = rate;
        }
        if (p.background && e.scale.in_degrees != 1.0) {
            // The background is an external in-degree too: its rate (K_ext x rate per synapse)
            // scales with the in-degrees, its weight by 1 / sqrt, and the DC replaces what it lost.
            p.lif.i_offset += lost_input_dc(p.lif.tau_syn_e, p.background->weight_na, 1.0, p.background->rate_hz, e.scale);
            p.background->rate_hz *= e.scale.in_degrees;
            p.background->weight_na /= std::sqrt(e.scale.in_degrees);
        }
        e.populations.push_back(std::move(p));
    }
}

}  // namespace detail

const std::vector<std::string_view>& population_keys() {
    static const std::vector<std::string_view> keys = {
        "name", "size", "tau_m_ms", "c_m_nf", "v_rest_mv", "v_reset_mv",
        "v_thresh_mv", "v_init_mv", "v_init_sd_mv", "t_ref_ms", "tau_syn_e_ms", "tau_syn_i_ms",
        "i_offset_na", "adapt_b_na", "tau_w_ms", "theta_jump_mv", "tau_theta_ms",
        "ip_eta_mv", "ip_target_hz", "ip_tau_ms", "background_rate_hz", "background_weight_na", "full_rate_hz"};
    return keys;
}

}  // namespace plasticore
