// plasticore plot DIR: renders the figures of a sweep directory (tools/plot/plot_sweep.py,
// docs/sweep.md) or of a run or compare directory (tools/plot/plot_run.py) under Debian's
// /usr/bin/python3 (matplotlib), into DIR/plots/.

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <fstream>

#include <nlohmann/json.hpp>

#include "commands.hpp"

#ifndef PLASTICORE_PLOT_SCRIPT
#define PLASTICORE_PLOT_SCRIPT "tools/plot/plot_sweep.py"
#endif
#ifndef PLASTICORE_PLOT_CAPACITY_SCRIPT
#define PLASTICORE_PLOT_CAPACITY_SCRIPT "tools/plot/plot_capacity.py"
#endif
#ifndef PLASTICORE_PLOT_RUN_SCRIPT
#define PLASTICORE_PLOT_RUN_SCRIPT "tools/plot/plot_run.py"
#endif

namespace plasticore::cli {

namespace {
constexpr const char* python = "/usr/bin/python3";
constexpr int missing_matplotlib_status = 3;  // plot_sweep.py's exit status without matplotlib
}  // namespace

int plot_command(const plot_command_options& options) {
    namespace fs = std::filesystem;
    const fs::path dir(options.sweep_dir);
    const bool sweep = fs::exists(dir / "sweep.json");
    const bool capacity = !sweep && fs::exists(dir / "capacity.json");
    if (!sweep && !capacity && !fs::exists(dir / "summary.json") && !fs::exists(dir / "compare.json"))
        throw std::invalid_argument(fmt::format("'{}' holds no sweep.json, capacity.json, summary.json or compare.json; "
                                             "give a directory written by plasticore sweep, capacity --out, run or compare",
                                             options.sweep_dir));
    if ((!options.accuracy.empty() || !options.metrics.empty()) && !sweep)
        throw std::invalid_argument("--accuracy and --metrics apply to a sweep; '" + options.sweep_dir + "' is not a sweep");
    if (!options.accuracy.empty()) {
        // A metric the sweep does not have is bad input (exit status 1), said before Python starts.
        std::ifstream in(dir / "sweep.json");
        const auto j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_discarded() || !j.contains("columns"))
            throw std::invalid_argument(fmt::format("'{}' is not valid JSON", (dir / "sweep.json").string()));
        const auto metrics = j["columns"].value("metrics", std::vector<std::string>{});
        if (std::find(metrics.begin(), metrics.end(), options.accuracy) == metrics.end()) {
            std::string known;
            for (const auto& m: metrics) known += (known.empty() ? "" : ", ") + m;
            throw std::invalid_argument(
                fmt::format("--accuracy {}: not a metric of this sweep (known: {})", options.accuracy, known));
        }
    }
    std::string script = options.script;
    if (script.empty()) {
        const char* env = std::getenv(sweep ? "PLASTICORE_PLOT_SCRIPT"
                                            : capacity ? "PLASTICORE_PLOT_CAPACITY_SCRIPT" : "PLASTICORE_PLOT_RUN_SCRIPT");
        script = env && *env ? env
                             : (sweep ? PLASTICORE_PLOT_SCRIPT : capacity ? PLASTICORE_PLOT_CAPACITY_SCRIPT : PLASTICORE_PLOT_RUN_SCRIPT);
    }
    if (!fs::exists(script)) throw std::runtime_error(fmt::format("plot script '{}' not found", script));
    if (!fs::exists(python)) throw std::runtime_error(fmt::format("{} not found; install Debian's python3", python));

    std::vector<std::string> args{python, script, options.sweep_dir};
    if (!options.accuracy.empty()) {
        args.push_back("--accuracy");
        args.push_back(options.accuracy);
    }
    if (!options.metrics.empty()) {
        args.push_back("--metrics");
        args.push_back(options.metrics);
    }
    std::vector<char*> argv;
    for (auto& a: args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("cannot start python3");
    if (pid == 0) {
        ::execv(python, argv.data());
        ::_exit(127);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) < 0) throw std::runtime_error("lost the python3 process");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == missing_matplotlib_status)
        throw std::runtime_error("matplotlib is missing for /usr/bin/python3; install it with "
                                 "'apt-get install python3-matplotlib'");
    throw std::runtime_error(fmt::format("{} failed (exit status {})", script,
                                         WIFEXITED(status) ? WEXITSTATUS(status) : -1));
}

}  // namespace plasticore::cli
