#!/usr/bin/python3
"""Synaptic scaling after the input doubles (docs/plasticity-rules.md): runs
examples/synaptic_scaling.toml on golden and fixed and draws the output rate (1 s bins, mean of
the neurons) against the target, and the mean weight of each projection over time.

    /usr/bin/python3 tools/plot/synaptic_scaling.py --bin build/plasticore \
        [--experiment examples/synaptic_scaling.toml] [--work /tmp/synaptic_scaling] \
        [--figdir docs/figures/rules]

Writes FIGDIR/synaptic_scaling.csv (second, model, rate_hz, mean_w_a_na, mean_w_b_na) and
synaptic_scaling.{png,svg}; prints the rates of 10-20 s, 20-21 s and 30-40 s.
"""

import argparse
import csv
import os
import subprocess
import sys
import tomllib
from collections import defaultdict


def series(out, n_post, seconds):
    spikes = defaultdict(int)
    for r in csv.DictReader(open(os.path.join(out, "spikes.csv"))):
        if r["population"] == "post":
            spikes[int(float(r["time_ms"]) // 1000.0)] += 1
    rate = [spikes[s] / n_post for s in range(seconds)]
    weights = defaultdict(lambda: defaultdict(list))
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        weights[r["projection"]][int(float(r["time_ms"]) // 1000.0)].append(float(r["weight_na"]))
    mean_w = {p: [sum(w[s]) / len(w[s]) if w[s] else float("nan") for s in range(seconds)] for p, w in weights.items()}
    return rate, mean_w


def mean(xs):
    return sum(xs) / len(xs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/synaptic_scaling.toml")
    ap.add_argument("--work", default="/tmp/synaptic_scaling")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    n_post = next(p["size"] for p in exp["population"] if p["name"] == "post")
    seconds = int(exp["simulation"]["duration_ms"] // 1000)
    target = next(pr["plasticity"]["target_hz"] for pr in exp["projection"] if "plasticity" in pr)
    switch = int(next(s["start_ms"] for s in exp["source"] if s.get("start_ms", 0) > 0) // 1000)
    data = {}
    for model in ("golden", "fixed"):
        out = os.path.join(args.work, model)
        cmd = [args.bin, "run", args.experiment, "--model", model, "--out", out, "-q"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        data[model] = series(out, n_post, seconds)
    os.makedirs(args.figdir, exist_ok=True)
    with open(os.path.join(args.figdir, "synaptic_scaling.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["second", "model", "rate_hz", "mean_w_a_na", "mean_w_b_na"])
        for model, (rate, mw) in data.items():
            for s in range(seconds):
                w.writerow([s, model, f"{rate[s]:.3f}", f"{mw['a_to_post'][s]:.6f}", f"{mw['b_to_post'][s]:.6f}"])
    for model, (rate, _) in data.items():
        print(f"{model}: {switch - 10}-{switch} s {mean(rate[switch - 10:switch]):.2f} Hz, "
              f"{switch}-{switch + 1} s {rate[switch]:.2f} Hz, last 10 s {mean(rate[seconds - 10:]):.2f} Hz")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True)
    x = [s + 0.5 for s in range(seconds)]
    for model, style in (("golden", "-"), ("fixed", "--")):
        rate, mw = data[model]
        a1.plot(x, rate, style, color="black", lw=1.2, label=f"output rate ({model})")
        a2.plot(x, mw["a_to_post"], style, color="tab:red", lw=1.2, label=f"mean w, in_a ({model})")
        a2.plot(x, mw["b_to_post"], style, color="tab:blue", lw=1.2, label=f"mean w, in_b ({model})")
    for a in (a1, a2):
        a.axvline(switch, color="grey", lw=0.8, ls=":")
    a1.axhline(target, color="tab:green", lw=1, label=f"target {target:g} Hz")
    a1.set_ylabel("rate [Hz]")
    a1.set_yscale("log")
    a1.legend(fontsize=7)
    a2.set_ylabel("weight [nA]")
    a2.set_xlabel("time [s] (in_b switches on at the dotted line: input rate x 2)")
    a2.legend(fontsize=7)
    a1.set_title("Synaptic scaling (Turrigiano et al. 1998): the rate returns to the target", fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"synaptic_scaling.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "synaptic_scaling.{png,svg,csv}"))


if __name__ == "__main__":
    main()
