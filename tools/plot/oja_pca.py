#!/usr/bin/python3
"""Oja's rule finding the first principal component (docs/plasticity-rules.md): runs
examples/oja_pca.toml on golden and fixed (and golden with the plain Hebbian rule as a control)
and draws each neuron's cosine with the first principal component and its weight norm over time.

    /usr/bin/python3 tools/plot/oja_pca.py --bin build/plasticore [--experiment examples/oja_pca.toml] \
        [--work /tmp/oja_pca] [--figdir docs/figures/rules]

Writes FIGDIR/oja_pca.csv (time_s, model, neuron, cosine, norm_na) and oja_pca.{png,svg}.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
from collections import defaultdict

PC1 = [3.0] * 5 + [1.0] * 15  # the correlated inputs first (docs/plasticity-rules.md)


def series(out):
    w = defaultdict(lambda: defaultdict(list))
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        key = (r["projection"] != "common_to_post", int(r["pre"]))
        w[float(r["time_ms"]) / 1000.0][int(r["post"])].append((key, float(r["weight_na"])))
    rows = []
    npc = math.sqrt(sum(x * x for x in PC1))
    for t in sorted(w):
        for j, entries in sorted(w[t].items()):
            v = [x for _, x in sorted(entries)]
            n = math.sqrt(sum(x * x for x in v))
            rows.append((t, j, sum(a * b for a, b in zip(v, PC1)) / (n * npc), n))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/oja_pca.toml")
    ap.add_argument("--work", default="/tmp/oja_pca")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    hebb = os.path.join(args.work, "hebbian.toml")
    with open(args.experiment) as f, open(hebb, "w") as g:
        g.write(f.read().replace('rule = "oja"', 'rule = "hebbian"'))
    data = {}
    for name, exp, model in (("golden", args.experiment, "golden"), ("fixed", args.experiment, "fixed"),
                             ("golden, hebbian", hebb, "golden")):
        out = os.path.join(args.work, name.replace(", ", "_"))
        cmd = [args.bin, "run", exp, "--model", model, "--out", out, "-q"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
        data[name] = series(out)
    os.makedirs(args.figdir, exist_ok=True)
    with open(os.path.join(args.figdir, "oja_pca.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["time_s", "model", "neuron", "cosine", "norm_na"])
        for name, rows in data.items():
            for t, j, c, n in rows:
                w.writerow([f"{t:g}", name, j, f"{c:.5f}", f"{n:.5f}"])
    for name, rows in data.items():
        last = [r for r in rows if r[0] == rows[-1][0]]
        print(f"{name}: end cosine {min(r[2] for r in last):.3f}-{max(r[2] for r in last):.3f}, "
              f"norm {min(r[3] for r in last):.2f}-{max(r[3] for r in last):.2f} nA")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True)
    styles = {"golden": ("-", "black"), "fixed": ("--", "tab:orange"), "golden, hebbian": (":", "tab:blue")}
    for name, rows in data.items():
        style, color = styles[name]
        for j in sorted({r[1] for r in rows}):
            pts = [r for r in rows if r[1] == j]
            label = name if j == 0 else None
            a1.plot([r[0] for r in pts], [r[2] for r in pts], style, color=color, lw=1.0, label=label)
            a2.plot([r[0] for r in pts], [r[3] for r in pts], style, color=color, lw=1.0, label=label)
    a1.axhline(0.95, color="tab:green", lw=0.8, label="0.95")
    a1.set_ylabel("cosine with PC1")
    a1.legend(fontsize=7)
    a2.set_ylabel("weight norm [nA]")
    a2.set_yscale("log")
    a2.set_xlabel("time [s]")
    a2.legend(fontsize=7)
    a1.set_title("Oja's rule (Oja 1982): first principal component, bounded norm (4 neurons)", fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"oja_pca.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "oja_pca.{png,svg,csv}"))


if __name__ == "__main__":
    main()
