#!/usr/bin/python3
"""The distal-reward experiment of reward-modulated STDP (docs/plasticity-rules.md): runs
examples/distal_reward.toml on golden and fixed and draws the rewarded (cue) synapse and the
distribution of the 100 other synapses over time, with the reward times.

    /usr/bin/python3 tools/plot/distal_reward.py --bin build/plasticore \
        [--experiment examples/distal_reward.toml] [--work /tmp/distal_reward] \
        [--figdir docs/figures/rules]

Writes FIGDIR/distal_reward.csv (time_ms, model, cue_na, others_mean_na, others_p10_na,
others_p90_na) and distal_reward.{png,svg}; prints the final numbers.
"""

import argparse
import csv
import os
import subprocess
import sys
import tomllib
from collections import defaultdict


def series(out):
    cue, others = {}, defaultdict(list)
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        t = float(r["time_ms"])
        if r["projection"] == "cue_to_post":
            cue[t] = float(r["weight_na"])
        elif r["projection"] == "inputs_to_post":
            others[t].append(float(r["weight_na"]))
    return cue, others


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/distal_reward.toml")
    ap.add_argument("--work", default="/tmp/distal_reward")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    import numpy as np
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    w_max = next(pr["plasticity"]["w_max_na"] for pr in exp["projection"] if pr["name"] == "cue_to_post")
    rewards = next(s["times_ms"] for s in exp["source"] if s["name"] == "reward")
    data = {}
    for model in ("golden", "fixed"):
        out = os.path.join(args.work, model)
        cmd = [args.bin, "run", args.experiment, "--model", model, "--out", out, "-q"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        data[model] = series(out)
    os.makedirs(args.figdir, exist_ok=True)
    path = os.path.join(args.figdir, "distal_reward.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["time_ms", "model", "cue_na", "others_mean_na", "others_p10_na", "others_p90_na"])
        for model, (cue, others) in data.items():
            for t in sorted(cue):
                o = np.asarray(others[t])
                w.writerow([t, model, f"{cue[t]:.6f}", f"{o.mean():.6f}", f"{np.percentile(o, 10):.6f}",
                            f"{np.percentile(o, 90):.6f}"])
    for model, (cue, others) in data.items():
        t = max(cue)
        o = np.asarray(others[t])
        print(f"{model}: cue {cue[t] / w_max:.3f} w_max, others mean {o.mean() / w_max:.3f} w_max "
              f"(p10 {np.percentile(o, 10) / w_max:.3f}, p90 {np.percentile(o, 90) / w_max:.3f})")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for model, style in (("golden", "-"), ("fixed", "--")):
        cue, others = data[model]
        ts = sorted(cue)
        s = [x / 1000.0 for x in ts]
        ax.plot(s, [cue[t] / w_max for t in ts], style, color="tab:red", lw=1.5, label=f"rewarded synapse ({model})")
        m = [np.mean(others[t]) / w_max for t in ts]
        ax.plot(s, m, style, color="tab:blue", lw=1.2, label=f"others, mean ({model})")
        if model == "golden":
            lo = [np.percentile(others[t], 10) / w_max for t in ts]
            hi = [np.percentile(others[t], 90) / w_max for t in ts]
            ax.fill_between(s, lo, hi, color="tab:blue", alpha=0.15, lw=0, label="others, 10-90% (golden)")
    for r in rewards:
        ax.axvline(r / 1000.0, color="tab:green", lw=0.3, alpha=0.5)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("time [s] (green: rewards, 1-3 s after each cue-post pairing)")
    ax.set_ylabel("weight / w_max")
    ax.set_title("Distal reward (Izhikevich 2007) with reward-modulated STDP", fontsize=9)
    ax.legend(fontsize=7, loc="center right")
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"distal_reward.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "distal_reward.{png,svg,csv}"))


if __name__ == "__main__":
    main()
