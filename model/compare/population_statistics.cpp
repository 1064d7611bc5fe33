#include "compare/population_statistics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <ostream>
#include <stdexcept>

namespace plasticore {

namespace {

std::int64_t nearest_step(double t, double dt) { return static_cast<std::int64_t>(std::llround(t / dt)); }

[[noreturn]] void bad_option(const char* name, const char* flag, const std::string& what) {
    throw std::invalid_argument(fmt::format("{} ({}): {}", name, flag, what));
}

statistic_comparison compare_values(std::vector<double> reference, std::vector<double> candidate) {
    statistic_comparison c;
    c.reference_summary = summarize(reference);
    c.candidate_summary = summarize(candidate);
    if (!reference.empty() && !candidate.empty()) {
        c.ks = kolmogorov_smirnov(reference, candidate);
        c.wasserstein1 = wasserstein1(reference, candidate);
    }
    c.reference = std::move(reference);
    c.candidate = std::move(candidate);
    return c;
}

}  // namespace

void check_statistics_options(const statistics_options& o, double dt, std::int64_t steps) {
    const double duration = static_cast<double>(steps) * dt;
    if (!std::isfinite(o.analysis_start) || o.analysis_start < 0.0)
        bad_option("analysis_start", "--analysis-start", fmt::format("must be >= 0 ms, not {} ms", o.analysis_start));
    const double stop = o.analysis_stop.value_or(duration);
    if (o.analysis_stop && (!std::isfinite(stop) || nearest_step(stop, dt) > steps))
        bad_option("analysis_stop", "--analysis-stop",
                   fmt::format("{} ms is past the end of the run ({} ms)", stop, duration));
    if (!(nearest_step(stop, dt) > nearest_step(o.analysis_start, dt))) {
        if (o.analysis_stop)
            bad_option("analysis_stop", "--analysis-stop",
                       fmt::format("{} ms leaves no window after --analysis-start {} ms", stop, o.analysis_start));
        bad_option("analysis_start", "--analysis-start",
                   fmt::format("{} ms leaves no window before the end of the run ({} ms)", o.analysis_start, stop));
    }
    if (!std::isfinite(o.correlation_bin) || !(o.correlation_bin > 0.0))
        bad_option("correlation_bin", "--correlation-bin", fmt::format("must be > 0 ms, not {} ms", o.correlation_bin));
    if (nearest_step(o.correlation_bin, dt) < 1)
        bad_option("correlation_bin", "--correlation-bin",
                   fmt::format("{} ms is less than half a step of {} ms", o.correlation_bin, dt));
    if (o.correlation_sample < 2)
        bad_option("correlation_sample", "--correlation-sample",
                   fmt::format("must be at least 2 neurons, not {}", o.correlation_sample));
    if (o.cv_min_spikes < 3)
        bad_option("cv_min_spikes", "--cv-min-spikes",
                   fmt::format("must be at least 3 (two intervals), not {}", o.cv_min_spikes));
}

std::int64_t correlation_bin_steps(const statistics_options& options, double dt) {
    return nearest_step(options.correlation_bin, dt);
}

step_window analysis_steps(const statistics_options& o, double dt, std::int64_t steps) {
    check_statistics_options(o, dt, steps);
    return {nearest_step(o.analysis_start, dt), o.analysis_stop ? nearest_step(*o.analysis_stop, dt) : steps};
}

distribution_summary summarize(const std::vector<double>& values) {
    distribution_summary s;
    s.n = values.size();
    s.mean = s.sd = std::numeric_limits<double>::quiet_NaN();
    if (values.empty()) return s;
    double mean = 0.0, m2 = 0.0;  // Welford
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double d = values[k] - mean;
        mean += d / static_cast<double>(k + 1);
        m2 += d * (values[k] - mean);
    }
    s.mean = mean;
    if (values.size() >= 2) s.sd = std::sqrt(m2 / static_cast<double>(values.size() - 1));
    return s;
}

population_statistics compare_population_statistics(const std::vector<std::vector<std::int64_t>>& reference,
                                                    const std::vector<std::vector<std::int64_t>>& candidate,
                                                    const statistics_options& options, double dt,
                                                    std::int64_t steps, std::uint64_t sample_seed,
                                                    const std::string& population) {
    if (reference.size() != candidate.size())
        throw std::invalid_argument(fmt::format("population '{}' has {} neurons in the reference and {} in the "
                                                "candidate", population, reference.size(), candidate.size()));
    const step_window window = analysis_steps(options, dt, steps);
    const std::int64_t bin = correlation_bin_steps(options, dt);

    population_statistics s;
    auto per_neuron = [&](const std::vector<std::vector<std::int64_t>>& trains, std::vector<double>& rates,
                          std::vector<double>& cvs) {
        for (const auto& t: trains) {
            rates.push_back(firing_rate(t, window, dt));
            if (const auto cv = cv_isi(t, window, options.cv_min_spikes)) cvs.push_back(*cv);
        }
    };
    std::vector<double> rate_ref, rate_cand, cv_ref, cv_cand;
    per_neuron(reference, rate_ref, cv_ref);
    per_neuron(candidate, rate_cand, cv_cand);
    s.rate = compare_values(std::move(rate_ref), std::move(rate_cand));
    s.cv_isi = compare_values(std::move(cv_ref), std::move(cv_cand));

    s.correlation_neurons = sample_neurons(static_cast<std::uint32_t>(reference.size()),
                                           static_cast<std::uint32_t>(options.correlation_sample), sample_seed,
                                           population);
    auto correlations = [&](const std::vector<std::vector<std::int64_t>>& trains) {
        std::vector<std::vector<double>> counts;
        if (window.stop - window.start < bin) return std::vector<double>{};  // no bin: no correlation
        counts.reserve(s.correlation_neurons.size());
        for (const auto n: s.correlation_neurons) counts.push_back(binned_counts(trains[n], window, bin));
        return pairwise_correlations(counts);
    };
    s.correlation = compare_values(correlations(reference), correlations(candidate));
    return s;
}

void write_distribution_rows(std::ostream& out, const std::string& population, const population_statistics& s,
                             const std::string& reference_model, const std::string& candidate_model) {
    auto rows = [&](const char* run, const std::string& model, const char* statistic, const std::vector<double>& v) {
        for (const double x: v) out << fmt::format("{},{},{},{},{}\n", population, run, model, statistic, x);
    };
    for (const auto& [statistic, c]: {std::pair{"rate_hz", &s.rate}, std::pair{"cv_isi", &s.cv_isi},
                                      std::pair{"correlation", &s.correlation}}) {
        rows("reference", reference_model, statistic, c->reference);
        rows("candidate", candidate_model, statistic, c->candidate);
    }
}

}  // namespace plasticore
