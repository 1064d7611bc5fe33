// The cortical microcircuit (Potjans & Diesmann 2014) at 10% and at full size on golden and
// fixed, against issue 16's targets: 1 s of biological time in at most 60 s of wall-clock
// time, and peak memory at most 8 bytes per synapse plus a constant. Each run is a child
// process of its own (peak RSS is per process). The constant is measured in the same run: a
// child that loads the file and generates its stimulus but builds no network.
//   bench_microcircuit [--duration MS] [--threads N] [--models golden,fixed] [--in-process]
//                      [--csv FILE] [file.toml ...]
// Defaults: 1000 ms, 2 threads, golden and fixed, examples/microcircuit_10pct.toml. The
// full-size file needs about 6.5 GB (see docs/network.md) and takes a minute or more.
// Besides wall-clock times it measures the CPU time (user + sys, all threads) of the build and
// of the loop: on a shared machine the wall-clock time counts the time others held the cores,
// the CPU time does not. --csv appends a row per measurement (tools/plot/plot_performance.py
// draws docs/performance.md's figure from such a file).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "experiment/load_experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "stimulus/stimulus.hpp"

using namespace plasticore;

namespace {

constexpr double wall_target_s_per_bio_s = 60.0;  // issue 16
constexpr double bytes_per_synapse_target = 8.0;  // issue 16

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// CPU time of this process, user + sys, every thread [s].
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// The 1-minute load average, printed beside the figures it may have inflated.
double load_average() {
    double load[1] = {0.0};
    return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

double peak_rss_bytes() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) * 1024.0;  // ru_maxrss is in KiB on Linux
}

struct options {
    double duration_ms = 1000.0;
    unsigned threads = 2;
    std::vector<std::string> models{"golden", "fixed"};
    std::vector<std::string> files;
    bool in_process = false;  // one measurement per model without a child (for a debugger)
    std::string csv;          // append a row per measurement here ("" = none)
};

constexpr const char* csv_header =
    "file,model,threads,duration_ms,neurons,synapses,spikes,build_s,build_cpu_s,loop_s,loop_cpu_s,total_s,"
    "peak_rss_mib,load_1min\n";

// One measurement in this (child) process; model "" measures the constant.
void measure(const options& o, const std::string& file, const std::string& model) {
    const auto start = std::chrono::steady_clock::now();
    experiment ex = load_experiment(file);
    ex.simulation.duration = o.duration_ms;
    const stimulus stim = generate_stimulus(ex);
    if (model.empty()) {
        std::printf("%-28s %-7s %46s peak RSS %8.1f MiB (the constant)\n", file.substr(file.rfind('/') + 1).c_str(),
                    "none", "", peak_rss_bytes() / 1048576.0);
        return;
    }
    const auto build_start = std::chrono::steady_clock::now();
    const double build_cpu_start = cpu_seconds();
    const network net = build_network(ex, o.threads);
    const double build_s = seconds_since(build_start);
    const double build_cpu = cpu_seconds() - build_cpu_start;
    double synapses = 0;
    for (const auto& t: net.projections) synapses += static_cast<double>(t.size());
    const auto loop_start = std::chrono::steady_clock::now();
    const double loop_cpu_start = cpu_seconds();
    model_options mo;
    mo.threads = o.threads;
    const run_result res = run_model(model, ex, stim, net, mo);
    const double loop_s = seconds_since(loop_start);
    const double loop_cpu = cpu_seconds() - loop_cpu_start;
    const double total_s = seconds_since(start);
    std::uint64_t spikes = 0;
    for (const auto& c: res.counts) spikes += c.is_population ? c.spikes : 0;
    std::printf("%-28s %-7s build %7.2f s loop %7.2f s total %7.2f s peak RSS %8.1f MiB  %.4g synapses  %llu spikes\n",
                file.substr(file.rfind('/') + 1).c_str(), model.c_str(), build_s, loop_s, total_s,
                peak_rss_bytes() / 1048576.0, synapses, static_cast<unsigned long long>(spikes));
    const double load = load_average();
    std::printf("%-28s %-7s CPU (user+sys) build %7.2f s loop %7.2f s; load average %.2f\n", "", "", build_cpu,
                loop_cpu, load);
    if (!o.csv.empty()) {
        std::uint64_t neurons = 0;
        for (const auto& p: ex.populations) neurons += static_cast<std::uint64_t>(p.size);
        const bool fresh = !std::ifstream(o.csv).good();
        std::ofstream csv(o.csv, std::ios::app);
        if (fresh) csv << csv_header;
        char row[1024];
        std::snprintf(row, sizeof row, "%s,%s,%u,%.17g,%llu,%.17g,%llu,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f,%.2f\n",
                      file.substr(file.rfind('/') + 1).c_str(), model.c_str(), o.threads, o.duration_ms,
                      static_cast<unsigned long long>(neurons), synapses, static_cast<unsigned long long>(spikes),
                      build_s, build_cpu, loop_s, loop_cpu, total_s, peak_rss_bytes() / 1048576.0, load);
        csv << row;
        if (!csv.flush()) throw std::runtime_error("cannot write '" + o.csv + "'");
    }
    std::printf("RESULT %s %.17g %.17g\n", model.c_str(), total_s, synapses);
}

// Runs measure() in a child; returns its "RESULT" line's figures through a pipe.
struct child_result {
    bool ok = false;
    double total_s = 0, synapses = 0, rss = 0;
};

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    return "exit status " + std::to_string(WEXITSTATUS(status));
}

child_result in_child(const options& o, const std::string& file, const std::string& model) {
    std::fflush(stdout);
    int fd[2];
    if (pipe(fd) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        if (dup2(fd[1], STDOUT_FILENO) < 0) _exit(2);
        try {
            measure(o, file, model);
        }
        catch (const std::exception& e) {
            std::fprintf(stderr, "%s %s: %s\n", file.c_str(), model.c_str(), e.what());
            std::fflush(stdout);
            _exit(1);
        }
        std::printf("RSS %.17g\n", peak_rss_bytes());
        std::fflush(stdout);
        _exit(0);
    }
    close(fd[1]);
    child_result r;
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(fd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!r.ok) std::printf("%s %s: the run failed (%s)\n", file.c_str(), model.empty() ? "constant" : model.c_str(),
                           describe_status(status).c_str());
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        const std::size_t end = text.find('\n', line_start);
        const std::string line = text.substr(line_start, end - line_start);
        char name[64];
        if (std::sscanf(line.c_str(), "RESULT %63s %lf %lf", name, &r.total_s, &r.synapses) == 3) {}
        else if (std::sscanf(line.c_str(), "RSS %lf", &r.rss) == 1) {}
        else std::printf("%s\n", line.c_str());
        if (end == std::string::npos) break;
        line_start = end + 1;
    }
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--duration" && a + 1 < argc) o.duration_ms = std::atof(argv[++a]);
        else if (arg == "--threads" && a + 1 < argc) o.threads = static_cast<unsigned>(std::atoi(argv[++a]));
        else if (arg == "--in-process") o.in_process = true;
        else if (arg == "--csv" && a + 1 < argc) o.csv = argv[++a];
        else if (arg == "--help" || arg == "-h") {
            std::printf("usage: bench_microcircuit [--duration MS] [--threads N] [--models golden,fixed] "
                        "[--in-process] [--csv FILE] [file.toml ...]\n"
                        "Runs each file on each model (1000 ms, 2 threads, golden and fixed, "
                        "examples/microcircuit_10pct.toml by default), each run in a child process\n"
                        "unless --in-process, and prints build, loop and total time (wall-clock and CPU), "
                        "peak RSS and bytes per synapse against issue 16's targets.\n"
                        "--csv FILE appends a row per run: file, model, threads, duration, neurons, synapses, "
                        "spikes, build and loop wall/CPU seconds, total, peak RSS, load average.\n");
            return 0;
        }
        else if (arg == "--models" && a + 1 < argc) {
            o.models.clear();
            const std::string list = argv[++a];
            for (std::size_t p = 0; p <= list.size();) {
                const std::size_t q = std::min(list.find(',', p), list.size());
                o.models.push_back(list.substr(p, q - p));
                p = q + 1;
            }
        }
        else if (arg.size() > 1 && arg[0] == '-') {
            std::fprintf(stderr, "bench_microcircuit: unknown option '%s' (or missing value); see --help\n", arg.c_str());
            return 2;
        }
        else o.files.push_back(arg);
    }
    if (o.files.empty()) o.files.push_back(std::string(PLASTICORE_SOURCE_DIR) + "/examples/microcircuit_10pct.toml");
    std::printf("%.0f ms of biological time, %u threads; targets: wall <= %.0f s per biological s, peak RSS <= %.0f B "
                "per synapse + the constant\n",
                o.duration_ms, o.threads, wall_target_s_per_bio_s, bytes_per_synapse_target);
    if (o.in_process) {
        for (const auto& file: o.files)
            for (const auto& model: o.models) measure(o, file, model);
        return 0;
    }
    int failures = 0;
    for (const auto& file: o.files) {
        const child_result base = in_child(o, file, "");
        if (!base.ok) {
            ++failures;
            continue;
        }
        for (const auto& model: o.models) {
            const child_result r = in_child(o, file, model);
            if (!r.ok) {
                ++failures;
                continue;
            }
            const double wall_target = wall_target_s_per_bio_s * o.duration_ms * 1e-3;
            const double per_synapse = (r.rss - base.rss) / r.synapses;
            std::printf("  %-7s wall %.2f s / target %.2f s = %.2f %s;  (peak RSS - constant %.1f MiB) / synapses = "
                        "%.2f B / target %.0f B %s\n",
                        model.c_str(), r.total_s, wall_target, r.total_s / wall_target,
                        r.total_s <= wall_target ? "PASS" : "MISS", base.rss / 1048576.0, per_synapse,
                        bytes_per_synapse_target, per_synapse <= bytes_per_synapse_target ? "PASS" : "MISS");
        }
    }
    return failures == 0 ? 0 : 1;
}
