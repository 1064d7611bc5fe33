// compare_runs() on small hand-made run results, and golden against golden on an example.

#include <catch2/catch.hpp>

#include <cmath>

#include "compare/compare.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore {
namespace {

// Populations a (2 neurons), b (1) and c (3, spikes not recorded); a plastic and a static
// projection.
experiment small_experiment() {
    experiment ex;
    ex.simulation.dt = 0.1;
    ex.populations = {{"a", 2, {}, {}, {}, 2}, {"b", 1, {}, {}, {}, 1}, {"c", 3, {}, {}, {}, 3}};
    projection plastic;
    plastic.name = "plastic";
    plastic.pre = "a";
    plastic.post = "b";
    plastic.plasticity = stdp_pair_params{};
    projection fixed = plastic;
    fixed.name = "static";
    fixed.plasticity = static_synapse{};
    ex.projections = {plastic, fixed};
    return ex;
}

run_result small_result(const std::string& model) {
    run_result r;
    r.model = model;
    r.dt = 0.1;
    r.steps = 100;
    r.spike_groups = {"b", "a"};  // not in experiment order: compare must go by name
    r.counts = {{"a", true, 2, 0}, {"b", true, 1, 0}, {"c", true, 3, 7}};
    r.final_weights = {{0.0, 1.0}, {0.5, 0.5}};
    r.counters = {{"stimulus_spikes_merged_in_step", 0}};
    return r;
}

void add_spike(run_result& r, std::int64_t step, const std::string& group, std::uint32_t neuron) {
    const auto g = static_cast<std::uint32_t>(
        std::find(r.spike_groups.begin(), r.spike_groups.end(), group) - r.spike_groups.begin());
    r.spikes.push_back({step, g, neuron});
    for (auto& c: r.counts)
        if (c.name == group) ++c.spikes;
}

const population_comparison& pop(const compare_report& rep, const std::string& name) {
    for (const auto& p: rep.populations)
        if (p.name == name) return p;
    FAIL("no population " << name);
    throw;
}

}  // namespace

TEST_CASE("compare_runs on hand-made runs", "[compare]") {
    const experiment ex = small_experiment();
    run_result ref = small_result("golden");
    run_result cand = small_result("fixed");
    // a0: 10, 20 against 10, 21; a1: 15 in both; b0: 30 against 30, 40.
    add_spike(ref, 10, "a", 0);
    add_spike(ref, 15, "a", 1);
    add_spike(ref, 20, "a", 0);
    add_spike(ref, 30, "b", 0);
    add_spike(cand, 10, "a", 0);
    add_spike(cand, 15, "a", 1);
    add_spike(cand, 21, "a", 0);
    add_spike(cand, 30, "b", 0);
    add_spike(cand, 40, "b", 0);
    // State: v differs by 1 mV in one of four samples, i_e by -0.5 nA in two.
    for (std::int64_t step: {0, 1})
        for (std::uint32_t n: {0u, 1u}) {
            ref.state.push_back({step, 0, n, -65.0, 0.0, 0.0});
            cand.state.push_back({step, 0, n, step == 1 && n == 1 ? -64.0 : -65.0, step == 1 ? -0.5 : 0.0, 0.0});
        }
    cand.final_weights = {{1.0, 2.0}, {0.0, 9.0}};  // the static one is not compared
    cand.counters["fixed_saturations"] = 3;

    const compare_report rep = compare_runs(ex, ref, cand, {});

    const auto& a = pop(rep, "a");
    CHECK(a.recorded);
    CHECK(a.reference_spikes == 3);
    CHECK(a.candidate_spikes == 3);
    CHECK(a.difference == 0);
    CHECK(a.matched_spikes == 3);  // 20 and 21 are within one step
    REQUIRE(a.match_fraction);
    CHECK(*a.match_fraction == 1.0);
    const double d_a0 = std::sqrt(1.0 - std::exp(-0.1 / 10.0));  // 2.0 ms against 2.1 ms
    CHECK(a.van_rossum_max == Approx(d_a0).epsilon(1e-12));
    CHECK(a.van_rossum_mean == Approx(d_a0 / 2.0).epsilon(1e-12));  // neuron 1 contributes 0

    const auto& b = pop(rep, "b");
    CHECK(b.reference_spikes == 1);
    CHECK(b.candidate_spikes == 2);
    CHECK(b.difference == 1);
    CHECK(b.matched_spikes == 1);
    CHECK(*b.match_fraction == 1.0);
    CHECK(b.van_rossum_mean == Approx(std::sqrt(0.5)).epsilon(1e-12));  // one extra spike

    const auto& c = pop(rep, "c");
    CHECK_FALSE(c.recorded);
    CHECK(c.reference_spikes == 7);
    CHECK(c.difference == 0);
    CHECK_FALSE(c.match_fraction);

    CHECK(rep.total.reference_spikes == 11);
    CHECK(rep.total.candidate_spikes == 12);
    CHECK(rep.total.matched_spikes == 4);
    CHECK(*rep.total.match_fraction == 1.0);  // over the 4 recorded reference spikes
    CHECK(rep.total.van_rossum_mean == Approx((d_a0 + std::sqrt(0.5)) / 3.0).epsilon(1e-12));

    REQUIRE(rep.first_divergence);
    CHECK(rep.first_divergence->step == 20);
    CHECK(rep.first_divergence->time == Approx(2.0));
    CHECK(rep.first_divergence->population == "a");
    CHECK(rep.first_divergence->neuron == 0);
    CHECK(rep.first_divergence->present_in == "reference");

    CHECK(rep.state.samples == 4);
    CHECK(rep.state.unmatched_samples == 0);
    CHECK(rep.state.v.rmse == Approx(0.5));  // sqrt(1/4)
    CHECK(rep.state.v.max_abs == Approx(1.0));
    CHECK(rep.state.v.mean_signed == Approx(0.25));
    CHECK(rep.state.i_e.rmse == Approx(std::sqrt(0.5 * 0.5 * 2 / 4)));
    CHECK(rep.state.i_e.mean_signed == Approx(-0.25));
    CHECK(rep.state.i_i.rmse == 0.0);

    REQUIRE(rep.projections.size() == 1);
    const auto& w = rep.projections[0];
    CHECK(w.name == "plastic");
    CHECK(w.wasserstein1 == 1.0);
    CHECK(w.error.mean_signed == 1.0);
    CHECK(w.error.rmse == 1.0);
    CHECK(w.error.max_abs == 1.0);
    CHECK(w.error.mean_signed_se == 0.0);

    CHECK(rep.candidate_counters.at("fixed_saturations") == 3);
    CHECK(rep.reference_counters.count("fixed_saturations") == 0);

    const nlohmann::json j = to_json(rep);
    CHECK(j["populations"]["a"]["matched_spikes"] == 3);
    CHECK(j["populations"]["b"]["difference"] == 1);
    CHECK_FALSE(j["populations"]["c"].contains("match_fraction"));
    CHECK(j["first_divergence"]["step"] == 20);
    CHECK(j["first_divergence"]["present_in"] == "reference");
    CHECK(j["projections"]["plastic"]["wasserstein1_na"] == 1.0);
    CHECK(j["projections"]["plastic"]["mean_signed_error_na"] == 1.0);
    CHECK_FALSE(j["projections"].contains("static"));
    CHECK(j["state"]["v_mv"]["rmse"] == 0.5);
    CHECK(j["counters"]["candidate"]["fixed_saturations"] == 3);
    CHECK(j["options"]["van_rossum_tau_ms"] == 10.0);

    const std::string table = format_table(rep);
    CHECK(table.find("first divergence: step 20 (2 ms), a neuron 0, spike only in the reference") != std::string::npos);
    CHECK(table.find("fixed_saturations") != std::string::npos);
}

TEST_CASE("a missing spike diverges in the candidate's favour and is unmatched", "[compare]") {
    const experiment ex = small_experiment();
    run_result ref = small_result("golden");
    run_result cand = small_result("golden");
    add_spike(ref, 50, "b", 0);
    add_spike(cand, 5, "a", 1);
    add_spike(cand, 50, "b", 0);
    const compare_report rep = compare_runs(ex, ref, cand, {});
    REQUIRE(rep.first_divergence);
    CHECK(rep.first_divergence->step == 5);
    CHECK(rep.first_divergence->population == "a");
    CHECK(rep.first_divergence->neuron == 1);
    CHECK(rep.first_divergence->present_in == "candidate");
    CHECK_FALSE(pop(rep, "a").match_fraction);  // no reference spikes: undefined
    CHECK(to_json(rep)["populations"]["a"]["match_fraction"].is_null());
    CHECK(*pop(rep, "b").match_fraction == 1.0);
}

TEST_CASE("compare_runs rejects runs of different lengths and bad options", "[compare]") {
    const experiment ex = small_experiment();
    run_result ref = small_result("golden");
    run_result cand = small_result("golden");
    cand.steps = 99;
    CHECK_THROWS_AS(compare_runs(ex, ref, cand, {}), std::invalid_argument);
    cand.steps = ref.steps;
    compare_options bad;
    bad.van_rossum_tau = 0.0;
    CHECK_THROWS_AS(compare_runs(ex, ref, cand, bad), std::invalid_argument);
}

namespace {

experiment short_song2000() {
    experiment ex = load_experiment(std::string(PLASTICORE_SOURCE_DIR) + "/examples/song2000.toml");
    ex.simulation.duration = 3000.0;
    return ex;
}

}  // namespace

TEST_CASE("golden against golden: no differences at all", "[compare][golden]") {
    const experiment ex = short_song2000();
    const compare_report rep = compare_models(ex, "golden", "golden");
    REQUIRE(rep.total.reference_spikes > 10);
    CHECK(rep.total.difference == 0);
    CHECK(*rep.total.match_fraction == 1.0);
    CHECK(rep.total.van_rossum_mean == 0.0);
    CHECK(rep.total.van_rossum_max == 0.0);
    CHECK_FALSE(rep.first_divergence);
    REQUIRE(rep.state.samples > 1000);
    CHECK(rep.state.v.rmse == 0.0);
    CHECK(rep.state.i_e.rmse == 0.0);
    REQUIRE(rep.projections.size() == 1);
    CHECK(rep.projections[0].error.n == 1000);
    CHECK(rep.projections[0].error.rmse == 0.0);
    CHECK(rep.projections[0].error.mean_signed == 0.0);
    CHECK(rep.projections[0].wasserstein1 == 0.0);
    CHECK(rep.reference_counters == rep.candidate_counters);
    CHECK(to_json(rep)["first_divergence"].is_null());
    CHECK_THROWS_AS(compare_models(ex, "golden", "no-such-model"), std::invalid_argument);
}

TEST_CASE("one shifted spike shows in first divergence, match fraction and van Rossum", "[compare][golden]") {
    const experiment ex = short_song2000();
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result ref = run_model("golden", ex, stim, net);
    REQUIRE(ref.spikes.size() > 10);
    // Move the 5th spike of post 5 steps later (refractoriness keeps it away from the others).
    run_result cand = ref;
    const std::size_t k = 4;
    const std::int64_t original = ref.spikes[k].step;
    REQUIRE(ref.spikes[k + 1].step - original > 7);
    REQUIRE(original - ref.spikes[k - 1].step > 2);
    cand.spikes[k].step += 5;

    const compare_report rep = compare_runs(ex, ref, cand, {});
    REQUIRE(rep.first_divergence);
    CHECK(rep.first_divergence->step == original);
    CHECK(rep.first_divergence->present_in == "reference");
    CHECK(rep.first_divergence->population == "post");
    const std::uint64_t n = ref.spikes.size();
    CHECK(rep.total.matched_spikes == n - 1);
    CHECK(*rep.total.match_fraction == Approx(static_cast<double>(n - 1) / static_cast<double>(n)));
    CHECK(rep.total.difference == 0);
    CHECK(rep.total.van_rossum_mean > 0.0);

    // A shift of one step still matches, but is the first divergence.
    cand.spikes[k].step = original + 1;
    const compare_report one = compare_runs(ex, ref, cand, {});
    CHECK(*one.total.match_fraction == 1.0);
    REQUIRE(one.first_divergence);
    CHECK(one.first_divergence->step == original);
}

}  // namespace plasticore
