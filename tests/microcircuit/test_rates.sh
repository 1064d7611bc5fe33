#!/usr/bin/env bash
# Usage: test_rates.sh PLASTICORE_BINARY SOURCE_DIR
# Runs examples/microcircuit_10pct.toml on golden for 500 ms and checks the population rates
# from 100 ms on (after the start from random potentials) against docs/microcircuit.md's ranges.
set -eu
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mc=$src/examples/microcircuit_10pct.toml
"$bin" run "$mc" --model golden --duration 500 --out "$work/out" > "$work/run.txt"
/usr/bin/python3 "$src/tests/microcircuit/check_rates.py" "$work/out/spikes.csv" "$mc" 100 500
