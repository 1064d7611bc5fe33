#!/usr/bin/python3
"""Figures of a `plasticore sweep` directory (docs/sweep.md), written to DIR/plots/ as PNG and SVG.

    /usr/bin/python3 tools/plot/plot_sweep.py DIR [--metrics m1,m2,...]

(`plasticore plot DIR` runs this.) Reads DIR/sweep.json, DIR/sweep_summary.csv and DIR/points/.

- metric_<name>.png/svg: each metric against the numeric swept key (the x axis), one line per
  value of the string swept key (e.g. the rounding mode); other swept keys are folded into the
  line labels. With several seeds, the line is the mean and the band its 95% confidence interval
  (t-based, sweep_summary.csv).
- weights_<projection>.png/svg: final weight histograms, reference (grey) against candidate, for
  the smallest, middle and largest x, one row per line (seed index 0).
- raster.png/svg: reference and candidate spike rasters at the smallest and largest x (first line,
  seed index 0), when the point files hold spikes.
- pareto_<cost>.png/svg, pareto_<cost>.csv and pareto.json: when the sweep has design metrics
  (candidate core or core-rtl: energy_per_event_pj, area_mm2), the accuracy loss (--accuracy, a
  metric column; default the first PROJECTION.weight_w1_na, else van_rossum_mean) against each
  cost, per point (means over seeds), with the non-dominated points (no other point is at most
  as bad in both and better in one) marked and listed.

Exit status 3 if matplotlib is missing, 2 for a directory that is not a sweep.
"""

import argparse
import csv
import json
import math
import os
import re
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.stderr.write("plot_sweep.py: matplotlib is missing for %s; install python3-matplotlib\n" % sys.executable)
    sys.exit(3)

UNITS = [("_pj", "pJ"), ("_uj", "uJ"), ("_mm2", "mm^2"), ("margin", "budget / busy cycles"),
         ("capacity_rate_factor", "x input rate"), ("synaptic_events", "events"), ("_mv", "mV"), ("_na", "nA"), ("_ms", "ms"), ("_step", "steps"), ("_spikes", "spikes"),
         ("_difference", "spikes"), ("_fraction", "1"), ("van_rossum", "1"), ("near_m", "fraction of synapses"),
         ("saturations", "events"), ("wraps", "events")]

LABELS = {
    "spike_count_difference": "spike count difference, candidate - reference",
    "match_fraction": "matched spike fraction",
    "van_rossum_mean": "van Rossum distance, mean over neurons",
    "van_rossum_max": "van Rossum distance, max over neurons",
    "first_divergence_step": "first diverging spike",
    "v_rmse_mv": "membrane potential RMSE",
    "v_max_abs_mv": "membrane potential max |error|",
    "candidate_saturations": "candidate saturations",
    "candidate_wraps": "candidate wraps",
}


def unit_of(metric):
    for suffix, unit in UNITS:
        if suffix in metric:
            return unit
    return "1"


def label_of(metric):
    if metric in LABELS:
        text = LABELS[metric]
    elif "." in metric:
        proj, m = metric.split(".", 1)
        text = "%s: %s" % (proj, m.replace("_na", "").replace("_", " "))
    else:
        text = metric.replace("_", " ")
    return "%s [%s]" % (text, unit_of(metric))


def key_label(key, values=()):
    if values and all(FORMAT.match(v) for v in values):
        return "%s, fraction bits [bits]" % key
    units = {"_ms": "ms", "_bits": "bits", "bits": "bits", "_size": "entries", "_hz": "Hz", "_na": "nA"}
    for s, u in units.items():
        if key.endswith(s):
            return "%s [%s]" % (key, u)
    return key


FORMAT = re.compile(r"^[su]\d+\.(\d+)$")  # a fixed-point format: its fraction bits are the x value


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        m = FORMAT.match(text) if isinstance(text, str) else None
        return float(m.group(1)) if m else None


def save(fig, out_dir, name):
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out_dir, "%s.%s" % (name, ext)), dpi=150, bbox_inches="tight")
    plt.close(fig)


COSTS = [("energy_per_event_pj", "energy per synaptic event [pJ]"), ("area_mm2", "area [mm^2]")]


def non_dominated(points):
    """Indices of the points (loss, cost) that no other point dominates (both minimised)."""
    front = []
    for i, (li, ci) in enumerate(points):
        if not any(lj <= li and cj <= ci and (lj < li or cj < ci) for j, (lj, cj) in enumerate(points) if j != i):
            front.append(i)
    return front


def pareto_fronts(summary, keys, metrics, accuracy, out_dir):
    """The Pareto fronts of accuracy loss against energy per event and against area."""
    costs = [(c, label) for c, label in COSTS if c in metrics]
    if not costs:
        return []
    if not accuracy:
        w1 = [m for m in metrics if m.endswith(".weight_w1_na")]
        accuracy = w1[0] if w1 else "van_rossum_mean"
    written = []
    fronts = {"accuracy_metric": accuracy, "statistic": "mean over seeds", "fronts": {}}
    for cost, cost_label in costs:
        rows = []
        for r in summary:
            loss, c = number(r.get(accuracy + "_mean")), number(r.get(cost + "_mean"))
            if loss is not None and c is not None and math.isfinite(loss) and math.isfinite(c):
                rows.append((r, loss, c))
        if not rows:
            continue
        front = set(non_dominated([(l, c) for _, l, c in rows]))
        listing = []
        for i in sorted(front, key=lambda i: (rows[i][2], rows[i][1])):
            r, loss, c = rows[i]
            listing.append({"values": {k: r[k] for k in keys}, accuracy: loss, cost: c})
        fronts["fronts"][cost] = listing
        with open(os.path.join(out_dir, "pareto_%s.csv" % cost), "w") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(keys + [accuracy, cost, "non_dominated"])
            for i, (r, loss, c) in enumerate(rows):
                w.writerow([r[k] for k in keys] + [repr(loss), repr(c), 1 if i in front else 0])
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        others = [i for i in range(len(rows)) if i not in front]
        ax.scatter([rows[i][2] for i in others], [rows[i][1] for i in others], s=14, color="0.6", label="dominated")
        fr = sorted(front, key=lambda i: (rows[i][2], rows[i][1]))
        ax.plot([rows[i][2] for i in fr], [rows[i][1] for i in fr], "o-", color="C3", ms=5, label="non-dominated")
        # Number the front's designs (equal ones share a number) and list them beside the axes,
        # naming only the keys that vary in the sweep; a key that differs among equal designs
        # shows its values joined by '|'.
        varying = [k for k in keys if len({r[k] for r, _, _ in rows}) > 1]
        groups = []
        for i in fr:
            if groups and (rows[groups[-1][0]][1], rows[groups[-1][0]][2]) == (rows[i][1], rows[i][2]):
                groups[-1].append(i)
            else:
                groups.append([i])
        lines = []
        for n, g in enumerate(groups, 1):
            r0, loss, c = rows[g[0]]
            ax.annotate(str(n), (c, loss), fontsize=6, xytext=(3, 3), textcoords="offset points")
            parts = []
            for k in varying:
                vals = []
                for i in g:
                    if rows[i][0][k] not in vals:
                        vals.append(rows[i][0][k])
                parts.append("%s=%s" % (k.split(".")[-1], "|".join(vals)))
            lines.append("%d: %s" % (n, ", ".join(parts)))
        if len(lines) <= 30:
            fig.text(1.0, 0.5, "\n".join(lines), fontsize=6, va="center", ha="left", family="monospace")
        losses = [l for _, l, _ in rows]
        if min(losses) > 0 and max(losses) > 100 * min(losses):
            ax.set_yscale("log")  # losses over decades: the front's low end stays readable
        ax.set_xlabel(cost_label)
        ax.set_ylabel("accuracy loss: " + label_of(accuracy))
        ax.set_title("Pareto front, %d of %d designs non-dominated" % (len(front), len(rows)), fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        save(fig, out_dir, "pareto_" + cost)
        written.append("pareto_" + cost)
    with open(os.path.join(out_dir, "pareto.json"), "w") as f:
        json.dump(fronts, f, indent=1)
        f.write("\n")
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--metrics", help="comma-separated metric columns (default: every metric that varies)")
    ap.add_argument("--accuracy", help="metric on the accuracy-loss axis of the Pareto fronts")
    args = ap.parse_args()
    path = os.path.join(args.dir, "sweep.json")
    if not os.path.exists(path):
        sys.stderr.write("plot_sweep.py: %s not found; run plasticore sweep first\n" % path)
        return 2
    with open(path) as f:
        sweep = json.load(f)
    out_dir = os.path.join(args.dir, "plots")
    os.makedirs(out_dir, exist_ok=True)
    axes = sweep["spec"]["axes"]
    keys = [a["key"] for a in axes]
    metrics = sweep["columns"]["metrics"]
    all_metrics = list(metrics)
    if args.accuracy and args.accuracy not in all_metrics:
        sys.stderr.write("plot_sweep.py: --accuracy %s: not a metric of this sweep (known: %s)\n"
                         % (args.accuracy, ", ".join(all_metrics)))
        return 2
    if args.metrics:
        metrics = [m for m in args.metrics.split(",") if m in metrics]

    # The x axis: the numeric key with the most values; lines: the remaining varying keys.
    numeric = [a for a in axes if len(a["values"]) > 1 and all(number(v) is not None for v in a["values"])]
    x_axis = max(numeric, key=lambda a: len(a["values"]))["key"] if numeric else None
    line_keys = [a["key"] for a in axes if len(a["values"]) > 1 and a["key"] != x_axis]

    summary = []
    with open(os.path.join(args.dir, "sweep_summary.csv")) as f:
        summary = list(csv.DictReader(f))
    seeds = max((int(r["seeds"]) for r in summary), default=1)

    def line_of(values):
        return ", ".join("%s=%s" % (k.split(".")[-1], values[k]) for k in line_keys) or "all"

    written = []
    if x_axis:
        lines = {}
        for r in summary:
            lines.setdefault(line_of(r), []).append(r)
        for m in metrics:
            ys = [number(r.get(m + "_mean")) for r in summary]
            ys = [y for y in ys if y is not None]
            if not ys or max(ys) == min(ys) and m.startswith("reference"):
                continue
            fig, ax = plt.subplots(figsize=(6.4, 4.2))
            for name, rows in lines.items():
                pts = sorted((number(r[x_axis]), number(r.get(m + "_mean")), number(r.get(m + "_ci95"))) for r in rows)
                pts = [p for p in pts if p[1] is not None]
                if not pts:
                    continue
                xs = [p[0] for p in pts]
                mu = [p[1] for p in pts]
                ax.plot(xs, mu, marker="o", ms=3, label=name)
                if seeds > 1:
                    lo = [p[1] - (p[2] or 0.0) for p in pts]
                    hi = [p[1] + (p[2] or 0.0) for p in pts]
                    ax.fill_between(xs, lo, hi, alpha=0.2)
            ax.set_xlabel(key_label(x_axis, next(a["values"] for a in axes if a["key"] == x_axis)))
            ax.set_ylabel(label_of(m))
            if seeds > 1:
                ax.set_title("mean over %d seeds, 95%% CI" % seeds, fontsize=9)
            ax.grid(alpha=0.3)
            if len(lines) > 1:
                ax.legend(fontsize=8)
            name = "metric_" + m.replace(".", "_")
            save(fig, out_dir, name)
            written.append(name)

    # Weight histograms and rasters from the point files (seed index 0).
    points_dir = os.path.join(args.dir, "points")
    points = []
    if os.path.isdir(points_dir):
        for fn in sorted(os.listdir(points_dir)):
            if fn.endswith("-k0.json") and not fn.startswith("."):
                with open(os.path.join(points_dir, fn)) as f:
                    points.append(json.load(f))
    if points:
        by_line = {}
        for p in points:
            by_line.setdefault(line_of(p["values"]), []).append(p)
        for ps in by_line.values():
            ps.sort(key=lambda p: number(p["values"][x_axis]) if x_axis else p["index"])
        projections = sorted(points[0].get("weights", {}).keys())
        for proj in projections:
            line_names = list(by_line)[:6]
            n_cols = min(3, len(by_line[line_names[0]]))
            fig, grid = plt.subplots(len(line_names), n_cols, figsize=(3.2 * n_cols, 2.3 * len(line_names)),
                                     squeeze=False, sharex=True)
            for i, ln in enumerate(line_names):
                ps = by_line[ln]
                picks = [ps[0], ps[len(ps) // 2], ps[-1]][:n_cols] if len(ps) >= 3 else ps[:n_cols]
                for j, p in enumerate(picks):
                    w = p["weights"][proj]
                    n = len(w["reference"])
                    width = (w["w_max_na"] - w["w_min_na"]) / n
                    edges = [w["w_min_na"] + k * width for k in range(n)]
                    ax = grid[i][j]
                    ax.bar(edges, w["reference"], width=width, align="edge", color="0.6", label="reference")
                    ax.step(edges + [w["w_max_na"]], w["candidate"] + [w["candidate"][-1]], where="post",
                            color="C3", label="candidate")
                    title = "%s=%s" % (x_axis.split(".")[-1], p["values"][x_axis]) if x_axis else "point %d" % p["index"]
                    ax.set_title("%s; %s" % (ln, title), fontsize=7)
                    if i == len(line_names) - 1:
                        ax.set_xlabel("final weight [nA]")
                    if j == 0:
                        ax.set_ylabel("synapses")
            grid[0][0].legend(fontsize=6)
            name = "weights_" + proj
            save(fig, out_dir, name)
            written.append(name)
        first = by_line[list(by_line)[0]]
        picks = [first[0], first[-1]] if len(first) > 1 else first[:1]
        if all("spikes" in p for p in picks):
            fig, grid = plt.subplots(len(picks), 1, figsize=(7, 1.9 * len(picks)), squeeze=False, sharex=True)
            for i, p in enumerate(picks):
                ax = grid[i][0]
                offset = 0
                for who, color, dy in (("reference", "0.3", 0.2), ("candidate", "C3", -0.2)):
                    for group, s in p["spikes"][who].items():
                        ax.scatter(s["t_ms"], [n + dy for n in s["neuron"]], s=2, marker="|", color=color,
                                   label="%s %s" % (who, group))
                ax.set_ylabel("neuron")
                title = "%s=%s" % (x_axis, p["values"][x_axis]) if x_axis else "point %d" % p["index"]
                ax.set_title(title, fontsize=8)
                ax.legend(fontsize=6, loc="upper right", markerscale=4)
            grid[-1][0].set_xlabel("time [ms]")
            save(fig, out_dir, "raster")
            written.append("raster")
    written += pareto_fronts(summary, keys, all_metrics, args.accuracy, out_dir)
    print("wrote %d figures to %s (PNG and SVG)" % (len(written), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
