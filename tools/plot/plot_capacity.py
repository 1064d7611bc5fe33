#!/usr/bin/python3
"""Figure of a `plasticore capacity --clock-mhz ... --lanes ... --out DIR` grid (docs/energy.md).

    /usr/bin/python3 tools/plot/plot_capacity.py DIR

(`plasticore plot DIR` runs this.) Reads DIR/capacity.json and writes DIR/plots/capacity.png/svg:
the real-time capacity (the largest factor on every Poisson rate that meets the tick budget on
every tick, solid, and on 99% of ticks, dashed) against the core clock, one line per lane count.
Capped points (the fastest source already spikes on every step) are drawn hollow.

Exit status 3 if matplotlib is missing, 2 for a directory without capacity.json.
"""

import json
import os
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.stderr.write("plot_capacity.py: matplotlib is missing for %s; install python3-matplotlib\n" % sys.executable)
    sys.exit(3)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: plot_capacity.py DIR\n")
        return 2
    path = os.path.join(sys.argv[1], "capacity.json")
    if not os.path.exists(path):
        sys.stderr.write("plot_capacity.py: %s not found; run plasticore capacity --out first\n" % path)
        return 2
    with open(path) as f:
        grid = json.load(f)
    out_dir = os.path.join(sys.argv[1], "plots")
    os.makedirs(out_dir, exist_ok=True)
    lines = {}
    for p in grid["points"]:
        lines.setdefault(p["lanes"], []).append(p)
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    rate = grid.get("first_poisson_rate_hz") or 0
    for k, (lanes, ps) in enumerate(sorted(lines.items())):
        ps.sort(key=lambda p: p["clock_mhz"])
        color = "C%d" % k
        xs = [p["clock_mhz"] for p in ps]
        ax.plot(xs, [p["rate_factor"] for p in ps], "-", color=color, label="%d lane(s), every tick" % lanes)
        ax.plot(xs, [p["rate_factor_p99"] for p in ps], "--", color=color, label="%d lane(s), 99%% of ticks" % lanes)
        for p in ps:
            ax.plot(p["clock_mhz"], p["rate_factor"], "o", color=color, mfc="none" if p["capped"] else color, ms=5)
    ax.set_xlabel("core clock [MHz]")
    ax.set_ylabel("capacity: factor on every Poisson rate [1]")
    if rate:
        sec = ax.secondary_yaxis("right", functions=(lambda f: f * rate, lambda r: r / rate))
        sec.set_ylabel("first source's rate [Hz]")
    ax.set_title("%s, %g ms (hollow: the cap, a spike per step)" % (os.path.basename(grid["experiment"]),
                                                                     grid["duration_ms"]), fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out_dir, "capacity.%s" % ext), dpi=150, bbox_inches="tight")
    print("wrote capacity.png and capacity.svg to %s" % out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
