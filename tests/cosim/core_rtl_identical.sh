#!/usr/bin/env bash
# core-rtl must give the same result files as core (docs/rtl.md, "Co-simulation").
# usage: core_rtl_identical.sh PLASTICORE EXPERIMENT WORKDIR [PRESET] [-- extra run args]
# PRESET (optional, "-" for none): run a copy of the experiment with [hardware] preset = PRESET.
set -euo pipefail
plasticore=$1 experiment=$2 work=$3 preset=${4:--}
shift 3; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
rm -rf "$work" && mkdir -p "$work"
if [ "$preset" != "-" ]; then
  cp "$experiment" "$work/experiment.toml"
  printf '\n[hardware]\npreset = "%s"\n' "$preset" >> "$work/experiment.toml"
  experiment=$work/experiment.toml
fi
for model in core core-rtl; do
  "$plasticore" run "$experiment" --model "$model" --out "$work/$model" -q "$@"
done
status=0
for f in spikes.csv weights.csv; do
  if [ -e "$work/core/$f" ] || [ -e "$work/core-rtl/$f" ]; then
    if cmp "$work/core/$f" "$work/core-rtl/$f"; then echo "identical: $f ($(wc -c < "$work/core/$f") bytes)"
    else status=1; fi
  fi
done
exit $status
