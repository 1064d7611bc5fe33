#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job: the golden model on
# examples/song2000.toml, results in out/song2000/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)"
build/plasticore run examples/song2000.toml --model golden --out out/song2000
