#!/usr/bin/env bash
# Installs what is missing, builds, makes `import plasticore` work for /usr/bin/python3, and runs
# the main job: the golden model on examples/song2000.toml, results in out/song2000/ and its
# figures in out/song2000/plots/ (the weight histograms show song2000's bimodal weights).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)"
# `import plasticore` for Debian's /usr/bin/python3, from any directory: a .pth file in its
# user site-packages names build/python (docs/python.md; `cmake --install build` installs it instead).
site=$(/usr/bin/python3 -c 'import site; print(site.getusersitepackages() if site.ENABLE_USER_SITE else "")')
if [ -n "$site" ]; then
  mkdir -p "$site" && echo "$PWD/build/python" > "$site/plasticore-build.pth"
else
  echo "quickstart: user site-packages disabled; use PYTHONPATH=$PWD/build/python" >&2
fi
build/plasticore run examples/song2000.toml --model golden --out out/song2000
build/plasticore plot out/song2000
echo "song2000's bimodal weights: out/song2000/plots/weights_inputs_to_post.png"
