#!/usr/bin/env bash
# Usage: test_cli.sh PLASTICORE_BINARY SOURCE_DIR
# Checks what a user sees: results and their location on success; on bad input a message
# naming file, line and key, a non-zero exit status, and no result files.
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

out=$("$bin" run "$src/examples/stdp_window.toml" --out "$work/win" 2>&1)
check "run exits 0" test $? -eq 0
check "run says where its output went" grep -q "results written to $work/win" <<<"$out"
for f in spikes.csv weights.csv state.csv summary.json stdp_window.csv; do
    check "run writes $f" test -s "$work/win/$f"
done
check "no staging directory left" test ! -e "$work/win/.partial"
check "--help lists the subcommands" bash -c "'$bin' --help | grep -q validate"

"$bin" validate "$src/examples/song2000.toml" > "$work/validate.txt" 2>&1
check "validate exits 0 on a good file" test $? -eq 0
check "validate summarises the projections" grep -q "inputs_to_post" "$work/validate.txt"

sed 's/^delay_ms = 1.0$/delay_ms = 0.01/' "$src/examples/song2000.toml" > "$work/bad.toml"
"$bin" run "$work/bad.toml" --out "$work/bad_out" > "$work/bad.txt" 2>&1
status=$?
check "bad delay exits non-zero" test $status -ne 0
line=$(grep -n '^delay_ms = 0.01' "$work/bad.toml" | cut -d: -f1)
check "bad delay message names file:line and key" grep -q "bad.toml:$line:.*delay_ms" "$work/bad.txt"
check "bad input writes no summary.json" test ! -e "$work/bad_out/summary.json"

"$bin" run "$work/missing.toml" --out "$work/x" > "$work/missing.txt" 2>&1
check "missing file exits non-zero" test $? -ne 0
check "missing file is named" grep -q "missing.toml" "$work/missing.txt"

"$bin" run "$src/examples/stdp_window.toml" --out "$work/p" --precision quad > "$work/prec.txt" 2>&1
check "unknown precision is refused" test $? -ne 0

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed"
exit $((fails > 0))
