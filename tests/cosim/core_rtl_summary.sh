#!/usr/bin/env bash
# summary.json of a core-rtl run reports what the verilated unit did (docs/rtl.md,
# "Co-simulation"): core.rtl with the unit, its configuration, transactions, cycles and the
# requests in flight. The protocol issues one request and waits for its response, so at most 1
# is in flight and the issue utilisation is 1 / latency (the engine's latency: NumSteps + 3, 5 for
# the minimal variant, 6 as built).
# VARIANT: the engine's package variants the run must report ("minimal", "as-built"; "-" for
# the pair unit, which has none).
# usage: core_rtl_summary.sh PLASTICORE EXPERIMENT WORKDIR UNIT LATENCY VARIANT [extra run args]
set -euo pipefail
plasticore=$1 experiment=$2 work=$3 unit=$4 latency=$5 variant=$6
shift 6
rm -rf "$work" && mkdir -p "$work"
"$plasticore" run "$experiment" --model core-rtl --rtl-unit "$unit" --out "$work/run" -q "$@"
/usr/bin/python3 - "$work/run/summary.json" "$unit" "$latency" "$variant" <<'PY'
import json, sys
path, unit, latency, variant = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if variant == "-":
    variant = ""
rtl = json.load(open(path))["core"]["rtl"]
print("core.rtl:", json.dumps(rtl))
fails = []
def want(ok, what):
    if not ok: fails.append(what)
want(rtl["unit"] == unit, f"unit {rtl['unit']!r} != {unit!r}")
want(rtl["configuration"] == "reference", f"configuration {rtl['configuration']!r}")
want(rtl["engine_variants"] == variant, f"engine_variants {rtl['engine_variants']!r} != {variant!r}")
want(rtl["transactions"] > 1000, f"transactions {rtl['transactions']} <= 1000")
want(rtl["serving_cycles"] == latency * rtl["transactions"],
     f"serving_cycles {rtl['serving_cycles']} != {latency} x {rtl['transactions']} transactions")
want(rtl["cycles"] >= rtl["serving_cycles"], "cycles fewer than the serving cycles")
want(rtl["max_in_flight"] == 1, f"max_in_flight {rtl['max_in_flight']} != 1")
want(abs(rtl["mean_in_flight"] - 1.0) < 1e-12, f"mean_in_flight {rtl['mean_in_flight']} != 1")
want(abs(rtl["issue_utilisation"] - 1.0 / latency) < 1e-12, f"issue_utilisation {rtl['issue_utilisation']} != 1/{latency}")
if fails:
    print("FAIL:", "; ".join(fails))
    sys.exit(1)
print("core.rtl as expected")
PY
