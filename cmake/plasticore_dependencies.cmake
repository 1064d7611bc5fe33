# Every dependency is a Debian package; scripts/setup.sh installs them.
# docs/dependencies.md says why each one was chosen.
find_package(PkgConfig REQUIRED)

# SystemC: Debian ships only systemc.pc; an upstream build ships a CMake config.
find_package(SystemCLanguage CONFIG QUIET)
if(SystemCLanguage_FOUND)
  add_library(plasticore_systemc INTERFACE)
  target_link_libraries(plasticore_systemc INTERFACE SystemC::systemc)
else()
  pkg_check_modules(SystemC REQUIRED IMPORTED_TARGET systemc)
  add_library(plasticore_systemc INTERFACE)
  target_link_libraries(plasticore_systemc INTERFACE PkgConfig::SystemC)
endif()

find_package(Boost 1.74 REQUIRED)               # Boost.Multiprecision (header-only)
find_package(tomlplusplus 3 REQUIRED)           # experiment files
find_package(nlohmann_json 3.10 REQUIRED)       # JSON outputs
find_package(CLI11 2 REQUIRED)                  # command line
find_package(fmt 9 REQUIRED)                    # formatting
find_package(Threads REQUIRED)
if(PLASTICORE_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
if(PLASTICORE_BUILD_BENCH)
  find_package(benchmark QUIET)
endif()
