#!/usr/bin/python3
"""Figures and the table of docs/microcircuit.md, "Spike statistics", from `plasticore compare`
directories of golden (reference) against fixed (candidate), one per hardware preset.

    plot_statistics.py --out FIGDIR [--baseline COMPARE_DIR ...] LABEL=COMPARE_DIR [...]

Reads COMPARE_DIR/distributions.csv (per-neuron rates, CV ISI, pairwise correlations),
COMPARE_DIR/compare.json (window, KS, W1) and COMPARE_DIR/{reference,candidate}/spikes.csv, and
writes FIGDIR/rates.png, cv_isi.png, correlations.png (per population, golden against every
preset's fixed run) and raster.png; prints the markdown table of means, KS and W1.
--baseline names comparisons of golden with other seeds (other network instances, initial
states and samples): the first one's golden distributions are drawn dashed, and the largest KS
and W1 of their golden runs against the first directory's golden run are the seed-to-seed spread
that the golden-fixed distances are read against.
The golden run must be the same in every directory (the preset changes only the fixed layer):
checked, since the figures draw it once.
"""
import argparse
import csv
import json
import os
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

STATISTICS = [  # (CSV name, axis label, file, log density: the correlations' tails are thin)
    ("rate_hz", "firing rate [Hz]", "rates.png", False),
    ("cv_isi", "CV ISI", "cv_isi.png", False),
    ("correlation", "spike-count correlation", "correlations.png", True),
]
COLOURS = ["tab:blue", "tab:orange", "tab:green", "tab:red"]


def read_distributions(path):
    """{(population, run, statistic): np.array}, and the populations in file (experiment) order."""
    values = defaultdict(list)
    populations = []
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["population"] not in populations:
                populations.append(row["population"])
            values[(row["population"], row["run"], row["statistic"])].append(float(row["value"]))
    return {k: np.array(v) for k, v in values.items()}, populations


def read_spikes(path, t0, t1):
    """{population: (times [ms], neuron)} of the spikes in [t0, t1)."""
    by_pop = defaultdict(lambda: ([], []))
    with open(path) as f:
        for row in csv.DictReader(f):
            t = float(row["time_ms"])
            if t0 <= t < t1:
                by_pop[row["population"]][0].append(t)
                by_pop[row["population"]][1].append(int(row["neuron"]))
    return by_pop


def ks_w1(a, b):
    """Two-sample KS statistic and Wasserstein-1 distance of the empirical distributions."""
    a, b = np.sort(a), np.sort(b)
    x = np.unique(np.concatenate([a, b]))
    gap = np.abs(np.searchsorted(a, x, side="right") / a.size - np.searchsorted(b, x, side="right") / b.size)
    return gap.max(), float(np.sum(gap[:-1] * np.diff(x)))


def plot_distributions(runs, baseline, populations, statistic, label, log, path):
    fig, axes = plt.subplots(2, 4, figsize=(13, 5.8), sharey=False)
    for ax, pop in zip(axes.flat, populations):
        golden = runs[0][1][(pop, "reference", statistic)] if (pop, "reference", statistic) in runs[0][1] else np.array([])
        series = [("golden", golden, "black", 2.2)]
        if baseline is not None:
            series.append(("golden, other seed", baseline.get((pop, "reference", statistic), np.array([])), "grey", 1.2))
        for k, (name, dist, _) in enumerate(runs):
            series.append((f"fixed {name}", dist.get((pop, "candidate", statistic), np.array([])), COLOURS[k], 1.2))
        everything = np.concatenate([s[1] for s in series if s[1].size])
        if everything.size == 0:
            ax.set_title(f"{pop}: no values")
            continue
        lo, hi = np.percentile(everything, [0.5, 99.5])
        if hi <= lo:
            lo, hi = lo - 0.5, hi + 0.5
        bins = np.linspace(lo, hi, 31)
        for name, v, colour, width in series:
            if v.size:
                ax.hist(v, bins=bins, density=True, histtype="step", color=colour, linewidth=width,
                        linestyle="--" if colour == "grey" else "-",
                        label=name if pop == populations[0] else None)
        if log:
            ax.set_yscale("log")
        ax.set_title(f"{pop} (n = {golden.size} in golden)", fontsize=10)
        ax.set_xlabel(label, fontsize=9)
        ax.tick_params(labelsize=8)
    axes.flat[0].set_ylabel("density")
    axes.flat[4].set_ylabel("density")
    fig.legend(loc="upper center", ncol=len(runs) + 2, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_raster(runs, populations, sizes, t0, t1, path):
    panels = [("golden", os.path.join(runs[0][2], "reference", "spikes.csv"))]
    panels += [(f"fixed {name}", os.path.join(d, "candidate", "spikes.csv")) for name, _, d in runs]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 6), sharey=True)
    offsets, total = {}, 0
    for pop in reversed(populations):  # L2/3 at the top, as in Potjans & Diesmann (2014)
        offsets[pop] = total
        total += sizes[pop]
    for ax, (title, spikes_path) in zip(np.atleast_1d(axes), panels):
        spikes = read_spikes(spikes_path, t0, t1)
        for k, pop in enumerate(populations):
            t, n = spikes.get(pop, ([], []))
            ax.plot(t, np.array(n) + offsets[pop], ",", color="tab:blue" if pop.endswith("e") else "tab:red",
                    rasterized=True)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("time [ms]")
        ax.set_xlim(t0, t1)
        ax.set_ylim(0, total)
    first = np.atleast_1d(axes)[0]
    first.set_yticks([offsets[p] + sizes[p] / 2 for p in populations])
    first.set_yticklabels(populations)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}g}"


def print_table(runs, baselines, populations, compares):
    names = [n for n, _, _ in runs]
    head = "| population | statistic | golden mean (sd) | "
    if baselines:
        head += f"golden, {len(baselines)} other seeds: max KS / max W1 | "
    print(head + " | ".join(f"fixed {n} mean (sd) | KS / W1" for n in names) + " |")
    print("|---|---|---|" + ("---|" if baselines else "") + "---|---|" * len(names))
    for pop in populations:
        for stat, label in (("rate_hz", "rate [Hz]"), ("cv_isi", "CV ISI"), ("correlation", "correlation")):
            g = compares[0]["populations"][pop]["statistics"][stat]["reference"]
            cells = [f"{fmt(g['mean'])} ({fmt(g['sd'], 2)})"]
            if baselines:
                dw = [ks_w1(runs[0][1][(pop, "reference", stat)], b[(pop, "reference", stat)]) for b in baselines]
                cells.append(f"{fmt(max(d for d, _ in dw), 2)} / {fmt(max(w for _, w in dw), 2)}")
            for c in compares:
                s = c["populations"][pop]["statistics"][stat]
                f = s["candidate"]
                cells.append(f"{fmt(f['mean'])} ({fmt(f['sd'], 2)})")
                cells.append(f"{fmt(s['ks_statistic'], 2)} / {fmt(s['wasserstein1'], 2)}")
            print(f"| {pop} | {label} | " + " | ".join(cells) + " |")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="directory for the PNG files")
    p.add_argument("--baseline", action="append", default=[], help="a comparison of golden with another seed")
    p.add_argument("--raster-ms", type=float, default=300.0, help="length of the raster window [ms]")
    p.add_argument("comparisons", nargs="+", help="LABEL=COMPARE_DIR")
    args = p.parse_args()
    runs, compares = [], []
    populations = None
    for item in args.comparisons:
        name, _, d = item.partition("=")
        if not d:
            sys.exit(f"plot_statistics.py: '{item}' is not LABEL=COMPARE_DIR")
        dist, pops = read_distributions(os.path.join(d, "distributions.csv"))
        populations = populations or pops
        runs.append((name, dist, d))
        with open(os.path.join(d, "compare.json")) as f:
            compares.append(json.load(f))
    for name, dist, d in runs[1:]:
        for key in dist:
            if key[1] == "reference" and not np.array_equal(dist[key], runs[0][1][key]):
                sys.exit(f"plot_statistics.py: the golden run of '{name}' differs from that of '{runs[0][0]}' ({key})")
    baselines = [read_distributions(os.path.join(b, "distributions.csv"))[0] for b in args.baseline]
    baseline = baselines[0] if baselines else None
    os.makedirs(args.out, exist_ok=True)
    for statistic, label, file, log in STATISTICS:
        plot_distributions(runs, baseline, populations, statistic, label, log, os.path.join(args.out, file))
    sizes = {p: compares[0]["populations"][p]["size"] for p in populations}
    t0 = compares[0]["options"]["analysis_start_ms"]
    plot_raster(runs, populations, sizes, t0, t0 + args.raster_ms, os.path.join(args.out, "raster.png"))
    print_table(runs, baselines, populations, compares)


if __name__ == "__main__":
    main()
