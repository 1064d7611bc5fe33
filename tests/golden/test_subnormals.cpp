// golden (double) flushes subnormal results to zero while it runs (math/flush_subnormals.hpp):
// a current left without input decays to exact zero instead of spending ~180 ms (36 time
// constants) in the subnormal range, and the caller's floating-point mode is restored after.

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "golden_test_util.hpp"

namespace plasticore::test {
namespace {

// One input spike of 1 nA at 1 ms; i_e then decays with tau_syn_e = 5 ms: below the smallest
// normal double (2.2e-308) from ~3.54 s, below the smallest subnormal from ~3.72 s.
std::string lone_input(double duration_ms) {
    return one_neuron(duration_ms, "v_init_mv = -65.0\n") +
           "[[source]]\nname = \"in\"\nkind = \"explicit\"\ntimes_ms = [[1.0]]\n"
           "[[projection]]\nname = \"p\"\npre = \"in\"\npost = \"post\"\nreceptor = \"excitatory\"\n"
           "weight_na = 1.0\ndelay_ms = 1.0\n"
           "[record]\nspikes = [\"post\"]\n[[record.state]]\npopulation = \"post\"\ninterval_ms = 1.0\n";
}

TEST_CASE("golden's decayed currents become exact zeros, never subnormal", "[golden]") {
    const auto r = run_toml(lone_input(4000.0));
    REQUIRE(r.state.size() == 4000);
    std::size_t zeros = 0;
    bool decayed = true;  // i_e > 0 until it is 0, and never subnormal on the way
    for (const auto& s: r.state) {
        CHECK(std::fpclassify(s.i_e) != FP_SUBNORMAL);
        if (s.i_e == 0.0) ++zeros;
        else if (s.step > 30) decayed = decayed && s.i_e >= std::numeric_limits<double>::min();
    }
    CHECK(decayed);
    // Zero from the first sample below the smallest normal (~3.54 s), not from ~3.72 s.
    CHECK(zeros >= 440);
    CHECK(zeros <= 470);
}

TEST_CASE("golden restores the caller's floating-point mode", "[golden]") {
    run_toml(lone_input(10.0));
    volatile double smallest_normal = std::numeric_limits<double>::min();
    const double half = smallest_normal / 2.0;  // subnormal unless flush-to-zero were left on
    CHECK(std::fpclassify(half) == FP_SUBNORMAL);
}

TEST_CASE("golden's 50-digit type keeps its tiny currents (software arithmetic, no flush)", "[golden]") {
    const auto r = run_toml<golden::high_precision>(lone_input(3700.0));
    REQUIRE(r.state.size() == 3700);
    // At 3.6 s the current is ~1e-313 nA: the 50-digit value converts to a subnormal double.
    CHECK(std::fpclassify(r.state[3600].i_e) == FP_SUBNORMAL);
}

}  // namespace
}  // namespace plasticore::test
