// SystemC wraps an exception thrown inside a process into "E549 uncaught exception" and throws
// that out of sc_start(); run_translating_systemc_errors gives the core's callers ours back
// (issue #11: --model core with dt_ms = 1e-5 ended in E549). One elaboration per test process.

#include <catch2/catch.hpp>

#include <systemc>

#include <new>
#include <stdexcept>

#include "core/systemc_errors.hpp"

namespace {
SC_MODULE(thrower) {
    bool out_of_memory = true;
    SC_CTOR(thrower) { SC_THREAD(run); }
    void run() {
        wait(1, sc_core::SC_NS);
        if (out_of_memory) throw std::bad_alloc();
        throw std::logic_error("a defect inside a process");
    }
};
}  // namespace

TEST_CASE("systemc errors: bad_alloc in a process stays bad_alloc", "[core]") {
    thrower t("thrower");
    CHECK_THROWS_AS(plasticore::core::run_translating_systemc_errors([] { sc_core::sc_start(); }), std::bad_alloc);
}

TEST_CASE("systemc errors: another exception in a process becomes a runtime_error with its text", "[core]") {
    thrower t("thrower");
    t.out_of_memory = false;
    CHECK_THROWS_WITH(plasticore::core::run_translating_systemc_errors([] { sc_core::sc_start(); }),
                      Catch::StartsWith("SystemC stopped the core: ") && Catch::Contains("a defect inside a process"));
}
