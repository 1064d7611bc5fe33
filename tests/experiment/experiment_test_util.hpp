#pragma once
// Helpers shared by the experiment loader tests.

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <catch2/catch.hpp>

#include <experiment/load_experiment.hpp>

namespace plasticore::test {

// The smallest valid preamble: every test file starts with it (3 lines).
inline const std::string preamble = "[simulation]\ndt_ms = 0.1\nduration_ms = 100.0\n";

inline experiment load(const std::string& text, const std::string& base_dir = ".") {
    return load_experiment_from_string(text, "exp.toml", base_dir);
}

// The message of the experiment_error that loading `text` must raise.
inline std::string error_of(const std::string& text, const std::string& base_dir = ".") {
    try {
        load_experiment_from_string(text, "exp.toml", base_dir);
    }
    catch (const experiment_error& e) {
        return e.what();
    }
    FAIL("expected an experiment_error for:\n" << text);
    return {};
}

// The repository root: $PLASTICORE_SOURCE_DIR, else the one this test was built from.
inline std::filesystem::path source_dir() {
    if (const char* root = std::getenv("PLASTICORE_SOURCE_DIR")) return root;
    return PLASTICORE_TEST_SOURCE_DIR;
}

// A fresh empty directory for files a test writes.
inline std::filesystem::path temp_dir() {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path() /
               ("plasticore_exp_test_" + std::to_string(::getpid()) + "_" +
                std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

}  // namespace plasticore::test

namespace plasticore::test {

// The preamble followed by `lines`: lines[k] is on line 4 + k of the file.
inline std::string doc(std::initializer_list<std::string> lines) {
    std::string text = preamble;
    for (const auto& l: lines) text += l + "\n";
    return text;
}

// Loading `text` must fail at `line` of exp.toml, naming `key`, showing `got` (if not empty)
// and saying something containing `what` (if not empty).
inline void expect_error(const std::string& text, int line, const std::string& key,
                         const std::string& got, const std::string& what = "") {
    std::string message = error_of(text);
    INFO("message: " << message);
    CHECK(message.rfind("exp.toml:" + std::to_string(line) + ":", 0) == 0);
    CHECK(message.find(": " + key + ": ") != std::string::npos);
    if (!got.empty()) CHECK(message.find("(got " + got + ")") != std::string::npos);
    if (!what.empty()) CHECK(message.find(what) != std::string::npos);
}

}  // namespace plasticore::test
