#!/usr/bin/env bash
# The lockstep checker can fail: plasticore cosim with the RTL generator state deliberately
# altered (--rtl-seed-xor) on a stochastic-rounding experiment must exit non-zero and report
# the first mismatch (docs/rtl.md, "Co-simulation").
# usage: expect_cosim_mismatch.sh PLASTICORE EXPERIMENT WORKDIR PRESET DURATION_MS
set -uo pipefail
plasticore=$1 experiment=$2 work=$3 preset=$4 duration=$5
rm -rf "$work" && mkdir -p "$work"
cp "$experiment" "$work/experiment.toml"
printf '\n[hardware]\npreset = "%s"\n' "$preset" >> "$work/experiment.toml"
out=$("$plasticore" cosim "$work/experiment.toml" --duration "$duration" --rtl-seed-xor 1 -q 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then echo "FAIL: cosim exited 0 with an altered RTL generator: the checker cannot fail"; exit 1; fi
if ! grep -q '^MISMATCH at transaction [0-9]*: tick [0-9]' <<<"$out" || ! grep -Eq '^  differ: (weight|flags|generator) ' <<<"$out"; then
  echo "FAIL: exit $rc without a first-mismatch report"; exit 1
fi
echo "expected failure seen (exit $rc)"
