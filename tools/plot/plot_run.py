#!/usr/bin/python3
"""Figures of a run or compare directory, written to DIR/plots/ as PNG and SVG.

    /usr/bin/python3 tools/plot/plot_run.py DIR

(`plasticore plot DIR` runs this for a directory written by `plasticore run` or `compare`;
`Result.plot()` in Python calls plot_directory().) Reads only the result files
(docs/outputs in README.md), so it works on any result directory, old or new:

- spikes.png/svg: spike raster of every recorded group and the population rates (bins of
  10 ms, or duration / 200 for long runs);
- weights_<projection>.png/svg: the weight histogram at each snapshot (earliest light, final
  dark; log scale) and the traces of up to 12 synapses (the largest and smallest final weights and some
  between);
- membrane_<population>.png/svg: recorded membrane potentials (up to 8 neurons);
- core_load.png/svg (core and core-rtl runs): busy cycles per tick against the tick budget.

For a compare directory (compare.json, reference/, candidate/) each figure shows both runs, the
reference in grey and the candidate in colour. Exit status 3 if matplotlib is missing, 2 for a
directory that holds no results.
"""

import argparse
import csv
import json
import os
import sys

import numpy as np

try:
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable SVG
    import matplotlib.pyplot as plt
except ImportError:  # reported by main() and plot_directory()
    plt = None

BIN_MS = 10.0           # shortest population-rate bin; at most 200 bins per run
MAX_TRACES = 12         # weight traces per projection
MAX_MEMBRANES = 8       # membranes per population
REFERENCE_STYLE = dict(color="0.55", alpha=0.7)
CANDIDATE_COLOUR = "tab:blue"


class RunFiles:
    """The result files of one run directory, parsed into arrays."""

    def __init__(self, directory):
        self.directory = directory
        with open(os.path.join(directory, "summary.json")) as f:
            self.summary = json.load(f)
        self.model = self.summary.get("model", "?")
        self.dt = float(self.summary.get("dt_ms", 0.1))
        self.duration = self.dt * float(self.summary.get("steps", 0))
        self.spikes = self._read("spikes.csv", ("time_ms", float), ("population", str), ("neuron", int))
        self.weights = self._read("weights.csv", ("time_ms", float), ("projection", str), ("pre", int),
                                  ("post", int), ("weight_na", float))
        self.state = self._read("state.csv", ("time_ms", float), ("population", str), ("neuron", int),
                                ("v_mv", float))
        self.ticks = self._read("core_ticks.csv", ("time_ms", float), ("busy_cycles", float))

    def _read(self, name, *columns):
        path = os.path.join(self.directory, name)
        if not os.path.exists(path):
            return None
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            have = reader.fieldnames or []
        out = {}
        for col, kind in columns:
            if col not in have:
                return None
            values = [r[col] for r in rows]
            out[col] = np.array(values, dtype=object if kind is str else kind)
        return out

    def group_sizes(self):
        sizes = {}
        for key in ("populations", "sources"):
            for name, entry in (self.summary.get(key) or {}).items():
                if isinstance(entry, dict) and "size" in entry:
                    sizes[name] = int(entry["size"])
        return sizes


def _save(fig, out_dir, stem, formats):
    paths = []
    for fmt in formats:
        p = os.path.join(out_dir, "%s.%s" % (stem, fmt))
        fig.savefig(p, dpi=120, bbox_inches="tight")
        paths.append(p)
    plt.close(fig)
    return paths


def _label(run, role):
    return "%s (%s)" % (run.model, role) if role else run.model


def plot_spikes(runs, out_dir, formats):
    groups = []
    for run, _ in runs:
        if run.spikes is not None:
            for g in run.spikes["population"]:
                if g not in groups:
                    groups.append(g)
    if not groups:
        return []
    sizes = runs[-1][0].group_sizes()
    fig, axes = plt.subplots(len(groups), 2, figsize=(12, 2.6 * len(groups)), squeeze=False,
                             gridspec_kw=dict(width_ratios=[3, 2]))
    for row, g in enumerate(groups):
        ax_r, ax_h = axes[row]
        for run, role in runs:
            if run.spikes is None:
                continue
            m = run.spikes["population"] == g
            t, n = run.spikes["time_ms"][m], run.spikes["neuron"][m]
            style = REFERENCE_STYLE if role == "reference" else dict(color=CANDIDATE_COLOUR)
            ax_r.scatter(t, n, s=2 if role != "reference" else 6, marker="|" if role == "reference" else ".",
                         label=_label(run, role), **style)
            bin_ms = max(BIN_MS, run.duration / 200.0)
            edges = np.arange(0.0, run.duration + bin_ms, bin_ms)
            if len(edges) > 1:
                counts, _ = np.histogram(t, bins=edges)
                rate = counts / (bin_ms * 1e-3 * max(1, sizes.get(g, int(n.max()) + 1 if len(n) else 1)))
                ax_h.step(edges[:-1], rate, where="post", label=_label(run, role), **style)
        ax_r.set_ylabel("%s\nneuron" % g)
        ax_h.set_ylabel("rate [Hz]")
        if row == len(groups) - 1:
            ax_r.set_xlabel("time [ms]")
            ax_h.set_xlabel("time [ms] (%g ms bins)" % max(BIN_MS, runs[-1][0].duration / 200.0))
        if row == 0:
            ax_r.set_title("spike raster")
            ax_h.set_title("population rate")
            if len(runs) > 1:
                ax_r.legend(loc="upper right", fontsize=8)
    return _save(fig, out_dir, "spikes", formats)


def _weight_table(run, projection):
    w = run.weights
    m = w["projection"] == projection
    times = w["time_ms"][m]
    snap_times = np.unique(times)
    per_snap = [w["weight_na"][m][times == t] for t in snap_times]
    return snap_times, per_snap


def plot_weights(runs, out_dir, formats):
    paths = []
    projections = []
    for run, _ in runs:
        if run.weights is not None:
            for p in run.weights["projection"]:
                if p not in projections:
                    projections.append(p)
    for proj in projections:
        fig, (ax_h, ax_t) = plt.subplots(1, 2, figsize=(12, 4))
        for run, role in runs:
            if run.weights is None:
                continue
            times, per_snap = _weight_table(run, proj)
            if not per_snap:
                continue
            lo = min(float(s.min()) for s in per_snap)
            hi = max(float(s.max()) for s in per_snap)
            bins = np.linspace(lo, hi if hi > lo else lo + 1e-12, 41)
            cmap = plt.get_cmap("Greys" if role == "reference" else "Blues")
            for k, (t, s) in enumerate(zip(times, per_snap)):
                shade = 0.3 + 0.7 * (k + 1) / len(per_snap)
                last = k == len(per_snap) - 1
                ax_h.hist(s, bins=bins, histtype="step", color=cmap(shade), linewidth=2 if last else 1,
                          label=("%s t = %g ms" % (_label(run, role), t)) if (last or k == 0) else None)
            stack = np.vstack(per_snap)  # [snapshots, synapses]
            final = stack[-1]
            order = np.argsort(final)
            pick = np.unique(np.concatenate([order[:MAX_TRACES // 3], order[-MAX_TRACES // 3:],
                                             order[np.linspace(0, len(order) - 1, MAX_TRACES // 3).astype(int)]]))
            style = REFERENCE_STYLE if role == "reference" else dict(color=CANDIDATE_COLOUR, alpha=0.8)
            for j, s in enumerate(pick):
                ax_t.plot(times, stack[:, s], linewidth=1, label=_label(run, role) if j == 0 else None, **style)
        ax_h.set_xlabel("weight [nA]")
        ax_h.set_yscale("log")  # a small group at w_max (song2000's bimodal end) stays visible
        ax_h.set_ylabel("synapses (log scale)")
        ax_h.set_title("%s: weight histograms over the snapshots" % proj)
        ax_h.legend(fontsize=7)
        ax_t.set_xlabel("time [ms]")
        ax_t.set_ylabel("weight [nA]")
        ax_t.set_title("weight traces (largest, smallest and spread final weights)")
        if len(runs) > 1:
            ax_t.legend(fontsize=8)
        paths += _save(fig, out_dir, "weights_%s" % proj, formats)
    return paths


def plot_membranes(runs, out_dir, formats):
    paths = []
    pops = []
    for run, _ in runs:
        if run.state is not None:
            for p in run.state["population"]:
                if p not in pops:
                    pops.append(p)
    for pop in pops:
        fig, ax = plt.subplots(figsize=(12, 4))
        for run, role in runs:
            if run.state is None:
                continue
            m = run.state["population"] == pop
            neurons = np.unique(run.state["neuron"][m])[:MAX_MEMBRANES]
            for k, n in enumerate(neurons):
                mn = m & (run.state["neuron"] == n)
                style = REFERENCE_STYLE if role == "reference" else dict(color=plt.get_cmap("tab10")(k % 10))
                ax.plot(run.state["time_ms"][mn], run.state["v_mv"][mn], linewidth=2.5 if role == "reference" else 0.9,
                        label="%s neuron %d" % (_label(run, role), n), **style)
        ax.set_xlabel("time [ms]")
        ax.set_ylabel("membrane potential [mV]")
        ax.set_title("%s: recorded membranes" % pop)
        ax.legend(fontsize=7, ncol=2)
        paths += _save(fig, out_dir, "membrane_%s" % pop, formats)
    return paths


def plot_core_load(runs, out_dir, formats):
    core_runs = [(r, role) for r, role in runs if r.ticks is not None and "core" in r.summary]
    if not core_runs:
        return []
    fig, ax = plt.subplots(figsize=(12, 4))
    for run, role in core_runs:
        budget = float(run.summary["core"]["tick_budget_cycles"])
        ax.plot(run.ticks["time_ms"], run.ticks["busy_cycles"], linewidth=0.6,
                label="%s busy cycles per tick" % _label(run, role))
        ax.axhline(budget, color="tab:red", linestyle="--",
                   label="real-time budget %d cycles (%g MHz x %g ms)" % (
                       budget, run.summary["core"].get("clock_mhz", 0), run.dt))
    ax.set_xlabel("time [ms]")
    ax.set_ylabel("cycles")
    ax.set_title("core load: busy cycles per tick against the tick budget")
    ax.legend(fontsize=8)
    return _save(fig, out_dir, "core_load", formats)


def plot_directory(directory, out_dir=None, formats=("png", "svg")):
    """Every figure of a run or compare directory; returns the files written."""
    if plt is None:
        raise RuntimeError("matplotlib is missing for %s; install python3-matplotlib" % sys.executable)
    if os.path.exists(os.path.join(directory, "compare.json")):
        runs = [(RunFiles(os.path.join(directory, "reference")), "reference"),
                (RunFiles(os.path.join(directory, "candidate")), "candidate")]
    elif os.path.exists(os.path.join(directory, "summary.json")):
        runs = [(RunFiles(directory), None)]
    else:
        raise FileNotFoundError("'%s' holds neither summary.json nor compare.json" % directory)
    out_dir = out_dir or os.path.join(directory, "plots")
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for plot in (plot_spikes, plot_weights, plot_membranes, plot_core_load):
        paths += plot(runs, out_dir, formats)
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", help="a run or compare directory")
    ap.add_argument("--out", help="output directory (default DIR/plots)")
    args = ap.parse_args()
    if plt is None:
        sys.stderr.write("plot_run.py: matplotlib is missing for %s; install python3-matplotlib\n" % sys.executable)
        return 3
    try:
        paths = plot_directory(args.dir, args.out)
    except FileNotFoundError as e:
        sys.stderr.write("plot_run.py: %s\n" % e)
        return 2
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
