// run_sweep(): determinism over job counts, shards merged equal to one run, resume, reuse of
// the reference run across points that differ only in [hardware].

#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sweep/sweep.hpp"
#include "sweep_fixtures.hpp"

namespace plasticore::sweep {
namespace {

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST_CASE("a sweep is the same whatever the number of jobs", "[sweep]") {
    temp_dir t;
    const auto spec = small_spec();
    run_options one, two;
    one.jobs = 1;
    two.jobs = 2;
    const auto s1 = run_sweep(spec, t.path / "j1", one);
    const auto s2 = run_sweep(spec, t.path / "j2", two);
    CHECK(s1.points == 6);
    CHECK(s1.runs_executed == 12);
    CHECK(s2.runs_executed == 12);
    const std::string csv = read(t.path / "j1" / "sweep.csv");
    CHECK(count_lines(csv) == 13);  // header + 12 rows
    CHECK(csv.rfind("simulation.duration_ms,source.inputs.size,hardware.weight_bits,hardware.weight_rounding,seed,", 0) == 0);
    CHECK(csv == read(t.path / "j2" / "sweep.csv"));
    CHECK(read(t.path / "j1" / "sweep.json") == read(t.path / "j2" / "sweep.json"));
    CHECK(read(t.path / "j1" / "sweep_summary.csv") == read(t.path / "j2" / "sweep_summary.csv"));
    CHECK(count_lines(read(t.path / "j1" / "sweep_summary.csv")) == 7);  // header + 6 points
    // The seeds are seed_base + k.
    CHECK(csv.find(",floor,11,") != std::string::npos);
    CHECK(csv.find(",floor,12,") != std::string::npos);
    if (has_fixed()) {
        // [hardware] reaches the candidate: 5-bit floor and 8-bit stochastic weights differ.
        const auto lines = [&] {
            std::vector<std::string> v;
            std::istringstream in(csv);
            for (std::string l; std::getline(in, l);) v.push_back(l.substr(l.find(",11,") + 1));
            return v;
        }();
        CHECK(lines.at(1) != lines.at(11));
    }
}

TEST_CASE("the reference run is shared by points that differ only in hardware keys", "[sweep]") {
    temp_dir t;
    run_options o;
    o.jobs = 2;
    const auto s = run_sweep(small_spec(), t.path / "out", o);
    CHECK(s.runs_executed == 12);
    CHECK(s.reference_runs == 2);  // one per seed
}

TEST_CASE("shards merged equal a single run", "[sweep]") {
    temp_dir t;
    const auto spec = small_spec();
    run_sweep(spec, t.path / "all");
    run_options a, b;
    a.shard = {1, 2};
    b.shard = {2, 2};
    const auto sa = run_sweep(spec, t.path / "a", a);
    const auto sb = run_sweep(spec, t.path / "b", b);
    CHECK(sa.runs_executed == 6);
    CHECK(sb.runs_executed == 6);
    CHECK(fs::exists(t.path / "a" / "points" / "p000000-k0.json"));
    CHECK(!fs::exists(t.path / "a" / "points" / "p000001-k0.json"));
    CHECK(fs::exists(t.path / "b" / "points" / "p000001-k1.json"));
    CHECK_THROWS_WITH(merge_sweeps({t.path / "a"}, t.path / "bad"), Catch::Contains("missing"));
    merge_sweeps({t.path / "a", t.path / "b"}, t.path / "merged");
    for (const char* f: {"sweep.csv", "sweep.json", "sweep_summary.csv"})
        CHECK(read(t.path / "merged" / f) == read(t.path / "all" / f));
}

TEST_CASE("a rerun resumes: finished points are not run again", "[sweep]") {
    temp_dir t;
    const auto spec = small_spec();
    const auto first = run_sweep(spec, t.path / "out");
    CHECK(first.runs_executed == 12);
    const std::string csv = read(t.path / "out" / "sweep.csv");
    const auto again = run_sweep(spec, t.path / "out");
    CHECK(again.runs_executed == 0);
    CHECK(again.runs_skipped == 12);
    fs::remove(t.path / "out" / "points" / "p000003-k1.json");
    fs::remove(t.path / "out" / "points" / "p000005-k0.json");
    const auto resumed = run_sweep(spec, t.path / "out");
    CHECK(resumed.runs_executed == 2);
    CHECK(read(t.path / "out" / "sweep.csv") == csv);
    // Another sweep into the same directory is refused.
    auto other = spec;
    other.axes[2].values = {"7"};
    CHECK_THROWS_WITH(run_sweep(other, t.path / "out"), Catch::Contains("different sweep"));
}

TEST_CASE("populations of several neurons get their spike statistics as columns, with the options given", "[sweep]") {
    if (!has_fixed()) return;
    temp_dir t;
    sweep_spec spec;
    spec.experiment_path = std::string(PLASTICORE_SOURCE_DIR) + "/examples/chip_multipop.toml";
    spec.axes = {{"simulation.duration_ms", {"200"}}, {"hardware.weight_bits", {"6", "16"}}};
    spec.candidate = "fixed";
    spec.compare.statistics.analysis_start = 50.0;
    spec.compare.statistics.correlation_bin = 5.0;
    run_sweep(spec, t.path);
    const std::string csv = read(t.path / "sweep.csv");
    const std::string header = csv.substr(0, csv.find('\n'));
    for (const char* column: {",L4e.rate_ks,", ",L4e.rate_w1_hz,", ",L4e.cv_isi_ks,", ",L4e.cv_isi_w1,",
                              ",L4e.correlation_ks,", ",L5i.correlation_w1"})
        CHECK(header.find(column) != std::string::npos);
    // Each column is compare.json's value for that point, computed with the options given.
    for (const char* file: {"p000000-k0.json", "p000001-k0.json"}) {
        const auto j = nlohmann::json::parse(read(t.path / "points" / file));
        const auto& options = j.at("compare").at("options");
        CHECK(options.at("analysis_start_ms").get<double>() == 50.0);
        CHECK(options.at("correlation_bin_steps").get<int>() == 50);
        for (const char* pop: {"L4e", "L23i"}) {
            const auto& st = j.at("compare").at("populations").at(pop).at("statistics");
            const auto& m = j.at("metrics");
            CHECK(m.at(std::string(pop) + ".rate_ks") == st.at("rate_hz").at("ks_statistic"));
            CHECK(m.at(std::string(pop) + ".rate_w1_hz") == st.at("rate_hz").at("wasserstein1"));
            CHECK(m.at(std::string(pop) + ".cv_isi_w1") == st.at("cv_isi").at("wasserstein1"));
            CHECK(m.at(std::string(pop) + ".correlation_ks") == st.at("correlation").at("ks_statistic"));
        }
    }
    // 6-bit weights move the rates more than 16-bit ones: the columns follow the runs.
    const auto coarse = nlohmann::json::parse(read(t.path / "points" / "p000000-k0.json")).at("metrics");
    const auto fine = nlohmann::json::parse(read(t.path / "points" / "p000001-k0.json")).at("metrics");
    CHECK(coarse.at("L4e.rate_w1_hz").get<double>() > fine.at("L4e.rate_w1_hz").get<double>());
    // The options are part of what identifies the sweep (resume refuses other options).
    const auto spec_json = nlohmann::json::parse(read(t.path / "sweep_spec.json"));
    CHECK(spec_json.at("statistics").at("--analysis-start") == "50");
    CHECK(spec_json.at("statistics").at("--correlation-bin") == "5");
    auto other = spec;
    other.compare.statistics.correlation_bin = 2.0;
    CHECK_THROWS_WITH(run_sweep(other, t.path), Catch::Contains("holds a different sweep"));
}

TEST_CASE("a one-neuron population has no statistics columns; default options leave the spec as it was", "[sweep]") {
    temp_dir t;
    auto spec = small_spec();
    spec.axes[2].values = {"8"};
    spec.axes[3].values = {"floor"};
    spec.seeds = 1;
    run_sweep(spec, t.path);
    const std::string csv = read(t.path / "sweep.csv");
    CHECK(csv.substr(0, csv.find('\n')).find("_ks") == std::string::npos);
    CHECK(!nlohmann::json::parse(read(t.path / "sweep_spec.json")).contains("statistics"));
}

TEST_CASE("bad sweeps fail before running anything", "[sweep]") {
    temp_dir t;
    auto spec = small_spec();
    spec.axes.push_back({"projection.nope.plasticity.a_plus", {"0.1"}});
    CHECK_THROWS_WITH(run_sweep(spec, t.path / "out"), Catch::Contains("no projection named 'nope'"));
    CHECK(!fs::exists(t.path / "out" / "points"));
    spec = small_spec();
    spec.candidate = "nonesuch";
    CHECK_THROWS_WITH(run_sweep(spec, t.path / "out"), Catch::Contains("unknown model 'nonesuch'"));
    spec = small_spec();
    spec.axes[0].values = {"300", "100"};
    spec.compare.statistics.analysis_start = 200.0;
    CHECK_THROWS_WITH(run_sweep(spec, t.path / "out"),
                      Catch::Contains("point 6 (simulation.duration_ms=100") && Catch::Contains("--analysis-start"));
    CHECK(!fs::exists(t.path / "out" / "points"));
}

}  // namespace
}  // namespace plasticore::sweep
