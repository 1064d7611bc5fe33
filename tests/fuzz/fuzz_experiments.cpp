// The fuzz test (ctest label `fuzz`; docs/experiment-format.md, "Fuzzing"): mutated copies of
// the examples and of tests/fuzz/seeds/ (structure, numbers, sizes, text, CSV files,
// [hardware], [core]), generated from a fixed seed, each read by the loader in this process and,
// when it loads, run for a few milliseconds of simulated time by the real `plasticore run`.
//
// Every outcome must be one of: a loader error with FILE:LINE:COL, a run that succeeds, a run
// that stops with exit status 1 and a message naming the input, or a run refused for memory
// (exit 3). Anything else, a crash, a hang, a sanitizer report, another exit status, an error
// without a position, fails the test and prints the input (kept in WORK/failures/).
//
// usage: fuzz_experiments --source DIR --work DIR [--plasticore PATH] [--count N] [--seed S]
//                         [--timeout SECONDS] [--verbose 1]

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

#include "experiment/experiment_error.hpp"
#include "experiment/load_experiment.hpp"
#include "mutator.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace plasticore;

namespace {

struct options {
    fs::path source;
    fs::path work;
    std::string plasticore;  // empty: the loader only
    long count = 2000;
    std::uint64_t seed = 11;
    double timeout = 60;  // [s] per run
    bool verbose = false;  // print every error message (to review their wording)
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::vector<fuzz::input_files> load_bases(const fs::path& source) {
    std::vector<fuzz::input_files> bases;
    for (const char* e: {"examples/song2000.toml", "examples/stdp_window.toml"})
        bases.push_back({read_text(source / e), {}, {}});
    const fs::path seeds = source / "tests/fuzz/seeds";
    fuzz::input_files files{read_text(seeds / "files.toml"), {}, {}};
    files.files["spikes.csv"] = read_text(seeds / "spikes.csv");
    files.files["conn.csv"] = read_text(seeds / "conn.csv");
    bases.push_back(files);
    bases.push_back({read_text(seeds / "sources.toml"), {}, {}});
    for (const auto& b: bases)
        if (b.experiment.empty()) throw std::runtime_error("a fuzz seed is missing or empty under " + source.string());
    return bases;
}

// The input being tried, for the crash handlers.
std::string current_description;

void print_current() {
    const std::string text = "\nfuzz: crashed on input:\n" + current_description + "\n";
    if (::write(2, text.data(), text.size()) < 0) {
        // nothing more can be done in a dying process
    }
}

extern "C" void on_fatal_signal(int sig) {
    print_current();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::string describe(long index, const fuzz::input_files& in, const fs::path& dir) {
    std::string out = "input #" + std::to_string(index) + " (files in " + dir.string() + ")\nmutations:\n";
    for (const auto& m: in.mutations) out += "  - " + m.substr(0, 300) + "\n";
    out += "experiment.toml:\n" + in.experiment.substr(0, 4000) + (in.experiment.size() > 4000 ? "\n...\n" : "");
    for (const auto& [name, text]: in.files) out += name + ":\n" + text.substr(0, 1000) + "\n";
    return out;
}

struct run_outcome {
    int status = 0;  // exit status, or 128 + signal
    bool timed_out = false;
    std::string err;
};

run_outcome run_plasticore(const options& o, const std::vector<std::string>& args, const fs::path& err_file) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(o.plasticore.c_str()));
    for (const auto& a: args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    run_outcome r;
    if (posix_spawn(&pid, o.plasticore.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        throw std::runtime_error("cannot start " + o.plasticore);
    }
    posix_spawn_file_actions_destroy(&actions);
    const auto start = std::chrono::steady_clock::now();
    int wstatus = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &wstatus, WNOHANG);
        if (done == pid) break;
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > o.timeout) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &wstatus, 0);
            r.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    r.err = read_text(err_file);
    return r;
}

// A short run: at most 20 ms and 2,000 steps of simulated time, at least one step.
std::string short_duration(const experiment& ex) {
    double d = std::min({ex.simulation.duration, 20.0, 2000.0 * ex.simulation.dt});
    d = std::max(d, ex.simulation.dt);
    std::ostringstream s;
    s.precision(17);
    s << d;
    return s.str();
}

bool sanitizer_report(const std::string& err) {
    return err.find("runtime error:") != std::string::npos || err.find("Sanitizer") != std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--source") o.source = v;
        else if (k == "--work") o.work = v;
        else if (k == "--plasticore") o.plasticore = v;
        else if (k == "--count") o.count = std::stol(v);
        else if (k == "--seed") o.seed = std::stoull(v);
        else if (k == "--timeout") o.timeout = std::stod(v);
        else if (k == "--verbose") o.verbose = v == "1";
        else {
            std::cerr << "fuzz_experiments: unknown option " << k << "\n";
            return 2;
        }
    }
    if (o.source.empty() || o.work.empty()) {
        std::cerr << "usage: fuzz_experiments --source DIR --work DIR [--plasticore PATH] [--count N] [--seed S] "
                     "[--timeout SECONDS]\n";
        return 2;
    }
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(print_current);
#endif
    for (int sig: {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_fatal_signal);
    // The runs: our own memory cap (the machine is shared), a clean bad_alloc instead of an
    // allocator abort, every sanitizer finding fatal.
    ::setenv("PLASTICORE_MEMORY_LIMIT_MB", "1024", 1);
    ::setenv("ASAN_OPTIONS", "allocator_may_return_null=1:detect_leaks=1:abort_on_error=0", 1);
    ::setenv("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1", 1);
    // LeakSanitizer's exit-time scan of thread stacks sometimes lands on a guard page of
    // SystemC's coroutine stacks ("stack pointer not in stack range ... Tracer caught signal
    // 11"): about 1 core run in 12, before this change too (song2000, 50 ms, 6 of 40 with the
    // sanitizer build of b071eb7). Leaks are still found from globals, TLS and registers.
    ::setenv("LSAN_OPTIONS", "use_stacks=0", 1);
    ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);

    const std::vector<fuzz::input_files> bases = load_bases(o.source);
    const fs::path dir = o.work / "input";
    const fs::path out_dir = o.work / "out";
    fs::remove_all(o.work);
    fs::create_directories(dir);
    const std::regex positioned(R"(^(.+):([0-9]+):([0-9]+): )");
    const std::vector<std::string> models = {"golden", "fixed", "core", "core-rtl"};

    std::map<std::string, long> outcomes;
    long failures = 0;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < o.count; ++i) {
        std::seed_seq seq{o.seed, static_cast<std::uint64_t>(i)};
        std::mt19937_64 rng(seq);
        const fuzz::input_files in = fuzz::mutate(bases[static_cast<std::size_t>(rng() % bases.size())], rng);
        for (const auto& entry: fs::directory_iterator(dir)) fs::remove_all(entry.path());
        const fs::path path = dir / "experiment.toml";
        write_text(path, in.experiment);
        for (const auto& [name, text]: in.files) write_text(dir / name, text);
        current_description = describe(i, in, dir);

        std::string failure;
        std::optional<experiment> loaded;
        const auto t0 = std::chrono::steady_clock::now();
        try {
            loaded = load_experiment(path.string());
        }
        catch (const experiment_error& e) {
            std::smatch m;
            const std::string what = e.what();
            // The file is the experiment or one it names (a CSV file, /proc/self/status).
            if (!std::regex_search(what, m, positioned)) failure = "loader error without FILE:LINE:COL: " + what;
            else ++outcomes["load: error with position"];
            if (o.verbose) std::cout << "load error: " << what.substr(0, 300) << "\n";
        }
        catch (const std::exception& e) {
            failure = std::string("loader threw something else than experiment_error: ") + e.what();
        }
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > 10)
            failure = "the loader took more than 10 s";

        if (failure.empty() && loaded && !o.plasticore.empty()) {
            const std::string& model = models[static_cast<std::size_t>(i) % models.size()];
            const run_outcome r = run_plasticore(
                o, {"run", path.string(), "--model", model, "--out", out_dir.string(), "-q", "--duration", short_duration(*loaded)},
                o.work / "stderr.txt");
            if (o.verbose && r.status != 0) std::cout << "run error (" << model << "): " << r.err.substr(0, 300) << "\n";
            const bool names_input = r.err.rfind("plasticore: error: " + path.string(), 0) == 0 ||
                                     r.err.rfind("plasticore: error: " + dir.string(), 0) == 0;
            if (r.timed_out) failure = "run did not finish within the timeout (" + model + ")";
            else if (sanitizer_report(r.err)) failure = "sanitizer report (" + model + "):\n" + r.err;
            else if (r.status == 0 && fs::exists(out_dir / "summary.json")) ++outcomes["run " + model + ": ok"];
            else if (r.status == 1 && names_input) ++outcomes["run: error naming the input"];
            else if (r.status == 3) ++outcomes["run: refused, memory"];
            else failure = "run (" + model + ") exit status " + std::to_string(r.status) + ":\n" + r.err;
        }
        else if (failure.empty() && loaded) {
            ++outcomes["load: ok"];
        }
        if (!failure.empty()) {
            ++failures;
            std::cout << "FAIL " << failure.substr(0, 4000) << "\n" << current_description << "\n";
            const fs::path keep = o.work / "failures" / std::to_string(i);
            fs::create_directories(keep);
            for (const auto& entry: fs::directory_iterator(dir)) fs::copy(entry.path(), keep / entry.path().filename());
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "fuzz: " << o.count << " inputs (seed " << o.seed << ") in " << seconds << " s\n";
    for (const auto& [what, n]: outcomes) std::cout << "  " << n << "  " << what << "\n";
    std::cout << "  " << failures << "  failures\n";
    return failures == 0 ? 0 : 1;
}
