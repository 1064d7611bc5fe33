// Result files appear only when a run commits them, summary.json last; an abandoned run
// leaves the previous results untouched.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "results/result_directory.hpp"

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
