#!/usr/bin/env bash
# The golden-against-fixed statistics study of docs/microcircuit.md ("Spike statistics"):
# `plasticore compare` of golden and fixed on examples/microcircuit_10pct.toml for each hardware
# preset, then the figures from the comparisons' distributions.csv and spikes.csv.
#
# Usage: tools/microcircuit/statistics_study.sh PLASTICORE OUT [DURATION_MS] [ANALYSIS_START_MS]
#   PLASTICORE  the plasticore binary (e.g. build/plasticore)
#   OUT         work directory: OUT/<preset>.toml and the comparison OUT/<preset>/, and
#               OUT/golden-seed{56,57,58}/, golden against golden with other seeds (the
#               seed-to-seed baseline)
#   DURATION_MS simulated time (default 10000); ANALYSIS_START_MS window start (default 1000)
# Figures go to docs/figures/microcircuit/ (tools/microcircuit/plot_statistics.py); the table of
# docs/microcircuit.md is printed.
set -euo pipefail
bin=$1
out=$2
duration=${3:-10000}
start=${4:-1000}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
mkdir -p "$out"
for preset in reference spinnaker spinnaker-sr; do
    # The example has no [hardware] table: the preset is the only hardware setting.
    { cat "$src/examples/microcircuit_10pct.toml"; printf '\n[hardware]\npreset = "%s"\n' "$preset"; } \
        > "$out/$preset.toml"
    "$bin" compare "$out/$preset.toml" --reference golden --candidate fixed --duration "$duration" \
        --analysis-start "$start" --correlation-bin 2 --correlation-sample 200 -q --out "$out/$preset"
done
# The example's seed is 55; another seed is another network instance, initial state and sample.
for seed in 56 57 58; do
    "$bin" compare "$out/reference.toml" --reference golden --candidate golden --seed "$seed" --duration "$duration" \
        --analysis-start "$start" --correlation-bin 2 --correlation-sample 200 -q --out "$out/golden-seed$seed"
done
/usr/bin/python3 "$here/plot_statistics.py" --out "$src/docs/figures/microcircuit" \
    --baseline "$out/golden-seed56" --baseline "$out/golden-seed57" --baseline "$out/golden-seed58" \
    "reference=$out/reference" "spinnaker=$out/spinnaker" "spinnaker-sr=$out/spinnaker-sr"
