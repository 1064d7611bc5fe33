#!/usr/bin/python3
"""docs/performance.md's figure from the CSV that bench/scaling.py (bench_microcircuit --csv) writes.

    /usr/bin/python3 tools/plot/plot_performance.py FILE.csv [more.csv ...] OUT_DIR

Three log-log panels of CPU seconds (user + sys: robust on a shared machine, where wall-clock
time also counts the time other processes held the cores) per second of biological time:
  (a) the "synapses" series (and any full-size row, file microcircuit.toml): loop per layer and
      the network build, against synapses;
  (b) the "neurons" series: loop per layer against neurons;
  (c) the "rates" series: loop per layer against the mean firing rate.
Writes OUT_DIR/scaling.png. When a file and model appear in several rows, the last row counts.
"""

import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"golden": "tab:blue", "fixed": "tab:orange", "core": "tab:green"}


def read_rows(paths):
    rows = {}
    for p in paths:
        with open(p, newline="") as f:
            for r in csv.DictReader(f):
                rows[(r["file"], r["model"])] = r
    return list(rows.values())


def series_of(file_name):
    if file_name.startswith("syn_") or file_name == "microcircuit.toml":
        return "synapses"
    if file_name.startswith("neu_"):
        return "neurons"
    if file_name.startswith("rate_"):
        return "rates"
    return None


def per_bio_second(r, key):
    return float(r[key]) / (float(r["duration_ms"]) * 1e-3)


def slope_guide(ax, xs, ys, label):
    """A dotted line of slope 1 through the largest point (cost proportional to the x axis)."""
    if not xs:
        return
    x1, y1 = max(zip(xs, ys))
    x0 = min(xs)
    ax.plot([x0, x1], [y1 * x0 / x1, y1], ":", color="grey", lw=1, label=label)


def panel(ax, rows, series, x_of, xlabel, title, build=False):
    chosen = [r for r in rows if series_of(r["file"]) == series]
    guide_x, guide_y = [], []
    for model in ("golden", "fixed", "core"):
        pts = sorted((x_of(r), per_bio_second(r, "loop_cpu_s")) for r in chosen if r["model"] == model)
        pts = [(x, y) for x, y in pts if x > 0 and y > 0]
        if not pts:
            continue
        xs, ys = zip(*pts)
        ax.plot(xs, ys, "o-", color=COLORS[model], label=f"{model} loop")
        if model == "golden":
            guide_x, guide_y = list(xs), list(ys)
    if build:
        pts = sorted((x_of(r), float(r["build_cpu_s"])) for r in chosen if r["model"] == "golden")
        pts = [(x, y) for x, y in pts if x > 0 and y > 0]
        if pts:
            xs, ys = zip(*pts)
            ax.plot(xs, ys, "s--", color="grey", label="network build (once)")
    slope_guide(ax, guide_x, guide_y, "slope 1")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    rows = read_rows(sys.argv[1:-1])
    out = sys.argv[-1]
    os.makedirs(out, exist_ok=True)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    panel(axes[0], rows, "synapses", lambda r: float(r["synapses"]), "synapses",
          "(a) microcircuit scaled: neurons x s, in-degrees x s", build=True)
    axes[0].set_ylabel("CPU seconds (user+sys) per biological second")
    panel(axes[1], rows, "neurons", lambda r: float(r["neurons"]), "neurons",
          "(b) neurons x n, in-degrees x 0.01")
    panel(axes[2], rows, "rates",
          lambda r: float(r["spikes"]) / (float(r["neurons"]) * float(r["duration_ms"]) * 1e-3),
          "mean firing rate [Hz]", "(c) 10% microcircuit, DC input x 0.9 .. 1.3")
    fig.tight_layout()
    path = os.path.join(out, "scaling.png")
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
