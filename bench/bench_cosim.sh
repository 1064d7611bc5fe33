#!/usr/bin/env bash
# RTL in the loop against the pure SystemC core, timed in one run (docs/rtl.md, "Co-simulation"):
# song2000 (default 10 s of model time) with --model core, --model core-rtl through the learning
# engine (--rtl-unit engine) and through the dedicated pair unit (--rtl-unit pair), and
# plasticore cosim (lockstep, the engine). Prints each model's own wall time (summary.json
# wall_clock_seconds: the run without stimulus and network generation), the whole command's
# time, the ratios to core and PASS/MISS against issue #15's target (core-rtl within 3x of core).
# usage: bench/bench_cosim.sh [BUILD_DIR] [DURATION_MS] [EXPERIMENT]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
duration=${2:-10000}
experiment=${3:-$here/examples/song2000.toml}
plasticore=$build/plasticore
target=3  # issue #15: core-rtl at most 3x core on song2000 10 s
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

now() { date +%s.%N; }
model_seconds() { sed -n 's/.*"wall_clock_seconds": *\([0-9.e+-]*\).*/\1/p' "$1/summary.json"; }

declare -A model total
run() {  # NAME, then the run's own arguments
  local name=$1; shift
  local t0 t1
  t0=$(now)
  "$plasticore" run "$experiment" --duration "$duration" --out "$work/$name" -q "$@"
  t1=$(now)
  total[$name]=$(echo "$t1 - $t0" | bc -l)
  model[$name]=$(model_seconds "$work/$name")
}
run core --model core
run engine --model core-rtl --rtl-unit engine
run pair --model core-rtl --rtl-unit pair
t0=$(now)
lockstep=$("$plasticore" cosim "$experiment" --duration "$duration" -q | tail -n 1)
t1=$(now)
total[cosim]=$(echo "$t1 - $t0" | bc -l)

identical() {
  local f
  for f in spikes.csv weights.csv; do cmp -s "$work/core/$f" "$work/$1/$f" || { echo no; return; }; done
  echo yes
}
verdict() { if [ "$(echo "$1 <= $target" | bc -l)" = 1 ]; then echo PASS; else echo MISS; fi; }
printf '%s, %s ms of model time; load: %s\n' "$(basename "$experiment")" "$duration" "$(uptime | sed 's/.*load average: //')"
printf '  %-30s model %7.3f s   command %7.3f s\n' "core (C++ unit)" "${model[core]}" "${total[core]}"
for u in engine pair; do
  r=$(echo "${model[$u]} / ${model[core]}" | bc -l)
  printf '  %-30s model %7.3f s   command %7.3f s   ratio %6.2fx (model), %6.2fx (command)   %s (target %sx)   identical to core: %s\n' \
    "core-rtl --rtl-unit $u" "${model[$u]}" "${total[$u]}" "$r" "$(echo "${total[$u]} / ${total[core]}" | bc -l)" \
    "$(verdict "$r")" "$target" "$(identical "$u")"
done
printf '  %-30s                   command %7.3f s   ratio %6.2fx (command)\n' "cosim (lockstep, engine)" \
  "${total[cosim]}" "$(echo "${total[cosim]} / ${total[core]}" | bc -l)"
printf '  lockstep: %s\n' "$lockstep"
