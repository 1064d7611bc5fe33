// Result files appear only when a run commits them, summary.json last; an abandoned run
// leaves the previous results untouched.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include <sys/wait.h>
#include <unistd.h>

#include "results/result_directory.hpp"
#include "results/step_time.hpp"

using namespace plasticore;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
    const auto d = fs::temp_directory_path() / ("plasticore_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}
void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
std::string read(const fs::path& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
}
}  // namespace

TEST_CASE("staged files are invisible until commit", "[results]") {
    const auto d = fresh_dir("commit");
    {
        result_directory out(d);
        write(out.staged("spikes.csv"), "a");
        write(out.staged("summary.json"), "{}");
        CHECK_FALSE(fs::exists(d / "spikes.csv"));
        CHECK_FALSE(fs::exists(d / "summary.json"));
        out.commit();
    }
    CHECK(read(d / "spikes.csv") == "a");
    CHECK(read(d / "summary.json") == "{}");
    CHECK_FALSE(fs::exists(d / ".partial"));
    fs::remove_all(d);
}

TEST_CASE("an abandoned run leaves the previous complete results as they were", "[results]") {
    const auto d = fresh_dir("abandon");
    {
        result_directory out(d);
        write(out.staged("spikes.csv"), "old");
        write(out.staged("summary.json"), "old");
        out.commit();
    }
    {
        result_directory out(d);
        write(out.staged("spikes.csv"), "new, half written");
        // no commit: the run failed
    }
    CHECK(read(d / "spikes.csv") == "old");
    CHECK(read(d / "summary.json") == "old");
    CHECK_FALSE(fs::exists(d / ".partial"));
    fs::remove_all(d);
}

TEST_CASE("an output path that cannot be created is reported by name", "[results]") {
    const auto d = fresh_dir("blocked");
    write(d.string() + "_file", "x");
    CHECK_THROWS_WITH(result_directory(fs::path(d.string() + "_file") / "sub"),
                      Catch::Contains("cannot create output directory") && Catch::Contains("_file/sub"));
    fs::remove(d.string() + "_file");
}

// Issue #11: two runs into one directory mixed their files; a kill during the final moves
// left new CSV files beside the old summary.json; a rerun left the earlier run's extra files.
namespace {
std::set<std::string> names_in(const fs::path& d) {
    std::set<std::string> names;
    for (const auto& e: fs::directory_iterator(d)) names.insert(e.path().filename().string());
    return names;
}

// A first run's complete result: different files than the second run writes.
void first_run(const fs::path& d) {
    result_directory out(d);
    for (const char* f: {"spikes.csv", "weights.csv", "stimulus.csv", "network.csv", "stdp_window.csv"})
        write(out.staged(f), std::string("old ") + f);
    write(out.staged("summary.json"), "old summary");
    out.commit();
}

// The second run: stages its files and commits, calling `at_step` after every step.
void second_run(const fs::path& d, const std::function<void(int)>& at_step) {
    result_directory out(d);
    for (const char* f: {"spikes.csv", "weights.csv", "state.csv"}) write(out.staged(f), std::string("new ") + f);
    write(out.staged("summary.json"), "new summary");
    out.commit(at_step);
}

const std::set<std::string> second_files = {".plasticore.lock", "spikes.csv", "weights.csv", "state.csv", "summary.json"};
}  // namespace

TEST_CASE("a rerun leaves none of the earlier run's files", "[results]") {
    const auto d = fresh_dir("stale");
    first_run(d);
    write(d / "notes.txt", "the user's own file");
    second_run(d, {});
    auto expected = second_files;
    expected.insert("notes.txt");  // never touched
    CHECK(names_in(d) == expected);
    CHECK(read(d / "summary.json") == "new summary");
    CHECK(read(d / "spikes.csv") == "new spikes.csv");
    CHECK(read(d / "notes.txt") == "the user's own file");
    fs::remove_all(d);
}

TEST_CASE("a kill at any step of the commit leaves a directory that is complete or marked incomplete", "[results]") {
    // Count the steps of an undisturbed commit over a first run's directory.
    int steps = 0;
    {
        const auto d = fresh_dir("kill_count");
        first_run(d);
        second_run(d, [&](int s) { steps = s; });
        fs::remove_all(d);
    }
    REQUIRE(steps == 1 + 3 + 4);  // old summary, 3 stale files, 3 new files, new summary
    for (int kill_at = 1; kill_at <= steps; ++kill_at) {
        INFO("killed after step " << kill_at);
        const auto d = fresh_dir("kill_" + std::to_string(kill_at));
        first_run(d);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            second_run(d, [&](int s) {
                if (s == kill_at) ::kill(::getpid(), SIGKILL);
            });
            ::_exit(0);  // not reached
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
        // Invariant: a summary.json means exactly one run's files, all of them.
        if (fs::exists(d / "summary.json")) {
            CHECK(read(d / "summary.json") == "new summary");
            auto expected = second_files;
            expected.insert(".partial");  // the killed run's staging directory, emptied
            CHECK(names_in(d) == expected);
            for (const char* f: {"spikes.csv", "weights.csv", "state.csv"}) CHECK(read(d / f) == std::string("new ") + f);
        }
        else {
            CHECK(kill_at < steps);
        }
        // The next run cleans up whatever was left.
        second_run(d, {});
        CHECK(names_in(d) == second_files);
        fs::remove_all(d);
    }
}

TEST_CASE("a second writer is refused while the first holds the directory", "[results]") {
    const auto d = fresh_dir("lock");
    {
        result_directory first(d);
        CHECK_THROWS_AS(result_directory(d), output_directory_error);
        CHECK_THROWS_WITH(result_directory(d), Catch::Contains("is in use by another plasticore run (pid " +
                                                               std::to_string(::getpid()) + ")"));
    }
    CHECK_NOTHROW(result_directory(d));  // released with the first
    fs::remove_all(d);
}

TEST_CASE("step times are written as the decimal they stand for", "[results]") {
    // spikes.csv had times like 23.200000000000003.
    const step_time_format at_0_1(0.1);
    CHECK(at_0_1(232) == "23.2");
    CHECK(at_0_1(0) == "0");
    CHECK(at_0_1(10) == "1");
    CHECK(at_0_1(3) == "0.3");
    CHECK(at_0_1(1000000007) == "100000000.7");
    const step_time_format at_0_025(0.025);
    CHECK(at_0_025(3) == "0.075");
    CHECK(at_0_025(40) == "1");
    CHECK(step_time_format(1e-7)(3) == "0.0000003");
    CHECK(step_time_format(0.25)(7) == "1.75");
    // The text reads back as the exact time's nearest double.
    CHECK(std::stod(at_0_1(232)) == 23.2);
    // Beyond 1e15 units of dt's last decimal: the shortest form of the binary product.
    CHECK(at_0_1(std::int64_t{20000000000000000}) == fmt::format("{}", 20000000000000000 * 0.1));
}

TEST_CASE("step times: the integer path equals rounding the binary product to dt's decimals", "[results]") {
    // The definition the writer used first (format n * dt with dt's decimals, trim zeros); the
    // integer path must give the same text for every step, at every dt of the examples.
    const auto by_rounding = [](double dt, int decimals, std::int64_t n) {
        std::string text = fmt::format("{:.{}f}", static_cast<double>(n) * dt, decimals);
        if (text.find('.') != std::string::npos) {
            while (text.back() == '0') text.pop_back();
            if (text.back() == '.') text.pop_back();
        }
        return text;
    };
    const std::pair<double, int> dts[] = {{0.1, 1}, {0.025, 3}, {0.05, 2}, {1.0, 0}, {0.01, 2}, {0.125, 3}, {1e-3, 3}};
    for (const auto& [dt, decimals]: dts) {
        const step_time_format time_of(dt);
        for (std::int64_t n = 0; n < 200000; n += 7) REQUIRE(time_of(n) == by_rounding(dt, decimals, n));
        for (std::int64_t n = 1; n < 1000000000000; n = n * 3 + 1) REQUIRE(time_of(n) == by_rounding(dt, decimals, n));
    }
}
