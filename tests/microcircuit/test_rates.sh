#!/usr/bin/env bash
# Usage: test_rates.sh PLASTICORE_BINARY SOURCE_DIR [EXAMPLE [MODEL]]
# Runs examples/EXAMPLE.toml (default microcircuit_10pct, the DC background) on MODEL (default
# golden) for 500 ms and checks the population rates from 100 ms on (after the start from
# random potentials) against docs/microcircuit.md's ranges.
set -eu
bin=$1
src=$2
example=${3:-microcircuit_10pct}
model=${4:-golden}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mc=$src/examples/$example.toml
"$bin" run "$mc" --model "$model" --duration 500 --out "$work/out" > "$work/run.txt"
/usr/bin/python3 "$src/tests/microcircuit/check_rates.py" "$work/out/spikes.csv" "$mc" 100 500
