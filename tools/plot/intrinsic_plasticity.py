#!/usr/bin/python3
"""Intrinsic plasticity (docs/plasticity-rules.md): runs examples/intrinsic_plasticity.toml on
golden and fixed, and on golden with the threshold fixed (ip_eta_mv = 0), and draws each
neuron's rate (1 s bins) against the target.

    /usr/bin/python3 tools/plot/intrinsic_plasticity.py --bin build/plasticore \
        [--experiment examples/intrinsic_plasticity.toml] [--work /tmp/intrinsic_plasticity] \
        [--figdir docs/figures/rules]

Writes FIGDIR/intrinsic_plasticity.csv (second, model, neuron, rate_hz) and
intrinsic_plasticity.{png,svg}; prints each neuron's rate in the first second and the last 10 s.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tomllib


def rates(out, pop, n, seconds):
    counts = [[0] * seconds for _ in range(n)]
    for r in csv.DictReader(open(os.path.join(out, "spikes.csv"))):
        if r["population"] == pop:
            s = int(float(r["time_ms"]) // 1000.0)
            if s < seconds:
                counts[int(r["neuron"])][s] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/intrinsic_plasticity.toml")
    ap.add_argument("--work", default="/tmp/intrinsic_plasticity")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    pop = exp["population"][0]
    n, name, target = pop["size"], pop["name"], pop["ip_target_hz"]
    seconds = int(exp["simulation"]["duration_ms"] // 1000)
    os.makedirs(args.work, exist_ok=True)
    fixed_threshold = os.path.join(args.work, "fixed_threshold.toml")
    with open(args.experiment) as f, open(fixed_threshold, "w") as g:
        g.write(re.sub(r"(?m)^ip_eta_mv = .*$", "ip_eta_mv = 0.0", f.read()))
    data = {}
    for model, experiment, layer in (("golden", args.experiment, "golden"), ("fixed", args.experiment, "fixed"),
                                      ("golden, threshold fixed", fixed_threshold, "golden")):
        out = os.path.join(args.work, model.replace(", ", "_").replace(" ", "_"))
        cmd = [args.bin, "run", experiment, "--model", layer, "--out", out, "-q"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        data[model] = rates(out, name, n, seconds)
    os.makedirs(args.figdir, exist_ok=True)
    with open(os.path.join(args.figdir, "intrinsic_plasticity.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["second", "model", "neuron", "rate_hz"])
        for model, c in data.items():
            for j in range(n):
                for s in range(seconds):
                    w.writerow([s, model, j, c[j][s]])
    for model, c in data.items():
        last = [sum(c[j][seconds - 10:]) / 10.0 for j in range(n)]
        print(f"{model}: first second " + " ".join(f"{c[j][0]}" for j in range(n)) +
              " Hz; last 10 s " + " ".join(f"{x:.2f}" for x in last) + " Hz")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7.0, 4.0))
    x = [s + 0.5 for s in range(seconds)]
    cmap = plt.get_cmap("viridis")
    for j in range(n):
        color = cmap(j / max(1, n - 1))
        ax.plot(x, data["golden"][j], "-", color=color, lw=1.2, label=f"neuron {j}" if j in (0, n - 1) else None)
        ax.plot(x, data["fixed"][j], "--", color=color, lw=1.0)
    ax.axhline(target, color="tab:red", lw=1, label=f"target {target:g} Hz")
    ax.set_yscale("symlog", linthresh=1.0)
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("time [s]")
    ax.set_ylabel("rate [Hz] (1 s bins)")
    ax.legend(fontsize=7, title="solid golden, dashed fixed", title_fontsize=7)
    ax.set_title("Intrinsic plasticity: eight neurons under 0-0.95 nA, thresholds learn the target rate",
                 fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"intrinsic_plasticity.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "intrinsic_plasticity.{png,svg,csv}"))


if __name__ == "__main__":
    main()
