#!/usr/bin/env bash
# examples/chip_multipop.toml on the chip (docs/chip.md): its result files equal --model fixed's
# byte for byte, and summary.json's chip figures agree with each other and with the spike counts:
# packets = spikes of the routed slices, deliveries = packets copied to each route's cores,
# no misses, no drops, every population of 800 cut over several cores.
set -euo pipefail
plasticore=$1
root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$plasticore" run "$root/examples/chip_multipop.toml" --model chip --out "$out/chip" -q
"$plasticore" run "$root/examples/chip_multipop.toml" --model fixed --out "$out/fixed" -q
for f in spikes.csv weights.csv state.csv; do
  cmp "$out/chip/$f" "$out/fixed/$f"
done
/usr/bin/python3 - "$out/chip/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
c = s["chip"]
r = c["router"]
def need(ok, what):
    if not ok:
        sys.exit("chip example: " + what)
need(c["identical_to_fixed"], "identical_to_fixed is false")
need(r["misses"] == 0 and r["dropped"] == 0, "misses or drops")
need(r["packets"] == r["packets_sent"] == r["hits"], "packets %d, sent %d, hits %d" % (r["packets"], r["packets_sent"], r["hits"]))
# Packets: one per spike of a routed slice; every slice of this example sends.
all_spikes = sum(g["spikes"] for g in s["populations"].values()) + sum(g["spikes"] for g in s["sources"].values())
need(r["packets_sent"] == all_spikes, "packets %d != spikes of the run %d" % (r["packets_sent"], all_spikes))
routed = [sl for sl in c["slices"] if sl["routed"]]
need(len(routed) == len(c["slices"]), "a slice without route")
per_core_spikes = sum(p["spikes"] for p in c["per_core"])
need(r["packets_sent"] == per_core_spikes, "packets %d != spikes %d" % (r["packets_sent"], per_core_spikes))
need(sum(p["packets_received"] for p in c["per_core"]) == r["deliveries"], "received != deliveries")
need(r["deliveries"] >= r["packets"], "fewer deliveries than packets")
need(r["queue_high_water"] <= r["queue_depth"], "queue above its depth")
need(r["table_entries"] == len(c["slices"]) <= r["table_capacity"], "table size")
cut = {}
for sl in c["slices"]:
    cut[sl["group"]] = cut.get(sl["group"], 0) + 1
for g in ("L4e", "L23e"):
    need(cut[g] >= 4, g + " not cut over 4 cores")
need(c["cores_used"] <= c["cores"], "cores")
print("chip example: %d cores, %d packets, %d deliveries, queue high-water %d" %
      (c["cores_used"], r["packets"], r["deliveries"], r["queue_high_water"]))
PY
