#!/usr/bin/env bash
# Usage: test_compare_statistics.sh PLASTICORE_BINARY SOURCE_DIR
# The spike statistics of `plasticore compare` end to end, on statistics_known.toml whose
# statistics are known by construction (regular identical trains: CV 0, correlation 1; Poisson
# relays: CV ~1, correlation ~0), golden against golden (every KS and W1 0, the distributions
# identical); and bad statistics options fail before anything runs, naming the flag and value.
set -u
bin=$1
src=$2
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

exp="$src/tests/compare/statistics_known.toml"
out=$("$bin" compare "$exp" --reference golden --candidate golden --analysis-start 500 \
      --correlation-bin 2 --correlation-sample 40 --out "$work/cmp" 2>&1)
check "compare exits 0" test $? -eq 0
echo "$out"
check "the table has the statistics" grep -q "spike statistics in \[500, 10000) ms" <<<"$out"
check "compare writes distributions.csv" test -s "$work/cmp/distributions.csv"

# Every check in one Python process; each failing assertion is printed.
"$py" - "$work/cmp" <<'PY'
import csv, json, math, sys
d = sys.argv[1]
j = json.load(open(d + "/compare.json"))
rows = list(csv.DictReader(open(d + "/distributions.csv")))
bad = 0
def expect(what, ok):
    global bad
    print(("ok   " if ok else "FAIL ") + what)
    bad += not ok
def values(pop, run, stat):
    return [float(r["value"]) for r in rows if r["population"] == pop and r["run"] == run and r["statistic"] == stat]

o = j["options"]
expect("options recorded", (o["analysis_start_ms"], o["analysis_stop_ms"], o["correlation_bin_ms"],
                            o["correlation_bin_steps"], o["correlation_sample"], o["cv_min_spikes"])
       == (500, 10000, 2, 20, 40, 3))
for pop, size in (("regular", 20), ("poisson", 50)):
    s = j["populations"][pop]["statistics"]
    for stat in ("rate_hz", "cv_isi", "correlation"):
        c = s[stat]
        expect(f"{pop} {stat}: golden vs golden KS 0, p 1, W1 0",
               c["ks_statistic"] == 0 and c["ks_p_value"] == 1 and c["wasserstein1"] == 0)
        expect(f"{pop} {stat}: identical summaries", c["reference"] == c["candidate"])
        ref, cand = values(pop, "reference", stat), values(pop, "candidate", stat)
        expect(f"{pop} {stat}: identical per-neuron values in the CSV", ref == cand and len(ref) == c["reference"]["n"])
    expect(f"{pop}: one rate per neuron", s["rate_hz"]["reference"]["n"] == size)
    expect(f"{pop}: the correlation sample", s["correlation_neurons"] == min(size, 40))
    expect(f"{pop}: CSV model column", all(r["model"] == "golden" for r in rows))

reg = j["populations"]["regular"]["statistics"]
rate = values("regular", "reference", "rate_hz")
expect("regular: every neuron fires at the same rate, 50-80 Hz", len(set(rate)) == 1 and 50 < rate[0] < 80)
expect("regular: CV ISI exactly 0 for all 20", values("regular", "reference", "cv_isi") == [0.0] * 20)
corr = values("regular", "reference", "correlation")
expect("regular: all 190 pairs correlated 1", len(corr) == 190 and all(abs(x - 1) < 1e-12 for x in corr))

poi = j["populations"]["poisson"]["statistics"]
rate = values("poisson", "reference", "rate_hz")
expect("poisson: mean rate near 20 Hz (%.2f)" % poi["rate_hz"]["reference"]["mean"],
       18 < poi["rate_hz"]["reference"]["mean"] < 22)
cv = poi["cv_isi"]["reference"]
expect("poisson: CV ISI near 1 (mean %.3f, sd %.3f, n %d)" % (cv["mean"], cv["sd"], cv["n"]),
       cv["n"] == 50 and 0.9 < cv["mean"] < 1.05)
cr = poi["correlation"]["reference"]
expect("poisson: 780 pairs of 40, correlations near 0 (mean %.4f, sd %.4f)" % (cr["mean"], cr["sd"]),
       cr["n"] == 780 and abs(cr["mean"]) < 0.01 and cr["sd"] < 0.05)
sys.exit(1 if bad else 0)
PY
check "statistics as constructed" test $? -eq 0

# Bad options: an error naming the flag and the value, exit non-zero, nothing written.
bad_option() {  # bad_option FLAG VALUE
    "$bin" compare "$exp" --duration 1000 "$1" "$2" --out "$work/bad$1" > "$work/bad.txt" 2>&1
    local rc=$?
    cat "$work/bad.txt"
    check "$1 $2 exits non-zero" test $rc -ne 0
    check "$1 $2 is named in the error" grep -q -- "$1.*$2" "$work/bad.txt"
    check "$1 $2 writes nothing" test ! -e "$work/bad$1"
}
bad_option --correlation-bin 0.04
bad_option --correlation-bin -2
bad_option --analysis-start -5
bad_option --analysis-stop 1500
bad_option --correlation-sample 1
bad_option --cv-min-spikes 2

help=$("$bin" compare --help 2>&1)
for flag in --analysis-start --analysis-stop --correlation-bin --correlation-sample --cv-min-spikes; do
    check "--help lists $flag" grep -q -- "$flag" <<<"$help"
done

if [ $fails -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
