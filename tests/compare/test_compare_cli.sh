#!/usr/bin/env bash
# Usage: test_compare_cli.sh PLASTICORE_BINARY SOURCE_DIR
# `plasticore compare` as a user meets it: golden against golden writes both result sets and a
# compare.json with no differences; bad model names fail before anything is written.
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

out=$("$bin" compare "$src/examples/song2000.toml" --reference golden --candidate golden \
      --duration 2000 --van-rossum-tau 5 --out "$work/cmp" 2>&1)
check "compare exits 0" test $? -eq 0
echo "$out"
check "compare prints the table" grep -q "first divergence: none" <<<"$out"
check "compare says where its output went" grep -q "results written to $work/cmp" <<<"$out"
check "compare writes compare.json" test -s "$work/cmp/compare.json"
for sub in reference candidate; do
    for f in spikes.csv weights.csv state.csv summary.json; do
        check "compare writes $sub/$f" test -s "$work/cmp/$sub/$f"
    done
done
check "identical runs give identical spike files" cmp -s "$work/cmp/reference/spikes.csv" "$work/cmp/candidate/spikes.csv"
check "no staging directory left" test -z "$(find "$work/cmp" -name .partial)"
check "compare.json has no divergence" grep -q '"first_divergence": null' "$work/cmp/compare.json"
check "compare.json records tau" grep -q '"van_rossum_tau_ms": 5' "$work/cmp/compare.json"
check "compare.json has the weight W1" grep -q '"wasserstein1_na": 0' "$work/cmp/compare.json"

"$bin" compare "$src/examples/song2000.toml" --candidate no-such-layer --out "$work/bad" > "$work/bad.txt" 2>&1
check "unknown candidate exits non-zero" test $? -ne 0
check "unknown candidate is named with the known layers" grep -q "unknown model 'no-such-layer' (known: golden" "$work/bad.txt"
check "unknown candidate writes nothing" test ! -e "$work/bad"

"$bin" compare "$src/examples/song2000.toml" --out "$work/q" --reference golden --candidate golden --duration 500 -q > "$work/q.txt" 2>&1
check "-q prints nothing" test ! -s "$work/q.txt"
check "-q still writes compare.json" test -s "$work/q/compare.json"

if [ $fails -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
