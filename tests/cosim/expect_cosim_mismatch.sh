#!/usr/bin/env bash
# The lockstep checker can fail: plasticore cosim with the RTL generator state deliberately
# altered (--rtl-seed-xor) on a stochastic-rounding experiment must exit non-zero and report
# the first mismatch (docs/rtl.md, "Co-simulation").
# With the learning engine (RTL_UNIT engine, the default) the report must also name the rule and
# the term (the first term whose C++ and RTL values differ, or why none does).
# FAULT altered-term runs the engine verilated with a deliberately altered term instead
# (--rtl-engine-altered): the report must then name a weight and term 0 with both values.
# usage: expect_cosim_mismatch.sh PLASTICORE EXPERIMENT WORKDIR PRESET DURATION_MS [RTL_UNIT] [FAULT]
set -uo pipefail
plasticore=$1 experiment=$2 work=$3 preset=$4 duration=$5 unit=${6:-engine} fault=${7:-seed-xor}
fault_args=(--rtl-seed-xor 1)
[ "$fault" = altered-term ] && fault_args=(--rtl-engine-altered)
rm -rf "$work" && mkdir -p "$work"
cp "$experiment" "$work/experiment.toml"
printf '\n[hardware]\npreset = "%s"\n' "$preset" >> "$work/experiment.toml"
out=$("$plasticore" cosim "$work/experiment.toml" --duration "$duration" "${fault_args[@]}" --rtl-unit "$unit" -q 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then echo "FAIL: cosim exited 0 with an altered RTL generator: the checker cannot fail"; exit 1; fi
if ! grep -q '^MISMATCH at transaction [0-9]*: tick [0-9]' <<<"$out" || ! grep -Eq '^  differ: (weight|flags|generator) ' <<<"$out"; then
  echo "FAIL: exit $rc without a first-mismatch report"; exit 1
fi
if ! grep -Eq '^  rule: stdp_pair \((additive|multiplicative), (all_to_all|nearest)\) on the RTL ' <<<"$out"; then
  echo "FAIL: the report does not name the rule"; exit 1
fi
if [ "$unit" = engine ] && ! grep -Eq '^  term: ([0-9]+ \(C\+\+ -?[0-9]+, RTL -?[0-9]+\)|none \()' <<<"$out"; then
  echo "FAIL: the engine's report does not name the term"; exit 1
fi
if [ "$fault" = altered-term ] && { ! grep -Eq '^  differ: weight ' <<<"$out" ||
                                   ! grep -Eq '^  term: 0 \(C\+\+ -?[0-9]+, RTL -?[0-9]+\)' <<<"$out"; }; then
  echo "FAIL: the altered term is not reported as a weight mismatch in term 0"; exit 1
fi
echo "expected failure seen (exit $rc)"
