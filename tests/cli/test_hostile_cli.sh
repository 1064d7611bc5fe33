#!/usr/bin/env bash
# Usage: test_hostile_cli.sh PLASTICORE_BINARY SOURCE_DIR
# Regression tests of issue #11 ("Hardening") at the command line: each input the issue lists
# gives a clean message and its documented exit status (README.md, "Exit status").
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}
# expect STATUS TEXT DESCRIPTION ARGS...: plasticore ARGS exits STATUS; stderr contains TEXT (if not empty).
expect() {
    local status=$1 text=$2 what=$3
    shift 3
    "$bin" "$@" > "$work/out.txt" 2> "$work/err.txt"
    local got=$?
    if [ "$got" -eq "$status" ] && { [ -z "$text" ] || grep -qF -- "$text" "$work/err.txt"; }; then
        echo "ok   $what"
    else
        echo "FAIL $what: exit $got (expected $status), stderr:"; cat "$work/err.txt"
        fails=$((fails + 1))
    fi
}
short="$work/short.toml"
sed 's/^duration_ms = 100000.0$/duration_ms = 50.0/' "$src/examples/song2000.toml" > "$short"

# Command-line values go through the file's checks.
expect 1 "--seed -1: must be a non-negative integer (got -1)" "--seed -1" run "$short" --out "$work/o" --seed -1
expect 1 "--seed 18446744073709551616: integer out of range" "--seed 2^64" run "$short" --out "$work/o" --seed 18446744073709551616
expect 1 "--seed 1e23: integer out of range" "--seed 1e23" run "$short" --out "$work/o" --seed 1e23
expect 1 "--duration 0.05: must be at least one step" "--duration below dt" run "$short" --out "$work/o" --duration 0.05
expect 1 "--duration nan: expected a number" "--duration nan" run "$short" --out "$work/o" --duration nan
expect 1 "--duration 1e300: duration_ms / dt_ms" "--duration 1e300" run "$short" --out "$work/o" --duration 1e300
expect 1 "--seed -1:" "compare --seed -1" compare "$short" --out "$work/c" --seed -1
check "no result after refused overrides" test ! -e "$work/o/summary.json"

# Usage errors exit 2; --help documents the exit codes.
expect 2 "--vcd-window: expected FROM:TO" "--vcd-window abc:def" run "$short" --out "$work/o" --model core --vcd-window abc:def
expect 2 "not expected: --bogus" "unknown option" run "$short" --out "$work/o" --bogus
expect 2 "" "missing --out" run "$short"
"$bin" run --help > "$work/help.txt"
check "--help exits 0" test $? -eq 0
check "--help documents exit codes" grep -q "2 usage" "$work/help.txt"

# A second run into a directory in use is refused (the first is simulated by flock(1)).
mkdir -p "$work/busy"
flock "$work/busy/.plasticore.lock" sleep 5 &
holder=$!
sleep 0.3
expect 4 "is in use by another plasticore run" "second writer refused" run "$short" --out "$work/busy" -q
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# A rerun leaves none of the earlier experiment's files.
"$bin" run "$src/examples/stdp_window.toml" --duration 300 --write-inputs --out "$work/reuse" -q
"$bin" run "$short" --out "$work/reuse" -q
check "rerun: no stale stimulus.csv" test ! -e "$work/reuse/stimulus.csv"
check "rerun: no stale network.csv" test ! -e "$work/reuse/network.csv"
check "rerun: no stale stdp_window.csv" test ! -e "$work/reuse/stdp_window.csv"
check "rerun: the new summary" grep -q '"duration_ms": 50.0' "$work/reuse/summary.json"

# Times in spikes.csv are the decimals of step * dt (no 23.200000000000003).
"$bin" run "$src/examples/stdp_window.toml" --duration 3000 --out "$work/win" -q
check "spike times without binary noise" test -z "$(cut -d, -f2 "$work/win/spikes.csv" | grep -E '\.[0-9]{5,}')"
check "spike times present" test "$(wc -l < "$work/win/spikes.csv")" -gt 10

# Sizes, rates, counts, delays and steps that cannot fit are refused up front with the
# estimate (the limit is set so the test does not depend on the machine).
export PLASTICORE_MEMORY_LIMIT_MB=2048
huge() {  # huge DESCRIPTION SED_EXPRESSION
    sed "$2" "$short" > "$work/huge.toml"
    "$bin" validate "$work/huge.toml" > "$work/validate.txt" 2>&1
    check "$1: validate exits 0" test $? -eq 0
    check "$1: validate prints the memory estimate" grep -q "^memory: about .* needed, 2.0 GiB available" "$work/validate.txt"
    expect 3 "more than the 2.0 GiB available" "$1: run refused" run "$work/huge.toml" --out "$work/o" -q
}
huge "size 2^31 - 1" 's/^size = 1000$/size = 2147483647/'
huge "regular rate_hz 1e9" 's/^kind = "poisson"$/kind = "regular"/; s/^rate_hz = 15.0$/rate_hz = 1e9/'
huge "delay_ms 1e8" 's/^delay_ms = 1.0$/delay_ms = 1e8/'
huge "dt_ms 1e-7" 's/^dt_ms = 0.1$/dt_ms = 1e-7/; s/^duration_ms = 50.0$/duration_ms = 400.0/'
sed 's/^n_pairs = 60$/n_pairs = 100000000/' "$src/examples/stdp_window.toml" > "$work/pairs.toml"
expect 3 "more than the 2.0 GiB available" "n_pairs 1e8: run refused" run "$work/pairs.toml" --out "$work/o" -q
cat > "$work/theta.toml" <<EOF
[simulation]
dt_ms = 0.1
duration_ms = 100.0
[[source]]
name = "theta"
kind = "theta_burst"
size = 1
pulses = 1000000000
intra_burst_hz = 1e12
burst_hz = 1.0
EOF
expect 3 "source 'theta'" "theta burst of 1e9 pulses: run refused" run "$work/theta.toml" --out "$work/o" -q
expect 3 "more than the 2.0 GiB" "compare refused too" compare "$work/theta.toml" --out "$work/c"
unset PLASTICORE_MEMORY_LIMIT_MB

# The core with a tiny step: a result, not SystemC's "E549 uncaught exception".
sed 's/^dt_ms = 0.1$/dt_ms = 1e-5/; s/^duration_ms = 50.0$/duration_ms = 0.5/' "$short" > "$work/tiny.toml"
expect 0 "" "core at dt 1e-5" run "$work/tiny.toml" --model core --out "$work/tiny" -q
check "core at dt 1e-5: no E549" test -z "$(grep E549 "$work/err.txt")"

# A truncated point file of a sweep is named.
"$bin" sweep "$short" --set hardware.weight_bits=8,12 --out "$work/sweep" -q -j 1
point=$(ls "$work/sweep/points" | head -1)
head -c 40 "$work/sweep/points/$point" > "$work/cut" && mv "$work/cut" "$work/sweep/points/$point"
expect 1 "points/$point' is not valid JSON" "truncated sweep point" sweep "$short" --set hardware.weight_bits=8,12 --out "$work/sweep" -q -j 1

# Degenerate formats: a warning on stderr and in summary.json.
printf '\n[hardware]\ngain_format = "s1.0"\n' | cat "$short" - > "$work/gain.toml"
expect 0 "warning: population 'post': P21e (excitatory gain) = 0.394046418 quantizes to 0 in hardware.gain_format s1.0" \
    "degenerate format warns" run "$work/gain.toml" --model fixed --out "$work/gain" -q
check "warning in summary.json" grep -q "quantizes to 0 in hardware.gain_format s1.0" "$work/gain/summary.json"

echo "$fails failed"
exit $((fails > 0))
