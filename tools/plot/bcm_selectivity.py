#!/usr/bin/python3
"""BCM selectivity (docs/plasticity-rules.md): runs examples/bcm_selectivity.toml on golden and
fixed (and golden with the plain Hebbian rule as a control), then a test run of each with the
final weights frozen (static list projections, 10 s), and draws each neuron's selectivity index
over time and its weights.

Selectivity index of a neuron: 1 - r_weak / r_strong, where r_A and r_B are its mean output
rates during the presentations of pattern A and of pattern B (0 if it fires in neither).

    /usr/bin/python3 tools/plot/bcm_selectivity.py --bin build/plasticore \
        [--experiment examples/bcm_selectivity.toml] [--work /tmp/bcm_selectivity] [--figdir docs/figures/rules]

Writes FIGDIR/bcm_selectivity.csv (time_s, model, neuron, index, r_a_hz, r_b_hz, mean_w_a_na,
mean_w_b_na; time_s "test" for the frozen test run) and bcm_selectivity.{png,svg}.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tomllib
from collections import defaultdict

WINDOW_S = 5.0   # index over 5 s (10 presentations of each pattern)
TEST_MS = 10000.0


def run(binary, exp, model, out):
    cmd = [binary, "run", exp, "--model", model, "--out", out, "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")


def pattern_of(t_ms, on_ms, off_ms, b_start_ms):
    """'a' or 'b': which pattern is on at t (A from 0, B from b_start_ms, alternating)."""
    period = on_ms + off_ms
    return "a" if (t_ms % period) < on_ms else ("b" if t_ms >= b_start_ms else None)


def index_of(ra, rb):
    strong, weak = max(ra, rb), min(ra, rb)
    return 0.0 if strong == 0 else 1.0 - weak / strong


def rates(out, n_post, t0_ms, t1_ms, on_ms, off_ms, b_start_ms):
    """Per neuron (r_A, r_B) [Hz] over [t0, t1)."""
    count = defaultdict(lambda: {"a": 0, "b": 0})
    for r in csv.DictReader(open(os.path.join(out, "spikes.csv"))):
        t = float(r["time_ms"])
        if r["population"] == "post" and t0_ms <= t < t1_ms:
            p = pattern_of(t, on_ms, off_ms, b_start_ms)
            if p:
                count[int(r["neuron"])][p] += 1
    on_time_s = (t1_ms - t0_ms) / 1000.0 * on_ms / (on_ms + off_ms)
    return [(count[j]["a"] / on_time_s, count[j]["b"] / on_time_s) for j in range(n_post)]


def weights(out):
    """time_s -> projection -> post -> [weights]."""
    w = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    final = defaultdict(list)
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        w[float(r["time_ms"]) / 1000.0][r["projection"]][int(r["post"])].append(float(r["weight_na"]))
    return w


def final_connections(out, duration_ms):
    """projection -> [(pre, post, weight)] at the end of the run."""
    conn = defaultdict(list)
    for r in csv.DictReader(open(os.path.join(out, "weights.csv"))):
        if abs(float(r["time_ms"]) - duration_ms) < 1e-6:
            conn[r["projection"]].append((int(r["pre"]), int(r["post"]), float(r["weight_na"])))
    return conn


def frozen_experiment(text, conn, delay_ms):
    """The experiment with every plastic projection replaced by a static list of `conn`, TEST_MS long."""
    text = re.sub(r"duration_ms = [0-9.]+", f"duration_ms = {TEST_MS}", text, count=1)
    text = re.sub(r"\[projection\.plasticity\][^\[]*", "", text)
    for name, entries in conn.items():
        listing = ", ".join(f"[{p}, {q}, {w!r}, {delay_ms}]" for p, q, w in entries)
        text = re.sub(rf'(name = "{name}"\n(?:.*\n)*?)connector = "all_to_all"\nweight_na = .*\n',
                      rf'\1connector = "list"\nconnections = [{listing}]\n', text, count=1)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/bcm_selectivity.toml")
    ap.add_argument("--work", default="/tmp/bcm_selectivity")
    ap.add_argument("--figdir", default="docs/figures/rules")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    text = open(args.experiment).read()
    ex = tomllib.loads(text)
    duration = ex["simulation"]["duration_ms"]
    n_post = ex["population"][0]["size"]
    src = {s["name"]: s for s in ex["source"]}
    on, off, b_start = src["pattern_a"]["on_ms"], src["pattern_a"]["off_ms"], src["pattern_b"]["start_ms"]
    delay = ex["projection"][0]["delay_ms"]
    p = ex["projection"][0]["plasticity"]
    # The control: the plain Hebbian rule, eta rho0 (dw/dt = eta rho0 r_pre r_post: BCM's with
    # r_post - theta replaced by rho0), no threshold keys.
    hebb_text = re.sub(r"rule = \"bcm\"\neta = [0-9.e-]+\n", f'rule = "hebbian"\neta = {p["eta"] * p["rho0_hz"]!r}\n', text)
    hebb_text = re.sub(r"(tau_theta_ms|rho0_hz|theta0_hz) = .*\n", "", hebb_text)
    hebb = os.path.join(args.work, "hebbian.toml")
    open(hebb, "w").write(hebb_text)

    rows, tests = [], {}
    for name, exp, model in (("golden", args.experiment, "golden"), ("fixed", args.experiment, "fixed"),
                             ("golden, hebbian", hebb, "golden")):
        out = os.path.join(args.work, name.replace(", ", "_"))
        run(args.bin, exp, model, out)
        w = weights(out)
        t = 0.0
        while t + WINDOW_S <= duration / 1000.0 + 1e-9:
            r = rates(out, n_post, t * 1000.0, (t + WINDOW_S) * 1000.0, on, off, b_start)
            snap = w.get(t + WINDOW_S, {})
            for j, (ra, rb) in enumerate(r):
                wa, wb = snap.get("a_to_post", {}).get(j, [0]), snap.get("b_to_post", {}).get(j, [0])
                rows.append((f"{t + WINDOW_S:g}", name, j, index_of(ra, rb), ra, rb, sum(wa) / len(wa), sum(wb) / len(wb)))
            t += WINDOW_S
        # The test presentations: the final weights frozen.
        frozen = os.path.join(args.work, name.replace(", ", "_") + "_test.toml")
        open(frozen, "w").write(frozen_experiment(open(exp).read(), final_connections(out, duration), delay))
        run(args.bin, frozen, "golden" if model == "golden" else "fixed", out + "_test")
        tests[name] = rates(out + "_test", n_post, 0.0, TEST_MS, on, off, b_start)
        for j, (ra, rb) in enumerate(tests[name]):
            rows.append(("test", name, j, index_of(ra, rb), ra, rb, "", ""))

    os.makedirs(args.figdir, exist_ok=True)
    with open(os.path.join(args.figdir, "bcm_selectivity.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["time_s", "model", "neuron", "index", "r_a_hz", "r_b_hz", "mean_w_a_na", "mean_w_b_na"])
        for r in rows:
            wr.writerow([r[0], r[1], r[2], f"{r[3]:.4f}", f"{r[4]:.2f}", f"{r[5]:.2f}",
                         r[6] if r[6] == "" else f"{r[6]:.4f}", r[7] if r[7] == "" else f"{r[7]:.4f}"])
    for name, t in tests.items():
        print(f"{name}: test index " + ", ".join(f"{index_of(a, b):.3f} (A {a:.1f} Hz, B {b:.1f} Hz)" for a, b in t))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7.0, 5.5), sharex=True)
    styles = {"golden": ("-", "black"), "fixed": ("--", "tab:orange"), "golden, hebbian": (":", "tab:blue")}
    for name in styles:
        style, color = styles[name]
        for j in range(n_post):
            pts = [r for r in rows if r[1] == name and r[2] == j and r[0] != "test"]
            ts = [float(r[0]) for r in pts]
            a1.plot(ts, [r[3] for r in pts], style, color=color, lw=1.0, label=name if j == 0 else None)
            if name == "golden, hebbian":
                continue  # every weight at w_max (1 nA) within 10 s
            lw = 1.2 if name == "golden" else 0.8
            a2.plot(ts, [r[6] for r in pts], style, color="tab:red", lw=lw, label=(name + ": group A") if j == 0 else None)
            a2.plot(ts, [r[7] for r in pts], style, color="tab:blue", lw=lw, label=(name + ": group B") if j == 0 else None)
    a1.axhline(0.8, color="tab:green", lw=0.8, label="0.8")
    a1.set_ylabel("selectivity 1 - r_weak / r_strong")
    a1.set_ylim(-0.05, 1.05)
    a1.legend(fontsize=7)
    a2.set_ylabel("mean weight per neuron [nA]")
    a2.set_xlabel("time [s] (end of each 5 s window)")
    a2.legend(fontsize=6, ncol=2, title="(Hebbian control: every weight at w_max = 1 nA)", title_fontsize=6)
    a1.set_title("BCM with a sliding threshold: two alternating patterns, 4 neurons", fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"bcm_selectivity.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, "bcm_selectivity.{png,svg,csv}"))


if __name__ == "__main__":
    main()
