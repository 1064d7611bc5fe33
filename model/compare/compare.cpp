#include "compare/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "network/network.hpp"
#include "results/result_directory.hpp"
#include "results/write_results.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore {

namespace {

// (step, population, neuron): the order in which divergences are searched.
using spike_key = std::tuple<std::int64_t, std::uint32_t, std::uint32_t>;

int population_index(const experiment& ex, const std::string& name) {
    for (std::size_t p = 0; p < ex.populations.size(); ++p)
        if (ex.populations[p].name == name) return static_cast<int>(p);
    return -1;
}

std::uint64_t population_count(const run_result& r, const std::string& name) {
    for (const auto& c: r.counts)
        if (c.is_population && c.name == name) return c.spikes;
    return 0;
}

bool records_spikes_of(const run_result& r, const std::string& name) {
    return std::find(r.spike_groups.begin(), r.spike_groups.end(), name) != r.spike_groups.end();
}

// Spikes of the populations marked in `wanted`, as keys in ascending order.
std::vector<spike_key> population_spikes(const experiment& ex, const run_result& r, const std::vector<bool>& wanted) {
    std::vector<int> pop_of_group(r.spike_groups.size());
    for (std::size_t g = 0; g < r.spike_groups.size(); ++g) pop_of_group[g] = population_index(ex, r.spike_groups[g]);
    std::vector<spike_key> keys;
    keys.reserve(r.spikes.size());
    for (const auto& s: r.spikes) {
        if (s.group >= pop_of_group.size())
            throw std::invalid_argument("run '" + r.model + "' has a spike of an unknown group");
        const int p = pop_of_group[s.group];
        if (p < 0 || !wanted[static_cast<std::size_t>(p)]) continue;
        if (s.neuron >= static_cast<std::uint32_t>(ex.populations[static_cast<std::size_t>(p)].size))
            throw std::invalid_argument("run '" + r.model + "' has a spike of neuron " + std::to_string(s.neuron) +
                                        " of population '" + r.spike_groups[s.group] + "', which is smaller");
        keys.emplace_back(s.step, static_cast<std::uint32_t>(p), s.neuron);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

// Per population, per neuron, the ascending spike steps.
std::vector<std::vector<std::vector<std::int64_t>>> trains_by_neuron(const experiment& ex,
                                                                     const std::vector<spike_key>& keys) {
    std::vector<std::vector<std::vector<std::int64_t>>> t(ex.populations.size());
    for (std::size_t p = 0; p < ex.populations.size(); ++p)
        t[p].resize(static_cast<std::size_t>(ex.populations[p].size));
    for (const auto& [step, p, n]: keys) t[p][n].push_back(step);
    return t;
}

std::optional<spike_divergence> first_divergence(const experiment& ex, double dt,
                                                 const std::vector<spike_key>& ref,
                                                 const std::vector<spike_key>& cand) {
    std::size_t i = 0;
    while (i < ref.size() && i < cand.size() && ref[i] == cand[i]) ++i;
    if (i == ref.size() && i == cand.size()) return std::nullopt;
    const bool in_reference = i < ref.size() && (i == cand.size() || ref[i] < cand[i]);
    const spike_key& k = in_reference ? ref[i] : cand[i];
    spike_divergence d;
    d.step = std::get<0>(k);
    d.time = static_cast<double>(d.step) * dt;
    d.population = ex.populations[std::get<1>(k)].name;
    d.neuron = std::get<2>(k);
    d.present_in = in_reference ? "reference" : "candidate";
    return d;
}

std::vector<double> times_of(const std::vector<std::int64_t>& steps, double dt) {
    std::vector<double> t(steps.size());
    for (std::size_t k = 0; k < steps.size(); ++k) t[k] = static_cast<double>(steps[k]) * dt;
    return t;
}

void compare_state(const experiment& ex, const run_result& reference, const run_result& candidate,
                   compare_report& report) {
    auto key = [](const state_sample& s) { return std::make_tuple(s.step, s.population, s.neuron); };
    auto sorted = [&](const std::vector<state_sample>& v) {
        std::vector<const state_sample*> p;
        p.reserve(v.size());
        for (const auto& s: v) p.push_back(&s);
        std::stable_sort(p.begin(), p.end(), [&](auto* a, auto* b) { return key(*a) < key(*b); });
        return p;
    };
    const auto r = sorted(reference.state), c = sorted(candidate.state);
    struct acc3 { error_accumulator v, i_e, i_i; std::size_t unmatched = 0; };
    acc3 all;
    std::map<std::uint32_t, acc3> by_pop;
    auto add = [&](acc3& a, const state_sample& x, const state_sample& y) {
        a.v.add(x.v, y.v);
        a.i_e.add(x.i_e, y.i_e);
        a.i_i.add(x.i_i, y.i_i);
    };
    std::size_t i = 0, j = 0;
    while (i < r.size() || j < c.size()) {
        if (j == c.size() || (i < r.size() && key(*r[i]) < key(*c[j]))) {
            ++all.unmatched;
            ++by_pop[r[i]->population].unmatched;
            ++i;
        } else if (i == r.size() || key(*c[j]) < key(*r[i])) {
            ++all.unmatched;
            ++by_pop[c[j]->population].unmatched;
            ++j;
        } else {
            add(all, *r[i], *c[j]);
            add(by_pop[r[i]->population], *r[i], *c[j]);
            ++i;
            ++j;
        }
    }
    auto finish = [](const acc3& a) {
        state_comparison s;
        s.v = a.v.stats();
        s.i_e = a.i_e.stats();
        s.i_i = a.i_i.stats();
        s.samples = s.v.n;
        s.unmatched_samples = a.unmatched;
        return s;
    };
    report.state = finish(all);
    for (const auto& [p, a]: by_pop) {
        if (p >= ex.populations.size()) throw std::invalid_argument("a state sample names an unknown population");
        report.state_by_population[ex.populations[p].name] = finish(a);
    }
}

}  // namespace

compare_report compare_runs(const experiment& ex, const run_result& reference, const run_result& candidate,
                            const compare_options& options) {
    if (reference.steps != candidate.steps)
        throw std::invalid_argument(fmt::format("cannot compare a run of {} steps with one of {}",
                                                reference.steps, candidate.steps));
    if (reference.dt != candidate.dt)
        throw std::invalid_argument(fmt::format("cannot compare a run with dt = {} ms with one with dt = {} ms",
                                                reference.dt, candidate.dt));
    if (!(options.van_rossum_tau > 0.0) || !std::isfinite(options.van_rossum_tau))
        throw std::invalid_argument(fmt::format("van Rossum tau must be positive, not {} ms", options.van_rossum_tau));
    if (options.match_window < 0)
        throw std::invalid_argument(fmt::format("match window must not be negative, not {}", options.match_window));

    compare_report report;
    report.experiment_path = ex.source_path;
    report.reference_model = reference.model;
    report.candidate_model = candidate.model;
    report.reference_precision = reference.precision;
    report.candidate_precision = candidate.precision;
    report.reference_wall_seconds = reference.wall_seconds;
    report.candidate_wall_seconds = candidate.wall_seconds;
    report.dt = reference.dt;
    report.steps = reference.steps;
    report.seed = reference.seed;
    report.options = options;
    const double dt = reference.dt;

    // Spike counts of every population; timing metrics of those both runs record.
    std::vector<bool> recorded(ex.populations.size());
    for (std::size_t p = 0; p < ex.populations.size(); ++p)
        recorded[p] = records_spikes_of(reference, ex.populations[p].name) &&
                      records_spikes_of(candidate, ex.populations[p].name);
    if (std::find(recorded.begin(), recorded.end(), true) != recorded.end())
        check_statistics_options(options.statistics, dt, reference.steps);
    const auto ref_keys = population_spikes(ex, reference, recorded);
    const auto cand_keys = population_spikes(ex, candidate, recorded);
    const auto ref_trains = trains_by_neuron(ex, ref_keys);
    const auto cand_trains = trains_by_neuron(ex, cand_keys);

    auto& total = report.total;
    total.name = "all";
    std::uint64_t recorded_reference_spikes = 0;
    std::size_t recorded_neurons = 0;
    double van_rossum_sum = 0.0;
    for (std::size_t p = 0; p < ex.populations.size(); ++p) {
        population_comparison pc;
        pc.name = ex.populations[p].name;
        pc.size = ex.populations[p].size;
        pc.recorded = recorded[p];
        pc.reference_spikes = population_count(reference, pc.name);
        pc.candidate_spikes = population_count(candidate, pc.name);
        pc.difference = static_cast<std::int64_t>(pc.candidate_spikes) - static_cast<std::int64_t>(pc.reference_spikes);
        if (pc.recorded) {
            std::uint64_t recorded_spikes = 0;
            double sum = 0.0;
            for (std::size_t n = 0; n < ref_trains[p].size(); ++n) {
                const auto& r = ref_trains[p][n];
                const auto& c = cand_trains[p][n];
                recorded_spikes += r.size();
                pc.matched_spikes += count_matched_spikes(r, c, options.match_window);
                const double d = r == c ? 0.0 : van_rossum_distance(times_of(r, dt), times_of(c, dt), options.van_rossum_tau);
                sum += d;
                pc.van_rossum_max = std::max(pc.van_rossum_max, d);
            }
            if (recorded_spikes > 0)
                pc.match_fraction = static_cast<double>(pc.matched_spikes) / static_cast<double>(recorded_spikes);
            pc.van_rossum_mean = pc.size > 0 ? sum / pc.size : 0.0;
            pc.statistics = compare_population_statistics(ref_trains[p], cand_trains[p], options.statistics, dt,
                                                          reference.steps, reference.seed, pc.name);
            recorded_reference_spikes += recorded_spikes;
            recorded_neurons += static_cast<std::size_t>(pc.size);
            van_rossum_sum += sum;
            total.recorded = true;
            total.matched_spikes += pc.matched_spikes;
            total.van_rossum_max = std::max(total.van_rossum_max, pc.van_rossum_max);
        }
        total.size += pc.size;
        total.reference_spikes += pc.reference_spikes;
        total.candidate_spikes += pc.candidate_spikes;
        total.difference += pc.difference;
        report.populations.push_back(std::move(pc));
    }
    if (recorded_reference_spikes > 0)
        total.match_fraction = static_cast<double>(total.matched_spikes) / static_cast<double>(recorded_reference_spikes);
    if (recorded_neurons > 0) total.van_rossum_mean = van_rossum_sum / static_cast<double>(recorded_neurons);

    report.first_divergence = first_divergence(ex, dt, ref_keys, cand_keys);
    compare_state(ex, reference, candidate, report);

    if (reference.final_weights.size() != candidate.final_weights.size())
        throw std::invalid_argument("the runs have final weights of different numbers of projections");
    for (std::size_t k = 0; k < ex.projections.size() && k < reference.final_weights.size(); ++k) {
        if (!plasticity::is_plastic(ex.projections[k].plasticity)) continue;
        const auto& r = reference.final_weights[k];
        const auto& c = candidate.final_weights[k];
        if (r.size() != c.size())
            throw std::invalid_argument(fmt::format("projection '{}' has {} synapses in the reference run and {} "
                                                    "in the candidate run", ex.projections[k].name, r.size(), c.size()));
        projection_comparison pc;
        pc.name = ex.projections[k].name;
        pc.error = error_statistics(r, c);
        pc.wasserstein1 = wasserstein1(r, c);
        report.projections.push_back(std::move(pc));
    }

    report.reference_counters = reference.counters;
    report.candidate_counters = candidate.counters;
    return report;
}

compare_report compare_models(const experiment& ex, const std::string& reference, const std::string& candidate,
                              const compare_options& options, const model_options& run_options) {
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result r = run_model(reference, ex, stim, net, run_options);
    const run_result c = run_model(candidate, ex, stim, net, run_options);
    return compare_runs(ex, r, c, options);
}

namespace {

nlohmann::json number_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

template <typename T>
nlohmann::json optional_json(const std::optional<T>& x) { return x ? nlohmann::json(*x) : nlohmann::json(nullptr); }

nlohmann::json error_json(const error_stats& e) {
    return {{"rmse", e.rmse}, {"max_abs_error", e.max_abs}, {"mean_signed_error", e.mean_signed},
            {"mean_signed_error_se", number_or_null(e.mean_signed_se)}};
}

nlohmann::json state_json(const state_comparison& s) {
    return {{"samples", s.samples}, {"unmatched_samples", s.unmatched_samples},
            {"v_mv", error_json(s.v)}, {"i_syn_e_na", error_json(s.i_e)}, {"i_syn_i_na", error_json(s.i_i)}};
}

nlohmann::json summary_json(const distribution_summary& s) {
    return {{"n", s.n}, {"mean", number_or_null(s.mean)}, {"sd", number_or_null(s.sd)}};
}

nlohmann::json statistic_json(const statistic_comparison& c) {
    return {{"reference", summary_json(c.reference_summary)},
            {"candidate", summary_json(c.candidate_summary)},
            {"ks_statistic", c.ks ? nlohmann::json(c.ks->statistic) : nlohmann::json(nullptr)},
            {"ks_p_value", c.ks ? nlohmann::json(c.ks->p_value) : nlohmann::json(nullptr)},
            {"wasserstein1", optional_json(c.wasserstein1)}};
}

nlohmann::json population_json(const population_comparison& p) {
    nlohmann::json j{{"size", p.size},
                     {"reference_spikes", p.reference_spikes},
                     {"candidate_spikes", p.candidate_spikes},
                     {"difference", p.difference},
                     {"recorded", p.recorded}};
    if (p.recorded) {
        j["matched_spikes"] = p.matched_spikes;
        j["match_fraction"] = optional_json(p.match_fraction);
        j["van_rossum_mean"] = p.van_rossum_mean;
        j["van_rossum_max"] = p.van_rossum_max;
    }
    if (p.statistics)
        j["statistics"] = {{"rate_hz", statistic_json(p.statistics->rate)},
                           {"cv_isi", statistic_json(p.statistics->cv_isi)},
                           {"correlation", statistic_json(p.statistics->correlation)},
                           {"correlation_neurons", p.statistics->correlation_neurons.size()}};
    return j;
}

}  // namespace

nlohmann::json to_json(const compare_report& r) {
    nlohmann::json j;
    j["experiment"] = r.experiment_path;
    j["dt_ms"] = r.dt;
    j["steps"] = r.steps;
    j["duration_ms"] = static_cast<double>(r.steps) * r.dt;
    j["seed"] = r.seed;
    j["reference"] = {{"model", r.reference_model}, {"precision", r.reference_precision},
                      {"wall_clock_seconds", r.reference_wall_seconds}};
    j["candidate"] = {{"model", r.candidate_model}, {"precision", r.candidate_precision},
                      {"wall_clock_seconds", r.candidate_wall_seconds}};
    const auto& so = r.options.statistics;
    j["options"] = {{"van_rossum_tau_ms", r.options.van_rossum_tau},
                    {"match_window_steps", r.options.match_window},
                    {"analysis_start_ms", so.analysis_start},
                    {"analysis_stop_ms", so.analysis_stop.value_or(static_cast<double>(r.steps) * r.dt)},
                    {"correlation_bin_ms", so.correlation_bin},
                    {"correlation_bin_steps", correlation_bin_steps(so, r.dt)},
                    {"correlation_sample", so.correlation_sample},
                    {"cv_min_spikes", so.cv_min_spikes}};
    j["populations"] = nlohmann::json::object();
    for (const auto& p: r.populations) j["populations"][p.name] = population_json(p);
    j["total"] = population_json(r.total);
    j["total"].erase("size");
    if (r.first_divergence) {
        const auto& d = *r.first_divergence;
        j["first_divergence"] = {{"step", d.step}, {"time_ms", d.time}, {"population", d.population},
                                 {"neuron", d.neuron}, {"present_in", d.present_in}};
    } else {
        j["first_divergence"] = nullptr;
    }
    j["state"] = state_json(r.state);
    j["state"]["populations"] = nlohmann::json::object();
    for (const auto& [name, s]: r.state_by_population) j["state"]["populations"][name] = state_json(s);
    j["projections"] = nlohmann::json::object();
    for (const auto& p: r.projections) {
        nlohmann::json e = error_json(p.error);
        nlohmann::json pj{{"synapses", p.error.n},
                          {"rmse_na", e["rmse"]},
                          {"max_abs_error_na", e["max_abs_error"]},
                          {"mean_signed_error_na", e["mean_signed_error"]},
                          {"mean_signed_error_se_na", e["mean_signed_error_se"]},
                          {"wasserstein1_na", p.wasserstein1}};
        j["projections"][p.name] = pj;
    }
    j["counters"] = {{"reference", r.reference_counters}, {"candidate", r.candidate_counters}};
    return j;
}

namespace {

std::string percent(const std::optional<double>& f) {
    return f ? fmt::format("{:.2f}%", 100.0 * *f) : std::string("-");
}

std::string se_text(double se) { return std::isfinite(se) ? fmt::format("{:.3g}", se) : std::string("-"); }

std::string summary_text(const distribution_summary& s) {
    if (s.n == 0) return "-";
    return fmt::format("{:.3g} +- {} ({})", s.mean, se_text(s.sd), s.n);
}

template <typename Out>
void format_statistics_table(Out out, const compare_report& r) {
    if (std::none_of(r.populations.begin(), r.populations.end(), [](const auto& p) { return p.statistics; }))
        return;
    const auto& o = r.options.statistics;
    fmt::format_to(out,
                   "\nspike statistics in [{}, {}) ms: mean +- sd (n); rate of every neuron, CV ISI of neurons "
                   "with >= {} spikes, correlation of {} ms counts of pairs of {} sampled neurons\n",
                   o.analysis_start, o.analysis_stop.value_or(static_cast<double>(r.steps) * r.dt), o.cv_min_spikes,
                   o.correlation_bin, o.correlation_sample);
    fmt::format_to(out, "  {:<12} {:<12} {:>28} {:>28} {:>8} {:>9} {:>10}\n", "population", "statistic", "reference",
                   "candidate", "KS", "KS p", "W1");
    for (const auto& p: r.populations) {
        if (!p.statistics) continue;
        for (const auto& [name, c]: {std::pair{"rate [Hz]", &p.statistics->rate},
                                     std::pair{"CV ISI", &p.statistics->cv_isi},
                                     std::pair{"correlation", &p.statistics->correlation}}) {
            fmt::format_to(out, "  {:<12} {:<12} {:>28} {:>28} ", p.name, name, summary_text(c->reference_summary),
                           summary_text(c->candidate_summary));
            if (c->ks)
                fmt::format_to(out, "{:>8.3g} {:>9.3g} {:>10.3g}\n", c->ks->statistic, c->ks->p_value,
                               *c->wasserstein1);
            else
                fmt::format_to(out, "{:>8} {:>9} {:>10}\n", "-", "-", "-");
        }
    }
}

}  // namespace

std::string format_table(const compare_report& r) {
    std::string s;
    auto out = std::back_inserter(s);
    fmt::format_to(out, "reference {} ({}) vs candidate {} ({})\n", r.reference_model, r.reference_precision,
                   r.candidate_model, r.candidate_precision);
    fmt::format_to(out, "{} steps of {} ms, seed {}; van Rossum tau {} ms; spikes match within +-{} step{}\n\n",
                   r.steps, r.dt, r.seed, r.options.van_rossum_tau, r.options.match_window,
                   r.options.match_window == 1 ? "" : "s");

    fmt::format_to(out, "{:<16} {:>7} {:>11} {:>11} {:>9} {:>9} {:>10} {:>10}\n", "population", "size", "reference",
                   "candidate", "diff", "matched", "vR mean", "vR max");
    auto row = [&](const population_comparison& p) {
        fmt::format_to(out, "{:<16} {:>7} {:>11} {:>11} {:>+9} ", p.name, p.size, p.reference_spikes,
                       p.candidate_spikes, p.difference);
        if (p.recorded)
            fmt::format_to(out, "{:>9} {:>10.4g} {:>10.4g}\n", percent(p.match_fraction), p.van_rossum_mean,
                           p.van_rossum_max);
        else
            fmt::format_to(out, "{:>9} {:>10} {:>10}\n", "-", "-", "-");
    };
    for (const auto& p: r.populations) row(p);
    if (r.populations.size() > 1) row(r.total);
    if (std::any_of(r.populations.begin(), r.populations.end(), [](const auto& p) { return !p.recorded; }))
        fmt::format_to(out, "(-: spikes not recorded; add the population to record.spikes for timing metrics)\n");

    format_statistics_table(out, r);

    if (r.first_divergence) {
        const auto& d = *r.first_divergence;
        fmt::format_to(out, "\nfirst divergence: step {} ({:.10g} ms), {} neuron {}, spike only in the {}\n", d.step,
                       d.time, d.population, d.neuron, d.present_in);
    } else {
        fmt::format_to(out, "\nfirst divergence: none (recorded spike trains identical)\n");
    }

    fmt::format_to(out, "\nstate: {} samples compared", r.state.samples);
    if (r.state.unmatched_samples) fmt::format_to(out, ", {} in one run only", r.state.unmatched_samples);
    fmt::format_to(out, "\n");
    if (r.state.samples) {
        fmt::format_to(out, "  {:<12} {:>12} {:>12} {:>12}\n", "", "RMSE", "max |err|", "bias");
        auto state_row = [&](const char* name, const error_stats& e) {
            fmt::format_to(out, "  {:<12} {:>12.4g} {:>12.4g} {:>12.4g}\n", name, e.rmse, e.max_abs, e.mean_signed);
        };
        state_row("v [mV]", r.state.v);
        state_row("i_e [nA]", r.state.i_e);
        state_row("i_i [nA]", r.state.i_i);
    }

    if (!r.projections.empty()) {
        fmt::format_to(out, "\nfinal weights of plastic projections [nA]\n");
        fmt::format_to(out, "  {:<20} {:>9} {:>11} {:>11} {:>11} {:>9} {:>11}\n", "projection", "synapses", "RMSE",
                       "max |err|", "bias", "+- SE", "W1");
        for (const auto& p: r.projections)
            fmt::format_to(out, "  {:<20} {:>9} {:>11.4g} {:>11.4g} {:>11.4g} {:>9} {:>11.4g}\n", p.name, p.error.n,
                           p.error.rmse, p.error.max_abs, p.error.mean_signed, se_text(p.error.mean_signed_se),
                           p.wasserstein1);
    }

    std::vector<std::string> names;
    for (const auto& [n, v]: r.reference_counters) names.push_back(n);
    for (const auto& [n, v]: r.candidate_counters)
        if (!r.reference_counters.count(n)) names.push_back(n);
    std::sort(names.begin(), names.end());
    if (!names.empty()) {
        fmt::format_to(out, "\n  {:<40} {:>12} {:>12}\n", "counter", "reference", "candidate");
        auto value = [](const std::map<std::string, std::uint64_t>& m, const std::string& n) {
            const auto it = m.find(n);
            return it == m.end() ? std::string("-") : std::to_string(it->second);
        };
        for (const auto& n: names)
            fmt::format_to(out, "  {:<40} {:>12} {:>12}\n", n, value(r.reference_counters, n),
                           value(r.candidate_counters, n));
    }
    return s;
}

void write_compare_files(result_directory& out, const experiment& ex, const network& net,
                         const run_result& reference, const run_result& candidate, const compare_report& report) {
    const std::filesystem::path& root = out.path();
    // A stale compare.json goes before the subdirectories are rewritten.
    std::filesystem::remove(root / "compare.json");
    for (const auto& [sub, res]: {std::pair{"reference", &reference}, std::pair{"candidate", &candidate}}) {
        result_directory d(root / sub);
        write_results(ex, net, *res, d);
        d.commit();
    }
    if (std::any_of(report.populations.begin(), report.populations.end(), [](const auto& p) { return p.statistics; })) {
        const auto csv_path = out.staged("distributions.csv");
        std::ofstream csv(csv_path);
        csv << "population,run,model,statistic,value\n";
        for (const auto& p: report.populations)
            if (p.statistics)
                write_distribution_rows(csv, p.name, *p.statistics, report.reference_model, report.candidate_model);
        if (!csv.flush()) throw output_directory_error("cannot write '" + csv_path.string() + "'");
    }
    const auto path = out.staged("compare.json");
    std::ofstream f(path);
    f << to_json(report).dump(2) << '\n';
    if (!f.flush()) throw output_directory_error("cannot write '" + path.string() + "'");
}

void write_compare_directory(const std::string& dir, const experiment& ex, const network& net,
                             const run_result& reference, const run_result& candidate,
                             const compare_report& report) {
    result_directory out(dir, result_directory::when_busy::refuse, "compare.json");
    write_compare_files(out, ex, net, reference, candidate, report);
    out.commit();
}

}  // namespace plasticore
