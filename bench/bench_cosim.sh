#!/usr/bin/env bash
# RTL in the loop against the pure SystemC core, timed in one run (docs/rtl.md, "Co-simulation"):
# song2000 (default 10 s of model time) with --model core, --model core-rtl and plasticore cosim
# (lockstep). Prints each model's own wall time (summary.json wall_clock_seconds: the run
# without stimulus and network generation), the whole command's time, and the ratios.
# usage: bench/bench_cosim.sh [BUILD_DIR] [DURATION_MS] [EXPERIMENT]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
duration=${2:-10000}
experiment=${3:-$here/examples/song2000.toml}
plasticore=$build/plasticore
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

now() { date +%s.%N; }
model_seconds() { sed -n 's/.*"wall_clock_seconds": *\([0-9.e+-]*\).*/\1/p' "$1/summary.json"; }

declare -A model total
for m in core core-rtl; do
  t0=$(now)
  "$plasticore" run "$experiment" --model "$m" --duration "$duration" --out "$work/$m" -q
  t1=$(now)
  total[$m]=$(echo "$t1 - $t0" | bc -l)
  model[$m]=$(model_seconds "$work/$m")
done
t0=$(now)
lockstep=$("$plasticore" cosim "$experiment" --duration "$duration" -q | tail -n 1)
t1=$(now)
total[cosim]=$(echo "$t1 - $t0" | bc -l)

same=yes
for f in spikes.csv weights.csv; do cmp -s "$work/core/$f" "$work/core-rtl/$f" || same=no; done
printf '%s, %s ms of model time\n' "$(basename "$experiment")" "$duration"
printf '  %-22s model %7.3f s   command %7.3f s\n' "core (C++ unit)" "${model[core]}" "${total[core]}"
printf '  %-22s model %7.3f s   command %7.3f s   ratio %5.2fx (model), %5.2fx (command)\n' "core-rtl (RTL unit)" \
  "${model[core-rtl]}" "${total[core-rtl]}" "$(echo "${model[core-rtl]} / ${model[core]}" | bc -l)" \
  "$(echo "${total[core-rtl]} / ${total[core]}" | bc -l)"
printf '  %-22s                   command %7.3f s   ratio %5.2fx (command)\n' "cosim (lockstep)" "${total[cosim]}" \
  "$(echo "${total[cosim]} / ${total[core]}" | bc -l)"
printf '  lockstep: %s\n' "$lockstep"
printf '  core-rtl spikes.csv and weights.csv identical to core: %s\n' "$same"
