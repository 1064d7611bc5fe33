// The SystemC core against the fixed model: spikes, state, snapshots, final weights and every
// counter bit-identical on the examples and on many random small networks. The core is run
// several times in one process (core::run starts a fresh SystemC context each time).
#include <algorithm>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "core/plasticity_socket.hpp"

#include "core_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

TEST_CASE("core equals fixed on song2000 shortened to 2 s", "[systemc]") {
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "2000.0");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 10);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed on stdp_window", "[systemc]") {
    const experiment ex = load_experiment_from_string(read_example("stdp_window.toml"), "stdp_window.toml");
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 100);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed on stimulation_plasticity (constant and oscillating biases), also with stochastic products", "[systemc]") {
    // The generators' products draw from the neuron unit's stream under spinnaker-sr.
    for (const char* preset: {"reference", "spinnaker-sr"}) {
        INFO("preset " << preset);
        std::string text = with_value(read_example("stimulation_plasticity.toml"), "duration_ms", "1500.0");
        text += std::string("\n[hardware]\npreset = \"") + preset + "\"\n";
        const experiment ex = load_experiment_from_string(text, "stimulation_plasticity.toml");
        REQUIRE(std::count_if(ex.stimulations.begin(), ex.stimulations.end(),
                              [](const stimulation& s) { return s.oscillating(); }) == 2);
        const auto r = run_both(ex);
        REQUIRE(r.fixed.spikes.size() > 20);
        require_identical(r.fixed, r.core);
    }
}

TEST_CASE("core equals fixed on bcm_selectivity (the sliding threshold's sweep), also with stochastic rounding", "[systemc]") {
    for (const char* preset: {"reference", "spinnaker-sr"}) {
        INFO("preset " << preset);
        std::string text = with_value(read_example("bcm_selectivity.toml"), "duration_ms", "20000.0");
        text += std::string("\n[hardware]\npreset = \"") + preset + "\"\n";
        const experiment ex = load_experiment_from_string(text, "bcm_selectivity.toml");
        const auto r = run_both(ex);
        REQUIRE(r.fixed.spikes.size() > 100);
        require_identical(r.fixed, r.core);
        // Every sweep (1 ms) writes each neuron's threshold back into its post-history entry:
        // 2 projections x 4 neurons x 20,000 sweeps, besides the entries of the post spikes.
        const auto j = nlohmann::json::parse(r.core.core_report);
        CHECK(j["memories"]["post_history_sram"]["writes"].get<std::uint64_t>() >= 2u * 4u * 20000u);
        CHECK(j["memories"]["post_history_sram"]["word"].get<std::string>().find("theta") != std::string::npos);
        CHECK(j["plasticity_transactions"]["slide_threshold"].get<std::uint64_t>() == 2u * 4u * 20000u);
    }
}

TEST_CASE("core equals fixed on song2000 with the spinnaker-sr preset, 4 lanes, single-port SRAM", "[systemc]") {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    text += "\n[hardware]\npreset = \"spinnaker-sr\"\n[core]\nlanes = 4\nsram_ports = 1\nfifo_depth = 2\nmode = \"accelerated\"\n";
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const auto r = run_both(ex);
    require_identical(r.fixed, r.core);
}

TEST_CASE("core equals fixed with transmit = after_update, which changes what is transmitted", "[systemc]") {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "2000.0");
    const experiment before_ex = load_experiment_from_string(text, "song2000.toml");
    text = with_value(text, "rule", "\"stdp_pair\"\ntransmit = \"after_update\"");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    REQUIRE(ex.projections[0].transmit == transmit_order::after_update);
    const auto r = run_both(ex);
    REQUIRE(r.fixed.spikes.size() > 10);
    require_identical(r.fixed, r.core);
    // The option is seen by the datapath: the postsynaptic neuron's spikes move.
    const auto before = run_both(before_ex);
    auto steps = [](const run_result& res) {
        std::vector<std::int64_t> out;
        for (const auto& sp: res.spikes) out.push_back(sp.step * 1000003 + sp.group * 1009 + sp.neuron);
        return out;
    };
    CHECK(steps(before.fixed) != steps(r.fixed));
}

namespace {
// A random small network: 1-3 populations (plain or adaptive LIF, some with intrinsic plasticity), 1-2 Poisson sources, a reward source, random
// connectors, list connectors with per-synapse delays (several row segments per row), each
// projection static or plastic with a random rule of the registry (pair, triplet, reward-
// modulated, inhibitory, synaptic scaling, Hebbian, Oja, BCM), inhibitory projections, a random preset and [core] timing. `rules` counts the
// projections of each rule (by registry name).
std::string random_network(std::uint32_t seed, std::map<std::string, int>& rules) {
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
}  // namespace

TEST_CASE("core equals fixed on 40 random small networks mixing every plasticity rule and both neuron models", "[systemc][property]") {
    const std::uint32_t base = 20240u;
    std::map<std::string, int> run_rules;
    for (std::uint32_t i = 0; i < 40; ++i) {
        const std::uint32_t seed = base + i;
        std::map<std::string, int> these;
        const std::string text = random_network(seed, these);
        INFO("network seed " << seed << ":\n" << text);
        experiment ex;
        try {
            ex = load_experiment_from_string(text, "random.toml");
        }
        catch (const std::exception& e) {
            WARN("seed " << seed << " skipped: " << e.what());
            continue;
        }
        const auto r = run_both(ex);
        require_identical(r.fixed, r.core);
        for (const auto& [rule, n]: these) run_rules[rule] += n;
    }
    // Every rule of the registry ran in several of the networks.
    for (const auto& info: plasticity::rules()) {
        INFO("rule " << info.name);
        CHECK(run_rules[info.name] >= 5);
    }
    // And adaptive populations (docs/semantics.md, "Adaptive LIF") in several of them.
    CHECK(run_rules["adaptive_lif"] >= 5);
    CHECK(run_rules["intrinsic_plasticity"] >= 5);
}

namespace {
// A socket as the RTL wrapper will be: it forwards every transaction to the C++ unit and
// counts them, so the results must not change and the count must match the report.
class counting_socket final : public core::plasticity_socket {
public:
    explicit counting_socket(fixed::engine** e): engine_(e) {}
    fixed::synapse_response transport(std::size_t k, const fixed::synapse_request& r) override {
        ++transactions;
        return (*engine_)->execute(k, r);
    }
    int latency_cycles() const override { return 3; }
    std::uint64_t transactions = 0;

private:
    fixed::engine** engine_;
};
}  // namespace

TEST_CASE("an installed plasticity socket sees every update and changes no bit", "[systemc]") {
    // The socket reaches the engine's units through core::run_options::engine_hook.
    const std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    const experiment ex = load_experiment_from_string(text, "song2000.toml");
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    fixed::engine* engine = nullptr;
    counting_socket socket(&engine);
    core::run_options o;
    o.socket = &socket;
    o.engine_hook = [&](fixed::engine& e) { engine = &e; };
    const run_result c = core::run(ex, stim, net, o);
    const run_result f = fixed::run(ex, stim, net);
    require_identical(f, c);
    const auto j = nlohmann::json::parse(c.core_report);
    // Every operation of the rule is a transaction: the report counts them by operation.
    std::uint64_t expected = 0;
    for (const auto& [op, count]: j["plasticity_transactions"].items()) expected += count.get<std::uint64_t>();
    CHECK(socket.transactions == expected);
    CHECK(j["plasticity_transactions"]["potentiate"].get<std::uint64_t>() ==
          j["events"]["history_replayed"].get<std::uint64_t>() + j["events"]["flush_replayed"].get<std::uint64_t>());
    CHECK(j["plasticity_transactions"]["depress"].get<std::uint64_t>() == j["events"]["depressions"].get<std::uint64_t>());
    CHECK(j["plasticity_transactions"]["bump_pre"].get<std::uint64_t>() ==
          j["events"]["plastic_row_segments"].get<std::uint64_t>());
    CHECK(socket.transactions > 1000);
}
