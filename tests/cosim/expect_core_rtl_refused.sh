#!/usr/bin/env bash
# core-rtl refuses, before it runs, an experiment the RTL unit cannot run, saying why: the pair
# unit names the projection's rule, the learning engine the missing factor (docs/rtl.md,
# "Co-simulation"). Nothing may be written.
# usage: expect_core_rtl_refused.sh PLASTICORE EXPERIMENT WORKDIR RTL_UNIT EXPECTED [HARDWARE]
# EXPECTED: text the error must contain. HARDWARE (optional): a [hardware] key line appended to
# a copy of the experiment, e.g. 'trace_decay = "multiply"'.
set -uo pipefail
plasticore=$1 experiment=$2 work=$3 unit=$4 expected=$5 hardware=${6:-}
rm -rf "$work" && mkdir -p "$work"
if [ -n "$hardware" ]; then
  cp "$experiment" "$work/experiment.toml"
  printf '\n[hardware]\n%s\n' "$hardware" >> "$work/experiment.toml"
  experiment=$work/experiment.toml
fi
out=$("$plasticore" run "$experiment" --model core-rtl --rtl-unit "$unit" --out "$work/run" --duration 1 -q 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then echo "FAIL: core-rtl --rtl-unit $unit ran $experiment"; exit 1; fi
if ! grep -qF -- "$expected" <<<"$out"; then echo "FAIL: exit $rc without saying '$expected'"; exit 1; fi
if [ -e "$work/run/spikes.csv" ]; then echo "FAIL: a refused run wrote spikes.csv"; exit 1; fi
echo "refused, saying '$expected' (exit $rc)"
