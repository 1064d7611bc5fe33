#!/usr/bin/python3
"""Benchmark: what each plasticity rule costs the RTL learning engine (docs/rtl.md, "Latency and
throughput per rule").

    /usr/bin/python3 bench/engine_rules.py [--plasticore build/plasticore] [--duration MS]
        [--csv FILE] [--workdir DIR]

Runs each example whose rules the engine runs through `plasticore run --model core-rtl`
(--rtl-unit engine) for --duration ms of model time (default 2000) and reads its summary.json:
the core's events (synaptic events: a presynaptic arrival at a synapse; output spikes), the
transactions by operation (core.plasticity_transactions) and what the verilated engine did
(core.rtl: transactions, the cycles spent serving them, requests in flight). Prints one row per
example:

  transactions per synaptic event, and per output spike
  RTL cycles per synaptic event as run (one request at a time: latency x transactions) and
  with the pipeline full (one request per cycle, the engine's throughput): the bound that
  filling the pipeline could reach
  the wall-clock time of the run

Every operation of every rule has the same latency in the engine, NumSteps + 3 cycles
(rtl/learning_engine.sv: 5 in the minimal variant, 6 as built; summary.json's
core.rtl.engine_variants says which ran); the rules differ in how many operations an event
needs.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (example, the engine's rules it uses)
EXAMPLES = [
    ("stdp_window", "stdp_pair (additive, all-to-all)"),
    ("song2000", "stdp_pair (additive, all-to-all)"),
    ("inhibitory_balance", "istdp_vogels + stdp_pair"),
    ("triplet_frequency", "stdp_triplet (all-to-all)"),
    ("stimulation_triplet", "stdp_triplet"),
    ("synaptic_scaling", "synaptic_scaling"),
    ("oja_pca", "oja"),
    ("bcm_selectivity", "bcm"),
    ("distal_reward", "stdp_reward (all-to-all)"),
]


def run(plasticore, example, duration, out):
    path = os.path.join(ROOT, "examples", example + ".toml")
    cmd = [plasticore, "run", path, "--model", "core-rtl", "--rtl-unit", "engine", "--duration", str(duration),
           "--out", out, "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1"))
    if done.returncode != 0:
        sys.exit(f"engine_rules.py: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plasticore", default=os.path.join(ROOT, "build", "plasticore"))
    ap.add_argument("--duration", type=float, default=2000.0, help="model time per example [ms]")
    ap.add_argument("--csv", help="also write the rows to this CSV file")
    ap.add_argument("--workdir", help="keep the runs' outputs here (default: a temporary folder)")
    a = ap.parse_args()
    if a.duration <= 0:
        sys.exit(f"engine_rules.py: --duration {a.duration} is not positive")
    if not os.access(a.plasticore, os.X_OK):
        sys.exit(f"engine_rules.py: --plasticore {a.plasticore} is not an executable (build first)")
    work = a.workdir or tempfile.mkdtemp(prefix="engine_rules_")
    rows = []
    for example, rules in EXAMPLES:
        s = run(a.plasticore, example, int(a.duration), os.path.join(work, example))
        core, rtl = s["core"], s["core"]["rtl"]
        events = core["events"]["synaptic_events"]
        spikes = core["events"]["spikes_out"]
        n = rtl["transactions"]
        by_op = core["plasticity_transactions"]
        rows.append({
            "example": example,
            "rules": rules,
            "engine": rtl["engine_variants"],
            "transactions": n,
            "operations": " ".join(f"{op} {k}" for op, k in sorted(by_op.items(), key=lambda x: -x[1])),
            "synaptic_events": events,
            "spikes_out": spikes,
            "per_synaptic_event": n / events if events else float("nan"),
            "per_output_spike": n / spikes if spikes else float("nan"),
            "cycles_per_event_as_run": rtl["serving_cycles"] / events if events else float("nan"),
            "cycles_per_event_pipelined": n / events if events else float("nan"),
            "max_in_flight": rtl["max_in_flight"],
            "wall_seconds": s["wall_clock_seconds"],
        })
    print(f"core-rtl through the learning engine, {a.duration:g} ms of model time per example "
          f"(latency 5 cycles per operation in the minimal variant, 6 as built)")
    print("| example | rules | engine | transactions | per synaptic event | per output spike | "
          "RTL cycles per synaptic event, as run | with the pipeline full | wall [s] |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['example']} | {r['rules']} | {r['engine']} | {r['transactions']:,} | "
              f"{r['per_synaptic_event']:.2f} | {r['per_output_spike']:.1f} | {r['cycles_per_event_as_run']:.1f} | "
              f"{r['cycles_per_event_pipelined']:.2f} | {r['wall_seconds']:.2f} |")
    print()
    for r in rows:
        print(f"{r['example']}: {r['operations']}")
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
