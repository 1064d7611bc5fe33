#!/usr/bin/env bash
# core-rtl refuses, before it runs, an example whose plastic rule the RTL does not run yet,
# naming the projection's rule and, for the learning engine, the missing factor (docs/rtl.md,
# "Co-simulation").
# usage: expect_core_rtl_refused.sh PLASTICORE EXPERIMENT WORKDIR RULE RTL_UNIT
set -uo pipefail
plasticore=$1 experiment=$2 work=$3 rule=$4 unit=$5
rm -rf "$work" && mkdir -p "$work"
out=$("$plasticore" run "$experiment" --model core-rtl --rtl-unit "$unit" --out "$work/run" --duration 1 -q 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then echo "FAIL: core-rtl --rtl-unit $unit ran $experiment (rule $rule)"; exit 1; fi
if ! grep -q "plasticity rule '$rule'" <<<"$out"; then echo "FAIL: exit $rc without naming the rule '$rule'"; exit 1; fi
# The engine names what it lacks (learning_engine/compile.hpp).
if [ "$unit" = engine ] && ! grep -q "missing factor" <<<"$out"; then echo "FAIL: the refusal names no missing factor"; exit 1; fi
if [ -e "$work/run/spikes.csv" ]; then echo "FAIL: a refused run wrote spikes.csv"; exit 1; fi
echo "refused, naming $rule (exit $rc)"
