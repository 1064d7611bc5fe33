#include "sweep/sweep.hpp"
#include "sweep/shards.hpp"

#include "config/hardware_config.hpp"
#include "random/streams.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

#include "capacity/capacity.hpp"
#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"
#include "experiment/time_steps.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "results/result_directory.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::sweep {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::optional<std::int64_t> integer_of(const std::string& s) {
    std::int64_t x = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), x);
    if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
    return x;
}

}  // namespace

std::vector<std::string> parse_values(const std::string& text) {
    const std::string t = trim(text);
    if (t.empty()) throw sweep_error("empty value list ''");
    const auto dots = t.find("..");
    if (dots != std::string::npos) {
        const std::string from_text = trim(t.substr(0, dots));
        std::string rest = t.substr(dots + 2);
        std::string to_text = rest, step_text = "1";
        if (const auto colon = rest.find(':'); colon != std::string::npos) {
            to_text = rest.substr(0, colon);
            step_text = rest.substr(colon + 1);
        }
        const auto from = integer_of(from_text), to = integer_of(trim(to_text)), step = integer_of(trim(step_text));
        if (!from || !to || !step)
            throw sweep_error(fmt::format("bad range '{}': expected FROM..TO or FROM..TO:STEP with integers", text));
        if (*step <= 0) throw sweep_error(fmt::format("bad range '{}': the step must be positive", text));
        if (*to < *from) throw sweep_error(fmt::format("bad range '{}': the end is below the start", text));
        if ((*to - *from) / *step >= 1000000) throw sweep_error(fmt::format("bad range '{}': too many values", text));
        std::vector<std::string> v;
        for (std::int64_t x = *from; x <= *to; x += *step) v.push_back(std::to_string(x));
        return v;
    }
    std::vector<std::string> v;
    std::size_t start = 0;
    while (true) {
        const auto comma = t.find(',', start);
        const std::string item = trim(t.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (item.empty()) throw sweep_error(fmt::format("empty value in list '{}'", text));
        v.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return v;
}

axis parse_set(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos) throw sweep_error(fmt::format("--set '{}' is not KEY=VALUES", text));
    axis a;
    a.key = trim(text.substr(0, eq));
    if (a.key.empty()) throw sweep_error(fmt::format("--set '{}' has no key", text));
    try {
        a.values = parse_values(text.substr(eq + 1));
    }
    catch (const sweep_error& e) {
        throw sweep_error(fmt::format("--set '{}': {}", text, e.what()));
    }
    return a;
}

shard_spec parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    std::optional<std::int64_t> k, n;
    if (slash != std::string::npos) {
        k = integer_of(trim(text.substr(0, slash)));
        n = integer_of(trim(text.substr(slash + 1)));
    }
    if (!k || !n || *n < 1 || *k < 1 || *k > *n || *n > 1000000)
        throw sweep_error(fmt::format("bad shard '{}': expected K/N with 1 <= K <= N", text));
    return {static_cast<int>(*k), static_cast<int>(*n)};
}

std::vector<std::vector<std::string>> cartesian_product(const std::vector<axis>& axes) {
    std::vector<std::vector<std::string>> points{{}};
    for (const auto& a: axes) {
        if (a.values.empty()) throw sweep_error(fmt::format("--set {}: empty value list", a.key));
        std::vector<std::vector<std::string>> next;
        next.reserve(points.size() * a.values.size());
        for (const auto& p: points)
            for (const auto& v: a.values) {
                next.push_back(p);
                next.back().push_back(v);
            }
        points = std::move(next);
    }
    return points;
}

void write_file_atomically(const fs::path& p, const std::string& text) {
    // Unique per process and thread: shards of one sweep may share a file system.
    const fs::path tmp = p.parent_path() / fmt::format(".{}.tmp{}-{}", p.filename().string(), ::getpid(),
                                                       std::hash<std::thread::id>{}(std::this_thread::get_id()));
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw sweep_error("cannot write '" + tmp.string() + "'");
    }
    fs::rename(tmp, p);
}

double t_quantile_95(int df) {
    static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return std::nan("");
    if (df <= 30) return table[df - 1];
    // Cornish-Fisher expansion to the order 1/df^2: within 1e-3 of the exact quantile for df > 30.
    const double z = 1.959964, d = static_cast<double>(df);
    return z + (z * z * z + z) / (4 * d) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw sweep_error("cannot read '" + p.string() + "'");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A JSON file of a sweep directory; a truncated or edited one is reported by name.
ojson read_json(const fs::path& p) {
    try {
        return ojson::parse(read_text(p));
    }
    catch (const nlohmann::json::exception& e) {
        throw sweep_error(fmt::format("'{}' is not valid JSON ({}); it was truncated or edited: delete it to "
                                      "rerun what it holds", p.string(), e.what()));
    }
}

bool is_hardware_key(const std::string& key) { return key == "hardware" || key.rfind("hardware.", 0) == 0 || key.rfind("hardware[", 0) == 0; }

// What identifies a sweep: equal for the shards of one sweep, whatever machine ran them.
ojson spec_json(const sweep_spec& spec, const std::vector<std::uint64_t>& seeds) {
    ojson j;
    j["format"] = 1;
    j["experiment"] = spec.experiment_path;
    j["experiment_fnv1a64"] = fmt::format("{:016x}", random::fnv1a(read_text(spec.experiment_path)));
    // The built-in presets resolve [hardware] defaults: a sweep resumed after they changed would
    // mix points of two hardware designs, so they are part of what makes a sweep the same.
    std::string presets;
    for (const auto& name: fixed::preset_names()) presets += std::string(name) + "\n" + std::string(fixed::preset_text(name));
    j["presets_fnv1a64"] = fmt::format("{:016x}", random::fnv1a(presets));
    j["axes"] = ojson::array();
    for (const auto& a: spec.axes) j["axes"].push_back({{"key", a.key}, {"values", a.values}});
    j["seeds"] = spec.seeds_given ? ojson(seeds) : ojson(nullptr);
    j["reference"] = spec.reference;
    j["candidate"] = spec.candidate;
    j["van_rossum_tau_ms"] = spec.compare.van_rossum_tau;
    j["match_window_steps"] = spec.compare.match_window;
    // Only when asked for, so that the specs of sweeps without it stay as they were.
    if (spec.capacity) j["capacity_tolerance"] = spec.capacity_tolerance;
    // Likewise the spike statistics' options, where they differ from the defaults.
    for (const auto& [flag, value]: statistics_arguments(spec.compare.statistics)) j["statistics"][flag] = value;
    return j;
}

bool same_sweep(ojson a, ojson b) {
    a.erase("experiment");  // the path may differ between machines; the content may not
    b.erase("experiment");
    return a == b;
}

ojson number_or_null(double x) { return std::isfinite(x) ? ojson(x) : ojson(nullptr); }

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// Energy, area and real-time margin of a core candidate (core and core-rtl; docs/sweep.md,
// "Design metrics"), from its summary.json "energy", "area" and "core" objects.
void design_metrics(ojson& m, const run_result& cand) {
    if (cand.energy_report.empty() || cand.area_report.empty() || cand.core_report.empty()) return;
    const ojson energy = ojson::parse(cand.energy_report), area = ojson::parse(cand.area_report),
                core = ojson::parse(cand.core_report);
    m["energy_total_uj"] = energy.at("total_uj");
    m["energy_per_event_pj"] = energy.at("per_synaptic_event_pj");
    m["synaptic_events"] = energy.at("synaptic_events");
    m["area_mm2"] = area.at("total_mm2");
    // Tick budget over the busiest tick (and the p99 tick): >= 1 meets real time, 2 has half
    // the budget to spare. Undefined for a run whose ticks were all idle.
    const double budget = core.at("tick_budget_cycles").get<double>();
    const auto& busy = core.at("busy_cycles_per_tick");
    const double max_busy = busy.at("max").get<double>(), p99_busy = busy.at("p99").get<double>();
    m["realtime_margin"] = max_busy > 0 ? ojson(budget / max_busy) : ojson(nullptr);
    m["realtime_margin_p99"] = p99_busy > 0 ? ojson(budget / p99_busy) : ojson(nullptr);
}

// The flat metrics of one point, in column order (docs/sweep.md).
ojson metrics_of(const experiment& ex, const compare_report& r, const run_result& cand) {
    ojson m;
    const auto& t = r.total;
    m["reference_spikes"] = t.reference_spikes;
    m["candidate_spikes"] = t.candidate_spikes;
    m["spike_count_difference"] = t.difference;
    m["match_fraction"] = t.recorded && t.match_fraction ? ojson(*t.match_fraction) : ojson(nullptr);
    m["van_rossum_mean"] = t.recorded ? ojson(t.van_rossum_mean) : ojson(nullptr);
    m["van_rossum_max"] = t.recorded ? ojson(t.van_rossum_max) : ojson(nullptr);
    m["first_divergence_step"] = r.first_divergence ? ojson(r.first_divergence->step) : ojson(nullptr);
    m["v_rmse_mv"] = r.state.samples ? number_or_null(r.state.v.rmse) : ojson(nullptr);
    m["v_max_abs_mv"] = r.state.samples ? number_or_null(r.state.v.max_abs) : ojson(nullptr);
    for (const auto& p: r.projections) {
        m[p.name + ".weight_rmse_na"] = number_or_null(p.error.rmse);
        m[p.name + ".weight_max_abs_na"] = number_or_null(p.error.max_abs);
        m[p.name + ".weight_bias_na"] = number_or_null(p.error.mean_signed);
        m[p.name + ".weight_w1_na"] = number_or_null(p.wasserstein1);
    }
    // Share of final weights within 10% of the weight range of either bound.
    for (std::size_t k = 0; k < ex.projections.size() && k < cand.final_weights.size(); ++k) {
        const auto b = plasticity::bounds(ex.projections[k].plasticity);
        if (!b) continue;
        const auto& w = cand.final_weights[k];
        const double margin = 0.1 * (b->w_max - b->w_min);
        std::size_t low = 0, high = 0;
        for (double x: w) {
            if (x <= b->w_min + margin) ++low;
            else if (x >= b->w_max - margin) ++high;
        }
        const double n = w.empty() ? 1.0 : static_cast<double>(w.size());
        m[ex.projections[k].name + ".candidate_near_min"] = static_cast<double>(low) / n;
        m[ex.projections[k].name + ".candidate_near_max"] = static_cast<double>(high) / n;
    }
    std::uint64_t saturations = 0, wraps = 0;
    for (const auto& [name, count]: r.candidate_counters) {
        if (contains(name, "saturat")) saturations += count;
        if (contains(name, "wrap")) wraps += count;
    }
    m["candidate_saturations"] = saturations;
    m["candidate_wraps"] = wraps;
    // The spike statistics of populations of at least two neurons (docs/sweep.md): the KS
    // statistic D and the Wasserstein-1 distance between the candidate's and the reference's
    // distributions of rate, CV ISI and pairwise correlation.
    for (const auto& p: r.populations) {
        if (!p.statistics || p.size < 2) continue;
        const auto put = [&](const std::string& stem, const statistic_comparison& c) {
            m[p.name + "." + stem + "_ks"] = c.ks ? number_or_null(c.ks->statistic) : ojson(nullptr);
            m[p.name + "." + stem + (stem == "rate" ? "_w1_hz" : "_w1")] = c.wasserstein1 ? number_or_null(*c.wasserstein1) : ojson(nullptr);
        };
        put("rate", p.statistics->rate);
        put("cv_isi", p.statistics->cv_isi);
        put("correlation", p.statistics->correlation);
    }
    design_metrics(m, cand);
    return m;
}

constexpr int histogram_bins = 40;

ojson histogram(const std::vector<double>& w, double lo, double hi) {
    std::vector<std::uint64_t> counts(histogram_bins, 0);
    const double width = (hi - lo) / histogram_bins;
    for (double x: w) {
        int b = width > 0 ? static_cast<int>(std::floor((x - lo) / width)) : 0;
        b = std::clamp(b, 0, histogram_bins - 1);
        ++counts[static_cast<std::size_t>(b)];
    }
    return counts;
}

ojson spikes_json(const run_result& r) {
    ojson j = ojson::object();
    for (std::size_t g = 0; g < r.spike_groups.size(); ++g) j[r.spike_groups[g]] = {{"t_ms", ojson::array()}, {"neuron", ojson::array()}};
    for (const auto& s: r.spikes) {
        auto& g = j[r.spike_groups.at(s.group)];
        g["t_ms"].push_back(static_cast<double>(s.step) * r.dt);
        g["neuron"].push_back(s.neuron);
    }
    return j;
}

constexpr std::size_t max_stored_spikes = 20000;  // per run; more are left out of the point file

ojson point_json(const sweep_spec& spec, std::size_t index, std::size_t seed_index,
                 const std::vector<std::string>& values, const experiment& ex, const run_result& ref,
                 const run_result& cand, const compare_report& report) {
    ojson j;
    j["index"] = index;
    j["seed_index"] = seed_index;
    j["seed"] = report.seed;
    j["values"] = ojson::object();
    for (std::size_t a = 0; a < spec.axes.size(); ++a) j["values"][spec.axes[a].key] = values[a];
    j["metrics"] = metrics_of(ex, report, cand);
    nlohmann::json c = to_json(report);
    // Wall-clock times differ from run to run; a point must not.
    c["reference"].erase("wall_clock_seconds");
    c["candidate"].erase("wall_clock_seconds");
    c["experiment"] = spec.experiment_path;
    j["compare"] = c;
    j["weights"] = ojson::object();
    for (std::size_t k = 0; k < ex.projections.size() && k < cand.final_weights.size(); ++k) {
        const auto b = plasticity::bounds(ex.projections[k].plasticity);
        if (!b) continue;
        j["weights"][ex.projections[k].name] = {{"w_min_na", b->w_min},
                                                {"w_max_na", b->w_max},
                                                {"reference", histogram(ref.final_weights[k], b->w_min, b->w_max)},
                                                {"candidate", histogram(cand.final_weights[k], b->w_min, b->w_max)}};
    }
    if (ref.spikes.size() <= max_stored_spikes && cand.spikes.size() <= max_stored_spikes)
        j["spikes"] = {{"reference", spikes_json(ref)}, {"candidate", spikes_json(cand)}};
    return j;
}

std::string csv_cell(const ojson& v) {
    if (v.is_null()) return "";
    if (v.is_number_float()) return fmt::format("{}", v.get<double>());
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c: s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    }
    return v.dump();
}

struct task {
    std::size_t index, seed_index;
    std::size_t group;
};

struct shared_inputs {
    stimulus stim;
    network net;
    std::optional<run_result> reference;  // when the reference ignores [hardware]
};

experiment_overrides overrides_of(const sweep_spec& spec, const std::vector<std::string>& values,
                                  const std::vector<std::uint64_t>& seeds, std::size_t seed_index) {
    experiment_overrides o;
    for (std::size_t a = 0; a < spec.axes.size(); ++a) o.emplace_back(spec.axes[a].key, values[a]);
    if (spec.seeds_given) o.emplace_back("simulation.seed", std::to_string(seeds[seed_index]));
    return o;
}

std::string describe_point(const experiment_overrides& o) {
    std::string s;
    for (const auto& [k, v]: o) s += (s.empty() ? "" : ", ") + k + "=" + v;
    return s.empty() ? "no overrides" : s;
}

// The models exist and no key is swept twice (or both swept and seeded).
void check_spec(const sweep_spec& spec) {
    for (const auto* m: {&spec.reference, &spec.candidate}) {
        const auto& names = model_names();
        if (std::find(names.begin(), names.end(), *m) == names.end()) {
            std::string known;
            for (const auto& n: names) known += (known.empty() ? "" : ", ") + n;
            throw sweep_error(fmt::format("unknown model '{}' (known: {})", *m, known));
        }
    }
    std::set<std::string> keys;
    for (const auto& a: spec.axes) {
        if (!keys.insert(a.key).second) throw sweep_error(fmt::format("--set {} is given twice", a.key));
        if (spec.seeds_given && a.key == "simulation.seed")
            throw sweep_error("--set simulation.seed and --seeds cannot be combined");
    }
}

// The experiment of point i with seed index k; a rejected override, or statistics options that
// do not fit the point's dt and duration, name the point.
experiment load_point(const sweep_spec& spec, const experiment_overrides& o, std::size_t i) {
    experiment ex;
    try {
        ex = load_experiment_with_overrides(spec.experiment_path, o);
    }
    catch (const experiment_error& e) {
        throw sweep_error(fmt::format("point {} ({}): {}", i, describe_point(o), e.what()));
    }
    try {
        check_statistics_options(spec.compare.statistics, ex.simulation.dt, step_count(ex.simulation));
    }
    catch (const std::invalid_argument& e) {
        throw sweep_error(fmt::format("point {} ({}): {}", i, describe_point(o), e.what()));
    }
    return ex;
}

}  // namespace

std::vector<std::uint64_t> sweep_seeds(const sweep_spec& spec) {
    if (spec.seeds < 1) throw sweep_error(fmt::format("--seeds must be at least 1, not {}", spec.seeds));
    const std::uint64_t base = spec.seed_base ? *spec.seed_base : load_experiment(spec.experiment_path).simulation.seed;
    if (!spec.seeds_given) return {base};
    std::vector<std::uint64_t> s;
    for (int k = 0; k < spec.seeds; ++k) s.push_back(base + static_cast<std::uint64_t>(k));
    return s;
}

std::vector<std::pair<std::string, std::string>> statistics_arguments(const statistics_options& o) {
    const statistics_options d;
    std::vector<std::pair<std::string, std::string>> a;
    if (o.analysis_start != d.analysis_start) a.emplace_back("--analysis-start", fmt::format("{}", o.analysis_start));
    if (o.analysis_stop) a.emplace_back("--analysis-stop", fmt::format("{}", *o.analysis_stop));
    if (o.correlation_bin != d.correlation_bin) a.emplace_back("--correlation-bin", fmt::format("{}", o.correlation_bin));
    if (o.correlation_sample != d.correlation_sample)
        a.emplace_back("--correlation-sample", fmt::format("{}", o.correlation_sample));
    if (o.cv_min_spikes != d.cv_min_spikes) a.emplace_back("--cv-min-spikes", fmt::format("{}", o.cv_min_spikes));
    return a;
}

sweep_size check_sweep(const sweep_spec& spec) {
    check_spec(spec);
    const auto seeds = sweep_seeds(spec);
    const auto points = cartesian_product(spec.axes);
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::size_t k = 0; k < seeds.size(); ++k) load_point(spec, overrides_of(spec, points[i], seeds, k), i);
    return {points.size(), seeds.size()};
}

void claim_sweep_directory(const sweep_spec& spec, const fs::path& out) {
    fs::create_directories(out / "points");
    const ojson spec_j = spec_json(spec, sweep_seeds(spec));
    const fs::path spec_path = out / "sweep_spec.json";
    if (fs::exists(spec_path)) {
        if (!same_sweep(read_json(spec_path), spec_j))
            throw sweep_error(fmt::format("'{}' holds a different sweep (sweep_spec.json differs); use another --out",
                                          out.string()));
    } else {
        write_file_atomically(spec_path, spec_j.dump(2) + "\n");
    }
}

run_stats run_sweep(const sweep_spec& spec, const fs::path& out, const run_options& options) {
    const auto start = std::chrono::steady_clock::now();
    check_spec(spec);
    if (options.shard.n < 1 || options.shard.k < 1 || options.shard.k > options.shard.n)
        throw sweep_error(fmt::format("bad shard {}/{}", options.shard.k, options.shard.n));

    const auto seeds = sweep_seeds(spec);
    const auto points = cartesian_product(spec.axes);
    run_stats stats;
    stats.points = points.size();

    // Load (and so check) every point of this shard before running any.
    std::vector<task> tasks;
    std::vector<experiment> experiments;
    std::map<std::string, std::size_t> group_ids;
    const bool share_reference = spec.reference == "golden";  // golden ignores [hardware]
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!in_shard(i, options.shard)) continue;
        for (std::size_t k = 0; k < seeds.size(); ++k) {
            const auto o = overrides_of(spec, points[i], seeds, k);
            std::string group;
            for (const auto& [key, v]: o)
                if (!is_hardware_key(key)) group += key + "=" + v + "\n";
            experiments.push_back(load_point(spec, o, i));
            const auto g = group_ids.emplace(group, group_ids.size()).first->second;
            tasks.push_back({i, k, g});
        }
    }
    stats.runs_in_shard = tasks.size();

    claim_sweep_directory(spec, out);

    // Resume: skip the points already stored.
    std::vector<std::size_t> todo;  // indices into tasks / experiments
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        const fs::path p = out / "points" / point_file_name(tasks[t].index, tasks[t].seed_index);
        if (fs::exists(p)) {
            const ojson j = read_json(p);
            ++stats.runs_skipped;
            (void)j;
            continue;
        }
        todo.push_back(t);
    }
    // Points sharing a reference run next to each other, so a cached one is freed early.
    std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return tasks[a].group < tasks[b].group; });
    std::map<std::size_t, std::size_t> remaining;
    for (auto t: todo) ++remaining[tasks[t].group];

    std::mutex mutex;
    std::map<std::size_t, std::shared_future<std::shared_ptr<const shared_inputs>>> cache;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::size_t done = 0, reference_runs = 0;

    auto inputs_for = [&](std::size_t t) {
        const std::size_t g = tasks[t].group;
        std::promise<std::shared_ptr<const shared_inputs>> promise;
        std::shared_future<std::shared_ptr<const shared_inputs>> future;
        bool compute = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            auto it = cache.find(g);
            if (it == cache.end()) {
                future = promise.get_future().share();
                cache.emplace(g, future);
                compute = true;
            } else {
                future = it->second;
            }
        }
        if (compute) {
            try {
                auto in = std::make_shared<shared_inputs>();
                const experiment& ex = experiments[t];
                in->stim = generate_stimulus(ex);
                in->net = build_network(ex);
                if (share_reference) {
                    in->reference = run_model(spec.reference, ex, in->stim, in->net);
                    std::lock_guard<std::mutex> lock(mutex);
                    ++reference_runs;
                }
                promise.set_value(std::move(in));
            }
            catch (...) {
                promise.set_exception(std::current_exception());
            }
        }
        return future.get();
    };

    auto worker = [&]() {
        while (!failed) {
            const std::size_t n = next++;
            if (n >= todo.size()) return;
            const std::size_t t = todo[n];
            const task& tk = tasks[t];
            try {
                const experiment& ex = experiments[t];
                const auto in = inputs_for(t);
                run_result ref_own;
                if (!in->reference) {
                    ref_own = run_model(spec.reference, ex, in->stim, in->net);
                    std::lock_guard<std::mutex> lock(mutex);
                    ++reference_runs;
                }
                const run_result& ref = in->reference ? *in->reference : ref_own;
                const run_result cand = run_model(spec.candidate, ex, in->stim, in->net);
                const compare_report report = compare_runs(ex, ref, cand, spec.compare);
                ojson j = point_json(spec, tk.index, tk.seed_index, points[tk.index], ex, ref, cand, report);
                if (spec.capacity) {
                    const auto c = capacity::find_capacity(ex, capacity::run_core_at, spec.capacity_tolerance);
                    j["metrics"]["capacity_rate_factor"] = c.factor_all;
                    j["metrics"]["capacity_rate_factor_p99"] = c.factor_p99;
                    j["metrics"]["capacity_capped"] = c.capped_all ? 1 : 0;
                    j["capacity_probes"] = c.probes.size();
                }
                write_file_atomically(out / "points" / point_file_name(tk.index, tk.seed_index), j.dump(1) + "\n");
                std::lock_guard<std::mutex> lock(mutex);
                ++done;
                if (--remaining[tk.group] == 0) cache.erase(tk.group);
                if (options.progress) options.progress(done, todo.size());
            }
            catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failed.exchange(true))
                    error = std::make_exception_ptr(sweep_error(fmt::format(
                        "point {} ({}): {}", tk.index, describe_point(overrides_of(spec, points[tk.index], seeds, tk.seed_index)),
                        e.what())));
            }
        }
    };

    int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
    jobs = std::max(1, std::min<int>(jobs, static_cast<int>(std::max<std::size_t>(todo.size(), 1))));
    if (jobs == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (int k = 0; k < jobs; ++k) pool.emplace_back(worker);
        for (auto& th: pool) th.join();
    }
    if (error) std::rethrow_exception(error);
    stats.runs_executed = done;
    stats.reference_runs = reference_runs;
    write_results(out);
    stats.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

namespace {

struct loaded_point {
    std::string file;
    ojson json;
};

std::vector<loaded_point> load_points(const fs::path& dir) {
    std::vector<loaded_point> v;
    const fs::path p = dir / "points";
    if (!fs::exists(p)) return v;
    for (const auto& entry: fs::directory_iterator(p)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '.' || entry.path().extension() != ".json") continue;
        v.push_back({name, read_json(entry.path())});
    }
    std::sort(v.begin(), v.end(), [](const loaded_point& a, const loaded_point& b) {
        return std::make_pair(a.json.at("index").get<std::size_t>(), a.json.at("seed_index").get<std::size_t>()) <
               std::make_pair(b.json.at("index").get<std::size_t>(), b.json.at("seed_index").get<std::size_t>());
    });
    return v;
}

}  // namespace

void write_results(const fs::path& dir) {
    const ojson spec = read_json(dir / "sweep_spec.json");
    const auto points = load_points(dir);
    std::vector<std::string> keys;
    for (const auto& a: spec.at("axes")) keys.push_back(a.at("key").get<std::string>());
    std::vector<std::string> metrics;  // union, in order of first appearance
    std::set<std::string> seen;
    for (const auto& p: points)
        for (const auto& [name, v]: p.json.at("metrics").items())
            if (seen.insert(name).second) metrics.push_back(name);

    // sweep.csv
    std::string csv;
    for (const auto& k: keys) csv += k + ",";
    csv += "seed";
    for (const auto& m: metrics) csv += "," + m;
    csv += "\n";
    ojson rows = ojson::array();
    for (const auto& p: points) {
        const auto& j = p.json;
        for (const auto& k: keys) csv += csv_cell(j.at("values").at(k)) + ",";
        csv += csv_cell(j.at("seed"));
        ojson row;
        row["index"] = j.at("index");
        row["seed_index"] = j.at("seed_index");
        row["seed"] = j.at("seed");
        row["values"] = j.at("values");
        row["metrics"] = ojson::object();
        for (const auto& m: metrics) {
            const ojson v = j.at("metrics").contains(m) ? j.at("metrics").at(m) : ojson(nullptr);
            csv += "," + csv_cell(v);
            row["metrics"][m] = v;
        }
        csv += "\n";
        rows.push_back(std::move(row));
    }

    // sweep_summary.csv: per point, mean and t-based 95% CI half-width over seeds.
    std::string summary;
    for (const auto& k: keys) summary += k + ",";
    summary += "seeds";
    for (const auto& m: metrics) summary += "," + m + "_mean," + m + "_ci95";
    summary += "\n";
    for (std::size_t a = 0; a < points.size();) {
        std::size_t b = a;
        while (b < points.size() && points[b].json.at("index") == points[a].json.at("index")) ++b;
        for (const auto& k: keys) summary += csv_cell(points[a].json.at("values").at(k)) + ",";
        summary += std::to_string(b - a);
        for (const auto& m: metrics) {
            std::vector<double> x;
            for (std::size_t i = a; i < b; ++i) {
                const auto& mj = points[i].json.at("metrics");
                if (mj.contains(m) && mj.at(m).is_number()) x.push_back(mj.at(m).get<double>());
            }
            std::string mean, ci;
            if (!x.empty()) {
                double s = 0;
                for (double v: x) s += v;
                const double mu = s / static_cast<double>(x.size());
                mean = fmt::format("{}", mu);
                if (x.size() > 1) {
                    double ss = 0;
                    for (double v: x) ss += (v - mu) * (v - mu);
                    const double sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
                    ci = fmt::format("{}", t_quantile_95(static_cast<int>(x.size()) - 1) * sd /
                                               std::sqrt(static_cast<double>(x.size())));
                }
            }
            summary += "," + mean + "," + ci;
        }
        summary += "\n";
        a = b;
    }

    ojson whole;
    whole["spec"] = spec;
    whole["columns"] = {{"keys", keys}, {"metrics", metrics}};
    whole["rows"] = std::move(rows);

    result_directory rd(dir, result_directory::when_busy::wait, "sweep.json");  // another shard may be finishing
    {
        std::ofstream(rd.staged("sweep.csv"), std::ios::binary) << csv;
        std::ofstream(rd.staged("sweep_summary.csv"), std::ios::binary) << summary;
        std::ofstream(rd.staged("sweep.json"), std::ios::binary) << whole.dump(1) << "\n";
    }
    rd.commit();
}

void merge_sweeps(const std::vector<fs::path>& dirs, const fs::path& out) {
    if (dirs.empty()) throw sweep_error("--merge needs at least one sweep directory");
    std::optional<ojson> spec;
    std::map<std::string, std::string> files;  // point file name -> text
    for (const auto& d: dirs) {
        if (!fs::exists(d / "sweep_spec.json"))
            throw sweep_error(fmt::format("'{}' is not a sweep directory (no sweep_spec.json)", d.string()));
        const ojson s = read_json(d / "sweep_spec.json");
        if (!spec) spec = s;
        else if (!same_sweep(*spec, s))
            throw sweep_error(fmt::format("'{}' holds a different sweep than '{}'", d.string(), dirs.front().string()));
        for (const auto& p: load_points(d)) files.emplace(p.file, read_text(d / "points" / p.file));
    }
    // Every point of every seed must be there.
    std::vector<axis> axes;
    for (const auto& a: spec->at("axes")) axes.push_back({a.at("key"), a.at("values").get<std::vector<std::string>>()});
    const std::size_t n_points = cartesian_product(axes).size();
    const std::size_t n_seeds = spec->at("seeds").is_null() ? 1 : spec->at("seeds").size();
    std::size_t missing = 0;
    std::string first_missing;
    for (std::size_t i = 0; i < n_points; ++i)
        for (std::size_t k = 0; k < n_seeds; ++k)
            if (!files.count(point_file_name(i, k)) && missing++ == 0) first_missing = point_file_name(i, k);
    if (missing)
        throw sweep_error(fmt::format("{} of {} points are missing from the merged directories (first: {}); run "
                                      "the missing shards, or rerun a shard to complete it",
                                      missing, n_points * n_seeds, first_missing));
    fs::create_directories(out / "points");
    const fs::path spec_path = out / "sweep_spec.json";
    if (fs::exists(spec_path) && !same_sweep(read_json(spec_path), *spec))
        throw sweep_error(fmt::format("'{}' holds a different sweep; use another --out", out.string()));
    write_file_atomically(spec_path, spec->dump(2) + "\n");
    for (const auto& [name, text]: files) {
        const fs::path dst = out / "points" / name;
        if (!fs::exists(dst)) write_file_atomically(dst, text);
    }
    write_results(out);
}

}  // namespace plasticore::sweep
