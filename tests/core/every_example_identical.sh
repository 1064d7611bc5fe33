#!/usr/bin/env bash
# Every examples/*.toml, cut to its first DURATION ms, through --model fixed and the timed layers
# (--model core and --model chip): spikes, weights and state byte-identical (docs/semantics.md,
# "one contract"). A new example is checked without editing this script. The full-size
# microcircuits (microcircuit*.toml without "pct": 299 million synapses, ~20 GB, bench only) run
# at --scale 0.01 (772 neurons), which also takes [scale] through every layer; examples the
# chip cannot map onto its default [chip] (one core of 1024 neurons) are run on the core only.
# Usage: every_example_identical.sh PLASTICORE SOURCE_DIR [DURATION_MS]
set -euo pipefail
plasticore=$1
root=$2
duration=${3:-300}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
checked=0
for ex in "$root"/examples/*.toml; do
  name=$(basename "$ex" .toml)
  scale=()
  case "$name" in microcircuit*pct*) ;; microcircuit*) scale=(--scale 0.01) ;; esac
  "$plasticore" run "$ex" "${scale[@]}" --model fixed --duration "$duration" --out "$out/$name/fixed" -q
  models=(core)
  if "$plasticore" run "$ex" "${scale[@]}" --model chip --duration "$duration" --out "$out/$name/chip" -q 2> "$out/$name.chip.err"; then
    models+=(chip)
  elif ! grep -q "does not fit" "$out/$name.chip.err"; then
    echo "FAIL: $name: --model chip failed for another reason than the mapping:" >&2
    cat "$out/$name.chip.err" >&2
    exit 1
  fi
  "$plasticore" run "$ex" "${scale[@]}" --model core --duration "$duration" --out "$out/$name/core" -q
  for m in "${models[@]}"; do
    for f in spikes.csv weights.csv state.csv; do
      if [ -e "$out/$name/fixed/$f" ] || [ -e "$out/$name/$m/$f" ]; then
        if ! cmp -s "$out/$name/fixed/$f" "$out/$name/$m/$f"; then
          echo "FAIL: $name: $f of --model $m differs from --model fixed" >&2
          cmp "$out/$name/fixed/$f" "$out/$name/$m/$f" >&2 || true
          exit 1
        fi
      fi
    done
  done
  echo "$name${scale[*]:+ (${scale[*]})}: fixed == ${models[*]} (${duration} ms)"
  checked=$((checked + 1))
done
# A glob that matched nothing would pass vacuously.
[ "$checked" -ge 10 ] || { echo "FAIL: only $checked examples checked" >&2; exit 1; }
