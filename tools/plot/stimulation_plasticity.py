#!/usr/bin/python3
"""Stimulation during plasticity (docs/plasticity-rules.md, "Stimulation during plasticity"):
runs examples/stimulation_plasticity.toml (or a variant) on golden and fixed and draws the mean
weight change of each neuron's plastic synapses after the pairing protocol against the
amplitude of the constant (tDCS-like) bias it received, with the postsynaptic spike count, and
the two tACS neurons (crest on the bursts, crest between them) as separate points.

    /usr/bin/python3 tools/plot/stimulation_plasticity.py --bin build/plasticore \\
        [--experiment examples/stimulation_plasticity.toml] [--work /tmp/stimulation_plasticity] \\
        [--figdir docs/figures/rules] [--name stimulation_plasticity]

The triplet-STDP variant: --experiment examples/stimulation_triplet.toml --name stimulation_triplet.

Writes FIGDIR/NAME.csv (neuron, stimulation, amplitude_na, frequency_hz, golden_dw_na,
fixed_dw_na, golden_spikes, fixed_spikes) and NAME.{png,svg}.
"""

import argparse
import csv
import os
import subprocess
import sys
import tomllib
from collections import defaultdict


def run(binary, experiment, model, out):
    cmd = [binary, "run", experiment, "--model", model, "--out", out, "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")


def mean_change_per_post(out, projection, initial):
    """Mean final weight minus the initial weight, per postsynaptic neuron [nA]."""
    final = {}
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        if r["projection"] == projection:
            final[(int(r["pre"]), int(r["post"]))] = float(r["weight_na"])  # last row wins: final
    per_post = defaultdict(list)
    for (_, post), w in final.items():
        per_post[post].append(w - initial)
    return {post: sum(v) / len(v) for post, v in per_post.items()}


def spike_counts(out, population):
    counts = defaultdict(int)
    for r in csv.DictReader(open(os.path.join(out, "spikes.csv"))):
        if r["population"] == population:
            counts[int(r["neuron"])] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/stimulation_plasticity.toml")
    ap.add_argument("--work", default="/tmp/stimulation_plasticity")
    ap.add_argument("--figdir", default="docs/figures/rules")
    ap.add_argument("--name", default="stimulation_plasticity")
    args = ap.parse_args()
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    proj = next(pr for pr in exp["projection"] if "plasticity" in pr)
    initial = float(proj["weight_na"])
    population = proj["post"]
    os.makedirs(args.figdir, exist_ok=True)
    dw, spikes = {}, {}
    for model in ("golden", "fixed"):
        out = os.path.join(args.work, model)
        run(args.bin, args.experiment, model, out)
        dw[model] = mean_change_per_post(out, proj["name"], initial)
        spikes[model] = spike_counts(out, population)
    rows = []
    for s in exp.get("stimulation", []):
        for k in s["neurons"]:
            rows.append((k, s["name"], float(s["amplitude_na"]), float(s.get("frequency_hz", 0.0)),
                         dw["golden"][k], dw["fixed"][k], spikes["golden"][k], spikes["fixed"][k]))
    rows.sort()
    path = os.path.join(args.figdir, args.name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["neuron", "stimulation", "amplitude_na", "frequency_hz", "golden_dw_na", "fixed_dw_na",
                    "golden_spikes", "fixed_spikes"])
        for r in rows:
            w.writerow(list(r[:4]) + [f"{r[4]:.6f}", f"{r[5]:.6f}", r[6], r[7]])
    print(open(path).read())

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    dc = [r for r in rows if r[3] == 0.0]
    ac = [r for r in rows if r[3] != 0.0]
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9.6, 4.0), gridspec_kw={"width_ratios": [3, 2]})
    amps = [r[2] for r in dc]
    ax.plot(amps, [r[4] for r in dc], "o-", color="tab:blue", mfc="none", label="golden")
    ax.plot(amps, [r[5] for r in dc], "x", color="tab:red", label="fixed (reference)")
    ax.axhline(0.0, color="k", lw=0.5)
    ax.axvline(0.0, color="grey", lw=0.5, ls=":")
    ax.set_xlabel("constant bias during the protocol [nA]  (< 0 cathodal, > 0 anodal)")
    ax.set_ylabel("mean weight change after the protocol [nA]")
    rule = {"stdp_pair": "pair STDP", "stdp_triplet": "triplet STDP"}.get(proj["plasticity"]["rule"],
                                                                        proj["plasticity"]["rule"])
    ax.set_title(f"tDCS-like bias: {rule}, 60 volleys at 5 Hz", fontsize=9)
    ax.legend(fontsize=8, loc="upper left")
    ax2 = ax.twinx()
    ax2.plot(amps, [r[6] for r in dc], "s:", color="grey", ms=3, lw=0.8)
    ax2.set_ylabel("postsynaptic spikes (golden, grey)", color="grey", fontsize=8)
    none = next((r for r in dc if r[2] == 0.0), None)
    labels = ["none"] + [f"tACS {r[3]:g} Hz\n{r[1].replace('tacs_', '').replace('_', ' ')}" for r in ac]
    gold = ([none[4]] if none else [0.0]) + [r[4] for r in ac]
    fixd = ([none[5]] if none else [0.0]) + [r[5] for r in ac]
    xs = range(len(labels))
    bx.bar([x - 0.2 for x in xs], gold, 0.4, color="tab:blue", label="golden")
    bx.bar([x + 0.2 for x in xs], fixd, 0.4, color="tab:red", label="fixed (reference)")
    bx.set_xticks(list(xs))
    bx.set_xticklabels(labels, fontsize=7)
    bx.axhline(0.0, color="k", lw=0.5)
    bx.set_title(f"tACS-like bias, {ac[0][2]:g} nA peak" if ac else "tACS-like bias", fontsize=9)
    bx.legend(fontsize=7)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"{args.name}.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, args.name + ".{png,svg,csv}"))


if __name__ == "__main__":
    main()
