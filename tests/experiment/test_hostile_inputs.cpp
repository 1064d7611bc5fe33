// Regression tests of issue #11 ("Hardening") for the loader: every input that crashed it,
// slipped through it or got a poor message, each with the message it must give now.

#include <chrono>
#include <string>

#include "experiment_test_util.hpp"
#include <experiment/toml_reader.hpp>

using namespace plasticore;
using namespace plasticore::test;

namespace {
std::string dotted(const std::string& part, int parts) {
    std::string s = part;
    for (int k = 1; k < parts; ++k) s += "." + part;
    return s;
}
}  // namespace

TEST_CASE("hostile: deep headers, dotted keys and arrays are refused before parsing", "[experiment]") {
    // [t.t. ... .t] with 14,000 parts overflowed the stack of the message rendering, and with
    // 100,000 parts that of toml++ itself.
    for (int parts: {14000, 100000}) {
        const std::string header = doc({"[" + dotted("t", parts) + "]"});
        const std::string message = error_of(header);
        INFO(message.substr(0, 200));
        CHECK(message.rfind("exp.toml:4:", 0) == 0);
        CHECK(message.find("too many parts (the limit is 32)") != std::string::npos);
        CHECK(error_of(doc({dotted("k", parts) + " = 1"})).find("too many parts") != std::string::npos);
    }
    const std::string arrays = doc({"x = " + std::string(100000, '[') + std::string(100000, ']')});
    CHECK(error_of(arrays).find("exp.toml:4:") == 0);
    CHECK(error_of(arrays).find("nested too deeply") != std::string::npos);
    // Brackets and dots inside strings and comments do not count.
    CHECK_NOTHROW(load(doc({"# " + dotted("t", 100), "[[population]]", "name = \"a\"", "size = 1"})));
    CHECK(error_of(doc({"[[population]]", "name = \"" + std::string(500, '[') + "\"", "size = 1"}))
              .find("must be a letter") != std::string::npos);
}

TEST_CASE("hostile: a value deep or long is shown cut, without recursing through it", "[experiment]") {
    // 30 levels of nesting (below the limit) in a place that wants a number.
    const std::string nested = std::string(30, '[') + "1" + std::string(30, ']');
    expect_error(doc({"[[population]]", "name = \"a\"", "size = " + nested}), 6, "population 'a'.size", "", "expected an integer");
    const std::string message = error_of(doc({"[[population]]", "name = \"a\"", "size = " + nested}));
    CHECK(message.size() < 300);
}

TEST_CASE("hostile: the 'did you mean' search ignores keys far longer than any key", "[experiment]") {
    // Quadratic in the key length: a 10 MB key took seconds. Now it is not considered at all.
    const std::string huge(10'000'000, 'x');
    CHECK(detail::nearest_word(huge, {"tau_m_ms", "size"}).empty());
    const std::string message = error_of(doc({"[[population]]", "name = \"a\"", "size = 1", "tau_m_ms" + huge + " = 1.0"}));
    CHECK(message.size() < 1000);  // the key is cut in the message too
    CHECK(message.find("unknown key") != std::string::npos);
}

TEST_CASE("hostile: misspelt required keys and upper-case keys get suggestions", "[experiment]") {
    const std::string plastic = R"([[population]]
name = "post"
size = 1
[[source]]
name = "in"
kind = "poisson"
size = 2
rate_hz = 10.0
[[projection]]
name = "p"
pre = "in"
post = "post"
weight_na = 0.01
[projection.plasticity]
)";
    expect_error(preamble + plastic + "rul = \"stdp_pair\"\n", 18, "projection 'p'.plasticity.rule", "\"stdp_pair\"",
                 "required key is missing; did you mean 'rule' instead of 'rul'?");
    expect_error(preamble + plastic + "RULE = \"stdp_pair\"\n", 18, "projection 'p'.plasticity.rule", "",
                 "did you mean 'rule' instead of 'RULE'?");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "TAU_M_MS = 10.0"}), 7, "population[0].TAU_M_MS",
                 "10.0", "did you mean 'tau_m_ms'?");
}

TEST_CASE("hostile: step counts beyond 32 bits are refused at the key that makes them", "[experiment]") {
    // dt_ms = 1e-300 was blamed on a projection's delay_ms.
    const std::string tiny_dt = "[simulation]\ndt_ms = 1e-300\nduration_ms = 100.0\n";
    const std::string m = error_of(tiny_dt);
    INFO(m);
    CHECK(m.rfind("exp.toml:2:", 0) == 0);
    CHECK(m.find("simulation.dt_ms: duration_ms / dt_ms = 100 / 1e-300") != std::string::npos);
    CHECK(m.find("more than the limit of 4294967295") != std::string::npos);
    CHECK(error_of("[simulation]\ndt_ms = 0.1\nduration_ms = 1e300\n").find("simulation.duration_ms:") != std::string::npos);
    CHECK_NOTHROW(load("[simulation]\ndt_ms = 0.1\nduration_ms = 429496729.5\n"));
}

TEST_CASE("hostile: a refractory period of too many steps names its key", "[experiment]") {
    // t_ref_ms = 1e9 said "refractory_steps: too many steps" with no file, line or key.
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "t_ref_ms = 1e9"}), 7, "population 'a'.t_ref_ms",
                 "1000000000.0", "t_ref_ms / dt_ms is more than 2147483647 steps");
}

TEST_CASE("hostile: formats beyond the width limits say so", "[experiment]") {
    // s64.0, s32.32, u0.64, u0.0 said "not a number format".
    expect_error(doc({"[hardware]", "v_format = \"s64.0\""}), 5, "hardware.v_format", "\"s64.0\"",
                 "width 65 of s64.0 exceeds 64 bits");
    expect_error(doc({"[hardware]", "v_format = \"s32.32\""}), 5, "hardware.v_format", "", "width 65");
    expect_error(doc({"[hardware]", "propagator_format = \"u0.64\""}), 5, "hardware.propagator_format", "",
                 "exceeds 63 bits");
    expect_error(doc({"[hardware]", "propagator_format = \"u0.0\""}), 5, "hardware.propagator_format", "", "no bits");
    expect_error(doc({"[hardware]", "gain_format = \"x1.2\""}), 5, "hardware.gain_format", "",
                 "does not start with 's' or 'u'");
}

TEST_CASE("hostile: delays round halves up with the same tolerance as every time", "[experiment]") {
    // round(0.35 / 0.1) was 3 (0.35 / 0.1 = 3.4999999999999996), while 0.15 gave 2 and 0.45 gave 5.
    CHECK(delay_steps(0.15, 0.1) == 2);
    CHECK(delay_steps(0.25, 0.1) == 3);
    CHECK(delay_steps(0.35, 0.1) == 4);
    CHECK(delay_steps(0.45, 0.1) == 5);
    CHECK(delay_steps(0.149, 0.1) == 1);
    CHECK(delay_steps(1.0, 0.1) == 10);
    CHECK(nearest_steps(0.05, 0.1) == 1);
    CHECK(nearest_steps(0.0499, 0.1) == 0);
    CHECK_THROWS_AS(delay_steps(0.04, 0.1), std::domain_error);
    CHECK_THROWS_AS(delay_steps(1e8 * 1e3, 0.1), std::domain_error);
}

TEST_CASE("hostile: huge times saturate instead of overflowing", "[experiment]") {
    CHECK(time_to_step(1e300, 0.1) == saturated_steps);
    CHECK(time_to_step(-1e300, 0.1) == -saturated_steps);
    CHECK(interval_steps(1e18, 0.1) == saturated_steps);
    CHECK(interval_steps(1e300, 0.1) == saturated_steps);
    CHECK(interval_steps(0.0, 0.1) == 1);
    CHECK(interval_steps(0.25, 0.1) == 3);
}

TEST_CASE("hostile: CSV inputs must be regular files with bounded lines", "[experiment]") {
    const std::string source = R"([[source]]
name = "s"
kind = "explicit"
size = 1
file = "FILE"
)";
    auto with_file = [&](const std::string& f) {
        std::string text = source;
        text.replace(text.find("FILE"), 4, f);
        return preamble + text;
    };
    // /dev/zero was read for 18 s and then called an empty file at line 0.
    const auto start = std::chrono::steady_clock::now();
    expect_error(with_file("/dev/zero"), 8, "source 's'.file", "\"/dev/zero\"", "is not a regular file");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    const auto dir = temp_dir();
    expect_error(with_file(dir.string()), 8, "source 's'.file", "", "is not a regular file");
    write_file(dir / "long.csv", "channel,time_ms\n0," + std::string(70000, '1') + "\n");
    const std::string m = error_of(with_file("long.csv"), dir.string());
    INFO(m);
    CHECK(m.find("long.csv:2:1: source 's'.file: line longer than the limit of 65536 characters") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("hostile: an experiment file that is not a regular file is refused at once", "[experiment]") {
    CHECK_THROWS_WITH(load_experiment("/dev/zero"), Catch::Contains("/dev/zero: experiment file is not a regular file"));
    CHECK_THROWS_WITH(load_experiment("/nonexistent/x.toml"), Catch::Contains("cannot open experiment file"));
}

TEST_CASE("hostile: validate's text has no doubled units", "[experiment]") {
    // "to the end ms" and "1500.075 ms ms" for stimulations.
    const experiment e = load(doc({"[[population]]", "name = \"a\"", "size = 2", "[[stimulation]]", "name = \"s\"",
                                   "population = \"a\"", "amplitude_na = 0.1", "start_ms = 1.5", "[[stimulation]]",
                                   "name = \"t\"", "population = \"a\"", "neurons = []", "amplitude_na = 0.1",
                                   "start_ms = 2.0", "stop_ms = 50.075"}));
    const std::string text = describe(e);
    INFO(text);
    CHECK(text.find("from 1.5 ms to the end\n") != std::string::npos);
    CHECK(text.find("from 2 ms to 50.075 ms\n") != std::string::npos);
    CHECK(text.find("ms ms") == std::string::npos);
    CHECK(text.find("the end ms") == std::string::npos);
}
