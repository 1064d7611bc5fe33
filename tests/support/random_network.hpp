#pragma once
// The random small networks of the property tests (core and chip against fixed).

#include <cstdint>
#include <map>
#include <random>
#include <sstream>
#include <string>

namespace plasticore::test {

// A random small network: 1-3 populations (plain or adaptive LIF, some with intrinsic plasticity), 1-2 Poisson sources, a reward source, random
// connectors, list connectors with per-synapse delays (several row segments per row), each
// projection static or plastic with a random rule of the registry (pair, triplet, reward-
// modulated, inhibitory, synaptic scaling, Hebbian, Oja, BCM), inhibitory projections, a random preset and [core] timing. `rules` counts the
// projections of each rule (by registry name).
inline std::string random_network(std::uint32_t seed, std::map<std::string, int>& rules) {
    std::mt19937 g(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); };
    auto tenths = [](int x) { return std::to_string(x / 10) + "." + std::to_string(x % 10); };
    const char* presets[] = {"reference", "spinnaker", "spinnaker-sr"};
    std::ostringstream t;
    t << "[simulation]\ndt_ms = 0.1\nduration_ms = " << pick(100, 400) << ".0\nseed = " << seed << "\n";
    const int n_pop = pick(1, 3), n_src = pick(1, 2);
    std::vector<int> pop_size, src_size;
    for (int p = 0; p < n_pop; ++p) {
        pop_size.push_back(pick(1, 12));
        t << "[[population]]\nname = \"p" << p << "\"\nsize = " << pop_size.back()
          << "\ntau_m_ms = 10.0\nc_m_nf = 0.25\nv_rest_mv = -70.0\nv_reset_mv = -70.0\nv_thresh_mv = -55.0\n"
          << "t_ref_ms = " << pick(0, 3) << ".0\ntau_syn_e_ms = 2.0\ntau_syn_i_ms = 3.0\ni_offset_na = 0." << pick(0, 3) << "\n";
        // Adaptive LIF in about half the populations (current, threshold or both), from a
        // stream of its own so the rest of the network is what it was before.
        std::mt19937 ga(seed * 7919u + static_cast<std::uint32_t>(p));
        auto apick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(ga); };
        const int kind = apick(0, 5);  // 0-2 plain, 3 current, 4 threshold, 5 both
        if (kind == 3 || kind == 5)
            t << "adapt_b_na = 0.0" << apick(1, 9) << "\ntau_w_ms = " << apick(20, 300) << ".0\n";
        if (kind == 4 || kind == 5)
            t << "theta_jump_mv = " << apick(1, 5) << ".0\ntau_theta_ms = " << apick(10, 200) << ".0\n";
        if (kind >= 3) ++rules["adaptive_lif"];
        if (apick(0, 2) == 0) {  // intrinsic plasticity in about a third, with or without adaptation
            t << "ip_eta_mv = 0." << apick(1, 9) << "\nip_target_hz = " << apick(2, 30) << ".0\nip_tau_ms = "
              << apick(50, 500) << ".0\n";
            ++rules["intrinsic_plasticity"];
        }
    }
    for (int s = 0; s < n_src; ++s) {
        src_size.push_back(pick(1, 30));
        t << "[[source]]\nname = \"s" << s << "\"\nkind = \"poisson\"\nsize = " << src_size.back()
          << "\nrate_hz = " << pick(5, 80) << ".0\n";
    }
    t << "[[source]]\nname = \"reward\"\nkind = \"reward\"\nrate_hz = " << pick(5, 40) << ".0\namount = "
      << pick(-5, 40) << ".0\n";
    const int n_proj = pick(1, 5);
    const std::string scaling_period = tenths(pick(1, 200));  // [ms]
    for (int k = 0; k < n_proj; ++k) {
        const bool from_src = pick(0, 2) > 0;
        const int pre = from_src ? pick(0, n_src - 1) : pick(0, n_pop - 1);
        const int pre_size = from_src ? src_size[pre] : pop_size[pre];
        const int post = pick(0, n_pop - 1);
        t << "[[projection]]\nname = \"k" << k << "\"\npre = \"" << (from_src ? "s" : "p") << pre
          << "\"\npost = \"p" << post << "\"\n";
        const bool inhibitory = pick(0, 4) == 0;  // written after the rule is known
        const int conn = pick(0, 3);
        if (conn == 0) t << "connector = \"all_to_all\"\n";
        else if (conn == 1 && pre_size == pop_size[post]) t << "connector = \"one_to_one\"\n";
        else if (conn == 2) t << "connector = \"fixed_probability\"\np = 0." << pick(1, 9) << "\n";
        else {
            t << "connector = \"list\"\nconnections = [";
            const int m = pick(1, 40);
            for (int i = 0; i < m; ++i)
                t << (i ? ", " : "") << "[" << pick(0, pre_size - 1) << ", " << pick(0, pop_size[post] - 1) << ", 0."
                  << pick(1, 9) << ", " << tenths(pick(1, 30)) << "]";
            t << "]\n";
        }
        t << "weight_na = 0." << pick(1, 9) << "\ndelay_ms = " << tenths(pick(1, 40)) << "\n";
        // 0-2 static, 3 pair, 4 triplet, 5 reward-modulated, 6 inhibitory, 7 scaling, 8 Hebbian, 9 Oja
        const int rule = pick(0, 9);
        // synaptic scaling acts on excitatory projections only
        if (inhibitory && rule != 7) t << "receptor = \"inhibitory\"\n";
        const char* pairing = pick(0, 1) ? "all_to_all" : "nearest";
        if (rule == 3) {
            t << "[projection.plasticity]\nrule = \"stdp_pair\"\npairing = \"" << pairing
              << "\"\nweight_dependence = \"" << (pick(0, 1) ? "additive" : "multiplicative")
              << "\"\ntau_plus_ms = 16.8\ntau_minus_ms = 33.7\na_plus = 0.05\na_minus = 0.06\nw_min_na = 0.0\nw_max_na = 1.0\n";
            ++rules["stdp_pair"];
        }
        else if (rule == 4) {
            t << "[projection.plasticity]\nrule = \"stdp_triplet\"\npairing = \"" << pairing
              << "\"\na2_plus = 0.01\na3_plus = 0.02\na2_minus = 0.02\na3_minus = 0.005\ntau_x_ms = " << pick(50, 500)
              << ".0\nw_min_na = 0.0\nw_max_na = 1.0\n";
            ++rules["stdp_triplet"];
        }
        else if (rule == 5) {
            t << "[projection.plasticity]\nrule = \"stdp_reward\"\nmodulator = \"reward\"\npairing = \"" << pairing
              << "\"\na_plus = 0.2\na_minus = 0.25\ntau_c_ms = " << pick(20, 500) << ".0\ntau_d_ms = " << pick(10, 200)
              << ".0\nw_min_na = 0.0\nw_max_na = 1.0\n";
            ++rules["stdp_reward"];
        }
        else if (rule == 6) {
            t << "[projection.plasticity]\nrule = \"istdp_vogels\"\neta_na = 0.0" << pick(1, 5) << "\ntau_ms = "
              << pick(10, 40) << ".0\nrho0_hz = " << pick(1, 20) << ".0\nw_min_na = 0.0\nw_max_na = 1.0\n";
            ++rules["istdp_vogels"];
        }
        else if (rule == 7) {
            // One parameter set per network: every scaling projection into a population must agree.
            t << "[projection.plasticity]\nrule = \"synaptic_scaling\"\neta_per_hz = 0.02\ntau_rate_ms = 100.0\n"
              << "target_hz = 10.0\nperiod_ms = " << scaling_period << "\nw_min_na = 0.0\nw_max_na = 1.0\n";
            ++rules["synaptic_scaling"];
        }
        else if (rule == 8 || rule == 9) {
            // Half the rate-rule projections run BCM instead, decided by a stream of their own so
            // that every other projection of the network is what it was before.
            std::mt19937 gb(seed * 104729u + static_cast<std::uint32_t>(k));
            auto bpick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gb); };
            const bool bcm = bpick(0, 1) == 0;
            const char* name = bcm ? "bcm" : rule == 8 ? "hebbian" : "oja";
            const int eta_digit = pick(1, 9), tau = pick(10, 100);
            const std::string period = tenths(pick(1, 50));
            t << "[projection.plasticity]\nrule = \"" << name << "\"\neta = 0.00" << (bcm ? "00" : "") << eta_digit
              << "\ntau_ms = " << tau << ".0\nperiod_ms = " << period << "\nw_min_na = 0.0\nw_max_na = 1.0\n";
            if (bcm)
                t << "tau_theta_ms = " << bpick(100, 2000) << ".0\nrho0_hz = " << bpick(2, 30) << ".0\ntheta0_hz = "
                  << bpick(0, 30) << ".0\n";
            ++rules[name];
        }
    }
    t << "[record]\nspikes = [\"p0\", \"s0\"]\n";
    t << "[hardware]\npreset = \"" << presets[pick(0, 2)] << "\"\n";
    if (pick(0, 1)) t << "post_history = " << pick(1, 4) << "\n";
    if (pick(0, 1)) t << "modulator_history = " << pick(1, 3) << "\n";
    t << "[core]\nlanes = " << pick(1, 8) << "\nfifo_depth = " << pick(1, 16) << "\nsram_ports = " << pick(1, 2)
      << "\nmode = \"" << (pick(0, 1) ? "realtime" : "accelerated") << "\"\n";
    return t.str();
}

}  // namespace plasticore::test
