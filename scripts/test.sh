#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest except the fuzz test;
# then builds the unit tests, the fuzz test and the command line with AddressSanitizer +
# UndefinedBehaviorSanitizer (only those: target plasticore_sanitizer_tests) and runs them
# under the sanitizers.
# Usage: scripts/test.sh [--no-sanitizers]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs" -LE fuzz)

# The sanitizer build leaves out the Python module: an ASan-built extension cannot be loaded
# into Debian's (uninstrumented) /usr/bin/python3.
if [ "${1:-}" != "--no-sanitizers" ]; then
  echo "== unit and fuzz tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  # -O1 -g1 (AddressSanitizer's recommended level, line tables only): stack traces keep function
  # names and lines, and the build takes about a third less compiler time than -O2 -g
  # (core_model.cpp: 334 s against 468 s of CPU).
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
        -DPLASTICORE_SANITIZE=ON \
        -DPLASTICORE_BUILD_BENCH=OFF -DPLASTICORE_BUILD_PYTHON=OFF > /dev/null
  cmake --build build-sanitize -j "$jobs" --target plasticore_sanitizer_tests
  # use_stacks=0: LeakSanitizer's scan of thread stacks at exit sometimes faults on a guard page
  # of SystemC's coroutine stacks (about 1 core run in 12); see tests/fuzz/fuzz_experiments.cpp.
  (cd build-sanitize && LSAN_OPTIONS=use_stacks=0 ctest --output-on-failure -j "$jobs" -L 'unit|fuzz')
fi
