#!/usr/bin/python3
"""The pairing-frequency dependence of triplet STDP (docs/plasticity-rules.md): runs
examples/triplet_frequency.toml (or a variant) on golden and fixed and draws the weight change
of 60 pairings against the pairing frequency, for dt = -10 and +10 ms, beside the model's own
curve computed here independently of plasticore (the triplet rule of Pfister & Gerstner 2006,
Eqs. 3-4, applied to the protocol's exact spike times, with the paper's parameters).

    /usr/bin/python3 tools/plot/triplet_frequency.py --bin build/plasticore \
        [--experiment examples/triplet_frequency.toml] [--work /tmp/triplet] \
        [--figdir docs/figures/rules] [--name triplet_frequency]

Writes FIGDIR/NAME.csv (frequency_hz, dt_ms, model, golden, fixed: dw in nA) and NAME.{png,svg}.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tomllib

FREQUENCIES = [0.1, 1, 5, 10, 20, 30, 40, 50]


def tag(f):
    return str(f).replace(".", "p")


def model_dw(p, frequency, dt, n_pairs=60, delay=1.0, w0=0.5):
    """The triplet rule on ideal trains: pre arrives at k/f + delay, post fires dt later."""
    period = 1000.0 / frequency
    events = []
    for k in range(n_pairs):
        t_pre = 200.0 + k * period + delay
        events.append((t_pre, "pre"))
        events.append((t_pre + dt, "post"))
    # Arrival before post spike within a step: a pre event at the same time comes first.
    events.sort(key=lambda e: (e[0], 0 if e[1] == "pre" else 1))
    nearest = p.get("pairing", "all_to_all") == "nearest"
    r1 = r2 = o1 = o2 = 0.0
    last = None
    w, lo, hi = w0, float(p["w_min_na"]), float(p["w_max_na"])
    rng = hi - lo
    for t, kind in events:
        if last is not None:
            h = t - last
            r1 *= math.exp(-h / p["tau_plus_ms"])
            r2 *= math.exp(-h / p["tau_x_ms"])
            o1 *= math.exp(-h / p["tau_minus_ms"])
            o2 *= math.exp(-h / p["tau_y_ms"])
        last = t
        if kind == "pre":
            w = min(hi, max(lo, w - rng * o1 * (p["a2_minus"] + p["a3_minus"] * r2)))
            r1, r2 = (1.0, 1.0) if nearest else (r1 + 1, r2 + 1)
        else:
            w = min(hi, max(lo, w + rng * r1 * (p["a2_plus"] + p["a3_plus"] * o2)))
            o1, o2 = (1.0, 1.0) if nearest else (o1 + 1, o2 + 1)
    return w - w0


def run(binary, experiment, model, out):
    cmd = [binary, "run", experiment, "--model", model, "--out", out, "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")


def final_changes(out, initial=0.5):
    rows = list(csv.DictReader(open(os.path.join(out, "weights.csv"))))
    final = {}
    for r in rows:
        final[(r["projection"], int(r["pre"]))] = float(r["weight_na"])
    return {k: v - initial for k, v in final.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/triplet_frequency.toml")
    ap.add_argument("--work", default="/tmp/triplet_frequency")
    ap.add_argument("--figdir", default="docs/figures/rules")
    ap.add_argument("--name", default="triplet_frequency")
    args = ap.parse_args()
    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    params = next(pr["plasticity"] for pr in exp["projection"] if "plasticity" in pr)
    os.makedirs(args.figdir, exist_ok=True)
    dw = {}
    for model in ("golden", "fixed"):
        out = os.path.join(args.work, model)
        run(args.bin, args.experiment, model, out)
        dw[model] = final_changes(out)
    rows = []
    for f in FREQUENCIES:
        for ch, dt in ((0, -10.0), (1, 10.0)):
            key = (f"plastic_{tag(f)}hz", ch)
            rows.append((f, dt, model_dw(params, f, dt), dw["golden"][key], dw["fixed"][key]))
    path = os.path.join(args.figdir, args.name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["frequency_hz", "dt_ms", "model_dw_na", "golden_dw_na", "fixed_dw_na"])
        for r in rows:
            w.writerow([r[0], r[1]] + [f"{x:.6f}" for x in r[2:]])
    print(open(path).read())

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for dt, colour in ((-10.0, "tab:blue"), (10.0, "tab:red")):
        sel = [r for r in rows if r[1] == dt]
        fs = [r[0] for r in sel]
        ax.plot(fs, [r[2] for r in sel], "-", color=colour, lw=1.5, label=f"model, dt = {dt:+.0f} ms")
        ax.plot(fs, [r[3] for r in sel], "o", color=colour, mfc="none", label=f"golden, dt = {dt:+.0f} ms")
        ax.plot(fs, [r[4] for r in sel], "x", color=colour, label=f"fixed (reference), dt = {dt:+.0f} ms")
    ax.axhline(0.0, color="k", lw=0.5)
    ax.axhline(float(params["w_max_na"]) - 0.5, color="grey", lw=0.5, ls=":")
    ax.set_xlabel("pairing frequency [Hz]")
    ax.set_ylabel("weight change after 60 pairings [nA]")
    ax.set_title("Triplet STDP (Pfister & Gerstner 2006, visual cortex), Sjostrom protocol", fontsize=9)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"{args.name}.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, args.name + ".{png,svg,csv}"))


if __name__ == "__main__":
    main()
