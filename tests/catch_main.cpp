// Entry point for test binaries that do not link SystemC.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
