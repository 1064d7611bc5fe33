#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest; then rebuilds with
# AddressSanitizer + UndefinedBehaviorSanitizer and runs the unit tests under them.
# Usage: scripts/test.sh [--no-sanitizers]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")

# The sanitizer build leaves out the Python module: an ASan-built extension cannot be loaded
# into Debian's (uninstrumented) /usr/bin/python3.
if [ "${1:-}" != "--no-sanitizers" ]; then
  echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLASTICORE_SANITIZE=ON \
        -DPLASTICORE_BUILD_BENCH=OFF -DPLASTICORE_BUILD_PYTHON=OFF > /dev/null
  cmake --build build-sanitize -j "$jobs"
  (cd build-sanitize && ctest --output-on-failure -j "$jobs" -L unit)
fi
