// Entry point for test binaries that link SystemC: libsystemc.so defines main() and calls
// sc_main(), so Catch2 must run from sc_main instead of defining its own main().
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <systemc>

int sc_main(int argc, char* argv[]) { return Catch::Session().run(argc, argv); }
