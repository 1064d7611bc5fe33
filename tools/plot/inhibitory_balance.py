#!/usr/bin/python3
"""Inhibitory STDP balancing excitation (docs/plasticity-rules.md): runs
examples/inhibitory_balance.toml on golden and fixed and draws the output rate (1 s bins, mean
of the neurons) against the target rho0, the mean excitatory and inhibitory currents, and the
mean inhibitory weight over time.

    /usr/bin/python3 tools/plot/inhibitory_balance.py --bin build/plasticore \
        [--experiment examples/inhibitory_balance.toml] [--work /tmp/inhibitory_balance] \
        [--figdir docs/figures/rules]

Writes FIGDIR/inhibitory_balance.csv (second, model, rate_hz, i_e_na, i_i_na) and
inhibitory_balance.{png,svg}; prints the rate and currents of the last 10 s.
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
    ie, ii, n = [0.0] * seconds, [0.0] * seconds, [0] * seconds
    for r in csv.DictReader(open(os.path.join(out, "state.csv"))):
        s = int(float(r["time_ms"]) // 1000.0)
        if s < seconds:
            ie[s] += float(r["i_syn_e_na"])
            ii[s] += float(r["i_syn_i_na"])
            n[s] += 1
    ie = [a / max(k, 1) for a, k in zip(ie, n)]
    ii = [a / max(k, 1) for a, k in zip(ii, n)]
    weights = defaultdict(list)
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        weights[float(r["time_ms"])].append(float(r["weight_na"]))
    return rate, ie, ii, {t: sum(w) / len(w) for t, w in weights.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/inhibitory_balance.toml")
    ap.add_argument("--work", default="/tmp/inhibitory_balance")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    n_post = next(p["size"] for p in exp["population"] if p["name"] == "post")
    seconds = int(exp["simulation"]["duration_ms"] // 1000)
    rho0 = next(pr["plasticity"]["rho0_hz"] for pr in exp["projection"] if "plasticity" in pr)
    data = {}
    for model in ("golden", "fixed"):
        out = os.path.join(args.work, model)
        cmd = [args.bin, "run", args.experiment, "--model", model, "--out", out, "-q"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        data[model] = series(out, n_post, seconds)
    os.makedirs(args.figdir, exist_ok=True)
    with open(os.path.join(args.figdir, "inhibitory_balance.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["second", "model", "rate_hz", "i_e_na", "i_i_na"])
        for model, (rate, ie, ii, _) in data.items():
            for s in range(seconds):
                w.writerow([s, model, f"{rate[s]:.3f}", f"{ie[s]:.6f}", f"{ii[s]:.6f}"])
    for model, (rate, ie, ii, _) in data.items():
        last = range(seconds - 10, seconds)
        print(f"{model}: first second {rate[0]:.2f} Hz; last 10 s {sum(rate[s] for s in last) / 10:.2f} Hz, "
              f"I_e {sum(ie[s] for s in last) / 10:.4f} nA, I_i {sum(ii[s] for s in last) / 10:.4f} nA")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True)
    x = [s + 0.5 for s in range(seconds)]
    for model, style in (("golden", "-"), ("fixed", "--")):
        rate, ie, ii, wmean = data[model]
        a1.plot(x, rate, style, color="black", lw=1.2, label=f"output rate ({model})")
        a2.plot(x, ie, style, color="tab:red", lw=1.2, label=f"mean I_e ({model})")
        a2.plot(x, ii, style, color="tab:blue", lw=1.2, label=f"mean I_i ({model})")
    a1.axhline(rho0, color="tab:green", lw=1, label=f"rho0 = {rho0:g} Hz")
    a1.set_ylabel("rate [Hz]")
    a1.set_yscale("log")
    a1.legend(fontsize=7)
    a2.set_ylabel("current [nA]")
    a2.set_xlabel("time [s]")
    a2.legend(fontsize=7)
    a1.set_title("Inhibitory STDP (Vogels et al. 2011): rate to rho0, inhibition balances excitation", fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"inhibitory_balance.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "inhibitory_balance.{png,svg,csv}"))


if __name__ == "__main__":
    main()
