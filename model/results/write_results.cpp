#include "results/write_results.hpp"
#include "results/step_time.hpp"

#include "results/plasticity_json.hpp"
#include "experiment/lookup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <type_traits>

namespace plasticore {

namespace {

// Buffers a text file and writes it in one go, failing loudly on any I/O error.
class text_file {
public:
    explicit text_file(std::string path): path_(std::move(path)) {}
    fmt::memory_buffer& buffer() { return buf_; }
    void flush_if_large() {
        if (buf_.size() > (1u << 22)) write_out();
    }
    void close() {
        write_out();
        if (std::fclose(file()) != 0) fail();
        file_ = nullptr;
    }
    ~text_file() {
        if (file_) std::fclose(file_);
    }

private:
    std::FILE* file() {
        if (!file_) {
            file_ = std::fopen(path_.c_str(), "wb");
            if (!file_) fail();
        }
        return file_;
    }
    void write_out() {
        std::FILE* f = file();
        if (buf_.size() && std::fwrite(buf_.data(), 1, buf_.size(), f) != buf_.size()) fail();
        buf_.clear();
    }
    [[noreturn]] void fail() const { throw output_directory_error("cannot write '" + path_ + "'"); }

    std::string path_;
    std::FILE* file_ = nullptr;
    fmt::memory_buffer buf_;
};

void write_spikes(const experiment& ex, const run_result& res, const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "step,time_ms,population,neuron\n");
    const step_time_format time_of(ex.simulation.dt);
    for (const auto& s: res.spikes) {
        fmt::format_to(out, "{},{},{},{}\n", s.step, time_of(s.step),
                       res.spike_groups[s.group], s.neuron);
        f.flush_if_large();
    }
    f.close();
}

// core_ticks.csv: the core's busy cycles per tick (the figure of busy cycles against the budget).
void write_core_ticks(const experiment& ex, const run_result& res, const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "tick,time_ms,busy_cycles\n");
    const step_time_format time_of(ex.simulation.dt);
    for (std::size_t n = 0; n < res.busy_cycles_per_tick.size(); ++n) {
        fmt::format_to(out, "{},{},{}\n", n, time_of(static_cast<std::int64_t>(n)), res.busy_cycles_per_tick[n]);
        f.flush_if_large();
    }
    f.close();
}

// Flushed as it goes: one projection of the full-size microcircuit is ~2e7 rows (1 GB of text).
void write_weight_rows(text_file& f, const std::string& time_ms, const std::string& name, const synapse_table& t,
                       const std::vector<double>& w) {
    auto out = std::back_inserter(f.buffer());
    t.for_each_synapse([&](std::uint32_t pre, std::uint32_t, std::uint32_t s) {
        fmt::format_to(out, "{},{},{},{},{}\n", time_ms, name, pre, t.post[s], w[s]);
        f.flush_if_large();
    });
}

void write_weights(const experiment& ex, const network& net, const run_result& res,
                   const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "time_ms,projection,pre,post,weight_na\n");
    const step_time_format time_of(ex.simulation.dt);
    for (const auto& snap: res.snapshots) {
        write_weight_rows(f, time_of(snap.step), ex.projections[snap.projection].name,
                          net.projections[snap.projection], snap.weight);
    }
    const std::string end_ms = time_of(res.steps);
    for (std::size_t k = 0; k < res.final_weights.size(); ++k) {
        if (!writes_final_weights(ex, k)) continue;  // [record] final_weights
        write_weight_rows(f, end_ms, ex.projections[k].name, net.projections[k], res.final_weights[k]);
    }
    f.close();
}

void write_state(const experiment& ex, const run_result& res, const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "step,time_ms,population,neuron,v_mv,i_syn_e_na,i_syn_i_na\n");
    const step_time_format time_of(ex.simulation.dt);
    for (const auto& s: res.state) {
        fmt::format_to(out, "{},{},{},{},{},{},{}\n", s.step, time_of(s.step),
                       ex.populations[s.population].name, s.neuron, s.v, s.i_e, s.i_i);
        f.flush_if_large();
    }
    f.close();
}

std::size_t projection_index(const experiment& ex, const std::string& name) {
    for (std::size_t k = 0; k < ex.projections.size(); ++k)
        if (ex.projections[k].name == name) return k;
    throw std::invalid_argument("unknown projection '" + name + "'");
}

// dt_pair of each channel against the weight change of the synapse it drives.
void write_stdp_window(const experiment& ex, const network& net, const run_result& res,
                       const stdp_window_analysis& a, const std::string& path) {
    const std::size_t k = projection_index(ex, a.projection);
    const pairing_source* pairing = nullptr;
    for (const auto& s: ex.sources)
        if (s.name == a.pairing_source) pairing = std::get_if<pairing_source>(&s.kind);
    if (!pairing) throw std::invalid_argument("'" + a.pairing_source + "' is not a pairing source");
    const auto& t = net.projections[k];
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "channel,dt_pair_ms,n_pairs,w_initial_na,w_final_na,dw_na\n");
    t.for_each_synapse([&](std::uint32_t c, std::uint32_t, std::uint32_t s) {
        fmt::format_to(out, "{},{},{},{},{},{}\n", c, pairing->dt_pair[c], pairing->n_pairs, t.weight[s],
                       res.final_weights[k][s], res.final_weights[k][s] - t.weight[s]);
    });
    f.close();
}

nlohmann::json weight_stats(const projection& pr, const std::vector<double>& w) {
    nlohmann::json j;
    j["synapses"] = w.size();
    if (w.empty()) return j;
    double sum = 0.0, lo = w[0], hi = w[0];
    for (double x: w) {
        sum += x;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    const double mean = sum / static_cast<double>(w.size());
    double ss = 0.0;
    for (double x: w) ss += (x - mean) * (x - mean);
    j["mean_na"] = mean;
    j["sd_na"] = std::sqrt(ss / static_cast<double>(w.size()));
    j["min_na"] = lo;
    j["max_na"] = hi;
    if (const auto b = plasticity::bounds(pr.plasticity)) {
        // Share of weights within 10% of the weight range of either bound.
        const double margin = 0.1 * (b->w_max - b->w_min);
        std::size_t near_min = 0, near_max = 0;
        for (double x: w) {
            if (x <= b->w_min + margin) ++near_min;
            else if (x >= b->w_max - margin) ++near_max;
        }
        j["fraction_near_w_min"] = static_cast<double>(near_min) / static_cast<double>(w.size());
        j["fraction_near_w_max"] = static_cast<double>(near_max) / static_cast<double>(w.size());
        j["fraction_near_bounds"] = static_cast<double>(near_min + near_max) / static_cast<double>(w.size());
    }
    return j;
}

}  // namespace

nlohmann::json summary_json(const experiment& ex, const run_result& res) {
    nlohmann::json j;
    j["model"] = res.model;
    j["precision"] = res.precision;
    j["experiment"] = ex.source_path;
    j["dt_ms"] = res.dt;
    j["steps"] = res.steps;
    j["duration_ms"] = static_cast<double>(res.steps) * res.dt;
    j["seed"] = res.seed;
    const double seconds = static_cast<double>(res.steps) * res.dt * 1e-3;
    for (const auto& c: res.counts) {
        nlohmann::json g;
        g["size"] = c.size;
        g["spikes"] = c.spikes;
        g["mean_rate_hz"] = seconds > 0 && c.size > 0 ? static_cast<double>(c.spikes) / (seconds * c.size) : 0.0;
        j[c.is_population ? "populations" : "sources"][c.name] = g;
    }
    for (std::size_t k = 0; k < res.final_weights.size(); ++k)
        j["projections"][ex.projections[k].name] = weight_stats(ex.projections[k], res.final_weights[k]);
    j["counters"] = res.counters;
    j["warnings"] = res.warnings;
    j["wall_clock_seconds"] = res.wall_seconds;
    if (!res.core_report.empty()) j["core"] = nlohmann::json::parse(res.core_report);
    if (!res.chip_report.empty()) j["chip"] = nlohmann::json::parse(res.chip_report);
    if (!res.energy_report.empty()) j["energy"] = nlohmann::json::parse(res.energy_report);
    if (!res.area_report.empty()) j["area"] = nlohmann::json::parse(res.area_report);
    return j;
}

void write_results(const experiment& ex, const network& net, const run_result& res,
                   const result_directory& out) {
    write_spikes(ex, res, out.staged("spikes.csv").string());
    write_weights(ex, net, res, out.staged("weights.csv").string());
    write_state(ex, res, out.staged("state.csv").string());
    for (const auto& a: ex.stdp_windows)
        write_stdp_window(ex, net, res, a, out.staged("stdp_window.csv").string());
    if (!res.busy_cycles_per_tick.empty()) write_core_ticks(ex, res, out.staged("core_ticks.csv").string());
    std::ofstream s(out.staged("summary.json"));
    s << summary_json(ex, res).dump(2) << '\n';
    if (!s.flush()) throw output_directory_error("cannot write '" + out.staged("summary.json").string() + "'");
}

void write_stimulus_csv(const experiment& ex, const stimulus& stim, const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "source,channel,step,time_ms\n");
    const step_time_format time_of(ex.simulation.dt);
    for (std::size_t s = 0; s < stim.sources.size(); ++s) {
        const auto& t = stim.sources[s];
        for (std::size_t i = 0; i < t.steps.size(); ++i) {
            fmt::format_to(out, "{},{},{},{}\n", ex.sources[s].name, t.channels[i], t.steps[i],
                           time_of(t.steps[i]));
            f.flush_if_large();
        }
    }
    f.close();
}

void write_network_csv(const experiment& ex, const network& net, const std::string& path) {
    text_file f(path);
    auto out = std::back_inserter(f.buffer());
    fmt::format_to(out, "projection,pre,post,delay_steps,weight_na\n");
    for (std::size_t k = 0; k < net.projections.size(); ++k) {
        const auto& t = net.projections[k];
        t.for_each_synapse([&](std::uint32_t pre, std::uint32_t delay, std::uint32_t s) {
            fmt::format_to(out, "{},{},{},{},{}\n", ex.projections[k].name, pre, t.post[s], delay, t.weight[s]);
            f.flush_if_large();
        });
    }
    f.close();
}

void write_run_files(const result_directory& out, const experiment& ex, const stimulus& stim,
                     const network& net, const run_result& res, bool write_inputs) {
    if (write_inputs) {
        write_stimulus_csv(ex, stim, out.staged("stimulus.csv").string());
        write_network_csv(ex, net, out.staged("network.csv").string());
        std::ofstream pj(out.staged("plasticity.json"));
        pj << plasticity_json(ex, stim).dump(2) << '\n';
        if (!pj.flush()) throw std::runtime_error("cannot write '" + out.staged("plasticity.json").string() + "'");
    }
    write_results(ex, net, res, out);
}

void write_run_directory(const std::string& dir, const experiment& ex, const stimulus& stim,
                         const network& net, const run_result& res, bool write_inputs) {
    result_directory out(dir);
    write_run_files(out, ex, stim, net, res, write_inputs);
    out.commit();
}

}  // namespace plasticore
