#!/usr/bin/env bash
# Usage: test_design.sh PLASTICORE_BINARY SOURCE_DIR
# Design exploration (issue #14, docs/design-exploration.md): a sweep on the core reports
# energy, area and real-time margin per point (and capacity with --capacity); plot draws the
# Pareto fronts and lists exactly the non-dominated points, checked here on the sweep's own
# numbers; capacity runs a grid over clock and lanes (monotone in the clock) and an exact
# search in an integer size.
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

# A small design sweep: 3 weight widths x 2 roundings x 2 post-history depths, 1 s of song2000.
"$bin" sweep "$src/examples/song2000.toml" --set simulation.duration_ms=1000 \
    --set hardware.weight_bits=4,8,16 --set hardware.weight_rounding=floor,stochastic \
    --set hardware.post_history=4,64 --candidate core -j 2 -q --out "$work/sweep" > "$work/sweep.txt" 2>&1
check "sweep --candidate core exits 0" test $? -eq 0
check "sweep.csv has the design columns" bash -c "head -1 '$work/sweep/sweep.csv' | grep -q 'energy_total_uj,energy_per_event_pj,synaptic_events,area_mm2,realtime_margin,realtime_margin_p99'"
# (--metrics: one metric figure, not all 24, to keep the test to seconds.)
"$bin" plot "$work/sweep" --metrics energy_per_event_pj > "$work/plot.txt" 2>&1
check "plot of a design sweep exits 0" test $? -eq 0
for f in pareto.json pareto_energy_per_event_pj.csv pareto_area_mm2.csv pareto_energy_per_event_pj.png pareto_area_mm2.svg; do
    check "plot writes plots/$f" test -s "$work/sweep/plots/$f"
done
check "the fronts list exactly the non-dominated points of sweep_summary.csv" /usr/bin/python3 - "$work/sweep" <<'PY'
import csv, json, os, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "sweep_summary.csv"))))
keys = [a["key"] for a in json.load(open(os.path.join(d, "sweep_spec.json")))["axes"]]
front = json.load(open(os.path.join(d, "plots", "pareto.json")))
acc = front["accuracy_metric"]
assert acc == "inputs_to_post.weight_w1_na", acc
assert len(rows) == 12, len(rows)
for cost in ("energy_per_event_pj", "area_mm2"):
    pts = [(tuple(r[k] for k in keys), float(r[acc + "_mean"]), float(r[cost + "_mean"])) for r in rows]
    assert all(c > 0 for _, _, c in pts), cost
    expected = set()
    for v, l, c in pts:
        dominated = any(l2 <= l and c2 <= c and (l2 < l or c2 < c) for v2, l2, c2 in pts if v2 != v)
        if not dominated:
            expected.add(v)
    listed = {tuple(p["values"][k] for k in keys) for p in front["fronts"][cost]}
    assert listed == expected, (cost, sorted(listed), sorted(expected))
    flagged = {tuple(r[k] for k in keys) for r in csv.DictReader(open(os.path.join(d, "plots", "pareto_%s.csv" % cost)))
               if r["non_dominated"] == "1"}
    assert flagged == expected, (cost, flagged, expected)
    # Not a trivial front: some designs are dominated, and more than one is not.
    assert 1 < len(expected) < len(pts), (cost, len(expected))
    print("%s: %d of %d non-dominated" % (cost, len(expected), len(pts)))
# Deeper post history costs energy per event at the same width and rounding (replays).
by = {tuple(r[k] for k in keys): float(r["energy_per_event_pj_mean"]) for r in rows}
for v, e in by.items():
    if v[keys.index("hardware.post_history")] == "64":
        shallow = list(v)
        shallow[keys.index("hardware.post_history")] = "4"
        assert e > by[tuple(shallow)], (v, e, by[tuple(shallow)])
PY
check "plot --metrics draws the metric asked for" test -s "$work/sweep/plots/metric_energy_per_event_pj.png"
check "plot --metrics draws no other metric" test ! -e "$work/sweep/plots/metric_van_rossum_mean.png"
"$bin" plot "$work/sweep" --accuracy nope > "$work/plot_bad.txt" 2>&1
check "plot --accuracy with an unknown metric is bad input" test $? -eq 1
check "plot --accuracy names the metric" grep -q "accuracy nope: not a metric" "$work/plot_bad.txt"

# --capacity adds the capacity per point (a fixed-vs-golden sweep: only capacity, no energy).
"$bin" sweep "$src/examples/odin_like.toml" --set simulation.duration_ms=20 --set core.clock_mhz=50,200 \
    --capacity --capacity-tolerance 0.1 -j 1 -q --out "$work/capsweep" > "$work/capsweep.txt" 2>&1
check "sweep --capacity exits 0" test $? -eq 0
check "sweep --capacity: capacity grows with the clock, no energy without the core candidate" /usr/bin/python3 - "$work/capsweep" <<'PY'
import csv, os, sys
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "sweep.csv"))))
assert "energy_per_event_pj" not in rows[0], rows[0].keys()
f = {r["core.clock_mhz"]: float(r["capacity_rate_factor"]) for r in rows}
assert 1 <= f["50"] < f["200"], f
print(f)
PY

# Capacity against clock and lanes: a grid, its files and its plot.
"$bin" capacity "$src/examples/odin_like.toml" --duration 20 --clock-mhz 50,100,200 --lanes 1,4 \
    --tolerance 0.1 --out "$work/cap" > "$work/cap.txt" 2>&1
check "capacity grid exits 0" test $? -eq 0
check "capacity grid: 6 rows, monotone in the clock for each lane count" /usr/bin/python3 - "$work/cap/capacity.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 6, len(rows)
for lanes in ("1", "4"):
    f = [float(r["rate_factor"]) for r in sorted((r for r in rows if r["lanes"] == lanes), key=lambda r: float(r["clock_mhz"]))]
    assert f[0] < f[1] < f[2], (lanes, f)
    assert all(r["capped"] == "0" for r in rows), rows
    print(lanes, f)
PY
"$bin" plot "$work/cap" > /dev/null 2>&1
check "plot of a capacity grid writes capacity.png" test -s "$work/cap/plots/capacity.png"
"$bin" capacity "$src/examples/odin_like.toml" --duration 20 --out "$work/cap2" > "$work/cap2.txt" 2>&1
check "capacity --out without a grid is a usage error" test $? -eq 2
"$bin" capacity "$src/examples/odin_like.toml" --clock-mhz 50 > "$work/cap3.txt" 2>&1
check "capacity grid without --out is a usage error" test $? -eq 2

# Capacity in an integer size: exact (n meets the budget, n + 1 does not).
"$bin" capacity "$src/examples/song2000.toml" --duration 20 --scale population.post.size --max-size 4096 --json \
    > "$work/size.json" 2> "$work/size.err"
check "capacity --scale exits 0" test $? -eq 0
check "capacity --scale: n meets the budget on every tick, n + 1 misses it" /usr/bin/python3 - "$work/size.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
n = j["every_tick"]["value"]
probes = {p["value"]: p for p in j["probes"]}
assert not j["every_tick"]["capped"] and n >= 1, j["every_tick"]
assert probes[n]["meets_every_tick"] and not probes[n + 1]["meets_every_tick"], (n, probes.get(n + 1))
assert all(p["meets_every_tick"] == (p["max_busy_cycles"] <= j["tick_budget_cycles"]) for p in j["probes"])
print("population.post.size", n)
PY
"$bin" capacity "$src/examples/song2000.toml" --duration 20 --scale population.nope.size > "$work/size_bad.txt" 2>&1
check "capacity --scale with an unknown key is bad input" test $? -eq 1

echo "$fails failure(s)"
test "$fails" -eq 0
