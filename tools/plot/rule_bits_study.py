#!/usr/bin/python3
"""Quantization studies 4, 5, 6, 9 and 10 (docs/quantization-study.md): the fewest bits that keep a
plasticity rule's reproduction, on the bit-true `fixed` model against `golden`.

    /usr/bin/python3 tools/plot/rule_bits_study.py triplet --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py reward  --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py istdp   --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py scaling --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py oja     --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py bcm     --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]
    /usr/bin/python3 tools/plot/rule_bits_study.py bcm_trace --bin build/plasticore [--work DIR] [--figdir DIR] [-j 2]

triplet: examples/triplet_frequency.toml with trace_format s4.F (the four traces r1, r2, o1, o2
and the gains' fraction bits follow it) for F in 3..15, each with product and write-back rounding
floor, nearest or stochastic (lut_rounding floor for floor, nearest otherwise; 16-bit weights
with 8 guard bits). Metric: the largest |dw_fixed - dw_golden| over the 16
(frequency, dt) points, in units of the weight range (1 nA); the reproduction holds when it is
below 0.02 and the signs of the reproduction test (tests/plasticity/test_reproductions.cpp) hold.

reward: examples/distal_reward.toml with B-bit weights (B = 3..16, 8 guard bits) and an
eligibility of the weight's own resolution, eligibility_format s(B+2).0: B + 3 bits in all, in
units of the weight LSB, no fraction bits; each rounding as above (product and write-back).
Metric: the separation = (cue weight - mean of the other 100) / w_max at the end, and whether
the reproduction holds (cue > 0.9 w_max, others' mean < 0.5 w_max). Golden: 1.0 - 0.258 = 0.742.

istdp: examples/inhibitory_balance.toml with B-bit weights (B = 4..16) and no guard bits, so the
product rounding of every update is the weight's own rounding; each rounding as above. Metric: the
post neurons' rate over the last 10 s; the reproduction holds when it is within 20% of rho0 = 5 Hz
and the mean inhibitory current is within 10% of the excitatory one there.

scaling: examples/synaptic_scaling.toml with B-bit weights (B = 4..16) and no guard bits, so every
sweep's product w (1 + eta (target - rate)) rounds at the weight's own resolution. Metric: the
post neurons' rate over 30-40 s (after the input doubled at 20 s); the reproduction holds when the
rate is within 20% of the 5 Hz target over 10-20 s and over 30-40 s, and the ratios w(40 s) /
w(20 s) of the weights onto each neuron deviate from their neuron's mean by less than 2% rms
(the reproduction test's criteria).

oja: examples/oja_pca.toml with B-bit weights (B = 4..16) and no guard bits. Metric: the smallest
cosine, over the 4 neurons, of the final weight vector with the first principal component
(3 for each of the 5 correlated inputs, 1 for each of the 15 independent ones); the reproduction
holds when it is above 0.95 and every final weight is below w_max = 2 nA (bounded norm).

bcm: examples/bcm_selectivity.toml with B-bit weights (B = 4..16) and no guard bits. Metric: the
smallest selectivity index 1 - r_weak / r_strong over the 4 neurons, from their output rates
during the presentations of pattern A and of pattern B over the last 10 s of the run (plasticity
on; the reproduction test measures it with frozen weights, within 0.03 of this here); the
reproduction holds when it is above 0.8.

bcm_trace: the same with trace_format s4.F (the rate traces x, y and the sliding threshold
Theta, which shares their format) for F = 3..15, 16-bit weights with 8 guard bits; same metric.

Appends a [hardware] section to a copy of the experiment per setting, runs `plasticore run
--model fixed` (golden once) and writes FIGDIR/<study>_bits.csv and <study>_bits.{png,svg}.
"""

import argparse
import concurrent.futures
import csv
import os
import subprocess
import sys

ROUNDINGS = ["floor", "nearest", "stochastic"]


def hardware(extra, rounding):
    lut = "floor" if rounding == "floor" else "nearest"
    return (f"\n[hardware]\nproduct_rounding = \"{rounding}\"\nweight_rounding = \"{rounding}\"\n"
            f"lut_rounding = \"{lut}\"\n" + extra)


def run(binary, text, model, out):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "experiment.toml")
    with open(path, "w") as f:
        f.write(text)
    cmd = [binary, "run", path, "--model", model, "--out", os.path.join(out, "run"), "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed"
    return os.path.join(out, "run"), None


def final_weights(run_dir):
    out = {}
    for r in csv.DictReader(open(os.path.join(run_dir, "weights.csv"))):
        out[(r["projection"], int(r["pre"]), int(r["post"]))] = float(r["weight_na"])
    return out


def triplet_metric(golden, fixed):
    worst = 0.0
    for key, g in golden.items():
        if key[0].startswith("plastic_"):
            worst = max(worst, abs(fixed[key] - g))
    return worst, worst < 0.02


def reward_metric(golden, fixed, w_max=0.5):
    cue = fixed[("cue_to_post", 0, 0)]
    others = [w for k, w in fixed.items() if k[0] == "inputs_to_post"]
    mean = sum(others) / len(others)
    return (cue - mean) / w_max, cue > 0.9 * w_max and mean < 0.5 * w_max


def istdp_metric(run_dir, n_post=10, duration_ms=30000.0, rho0=5.0):
    """Rate of the post neurons over the last 10 s, and whether the reproduction holds there:
    within 20% of rho0 and mean I_i / I_e within 10% of 1 (tests/plasticity/test_reproductions.cpp)."""
    start = duration_ms - 10000.0
    spikes = sum(1 for r in csv.DictReader(open(os.path.join(run_dir, "spikes.csv")))
                 if r["population"] == "post" and float(r["time_ms"]) >= start)
    rate = spikes / (n_post * 10.0)
    ie = ii = 0.0
    for r in csv.DictReader(open(os.path.join(run_dir, "state.csv"))):
        if float(r["time_ms"]) >= start:
            ie += float(r["i_syn_e_na"])
            ii += float(r["i_syn_i_na"])
    return rate, abs(rate - rho0) <= 0.2 * rho0 and ie > 0 and abs(ii / ie - 1.0) <= 0.1


def post_rate(run_dir, start_ms, stop_ms, n_post=10):
    spikes = sum(1 for r in csv.DictReader(open(os.path.join(run_dir, "spikes.csv")))
                 if r["population"] == "post" and start_ms <= float(r["time_ms"]) < stop_ms)
    return spikes / (n_post * (stop_ms - start_ms) / 1000.0)


def weight_rows(run_dir):
    """{time_ms: {post: [weights in synapse order, projections in file order]}} of weights.csv."""
    out = {}
    for r in csv.DictReader(open(os.path.join(run_dir, "weights.csv"))):
        out.setdefault(float(r["time_ms"]), {}).setdefault(int(r["post"]), []).append(float(r["weight_na"]))
    return out


def scaling_metric(run_dir, target=5.0):
    before, after = post_rate(run_dir, 10000.0, 20000.0), post_rate(run_dir, 30000.0, 40000.0)
    snaps = weight_rows(run_dir)
    mid, end = snaps[20000.0], snaps[max(snaps)]
    sq, count = 0.0, 0
    for post, w20 in mid.items():
        ratios = [b / a for a, b in zip(w20, end[post]) if a > 0]
        if not ratios:  # every weight onto the neuron rounded to 0 by 20 s: no ratio to keep
            return after, False
        m = sum(ratios) / len(ratios)
        sq += sum((x / m - 1) ** 2 for x in ratios)
        count += len(ratios)
    rms = (sq / count) ** 0.5 if count else float("inf")
    holds = abs(before - target) <= 0.2 * target and abs(after - target) <= 0.2 * target and rms < 0.02
    return after, holds


def oja_metric(run_dir, w_max=2.0):
    snaps = weight_rows(run_dir)
    end = snaps[max(snaps)]
    worst, bounded = 1.0, True
    for post, w in end.items():
        pc = [3.0] * 5 + [1.0] * (len(w) - 5)
        nw = sum(x * x for x in w) ** 0.5
        npc = sum(x * x for x in pc) ** 0.5
        cos = sum(a * b for a, b in zip(w, pc)) / (nw * npc) if nw > 0 else 0.0
        worst = min(worst, cos)
        bounded = bounded and max(w) < w_max
    return worst, worst > 0.95 and bounded


def bcm_metric(run_dir, n_post=4, duration_ms=60000.0, on_ms=250.0):
    count = [[0, 0] for _ in range(n_post)]
    for r in csv.DictReader(open(os.path.join(run_dir, "spikes.csv"))):
        t = float(r["time_ms"])
        if r["population"] == "post" and t >= duration_ms - 10000.0:
            count[int(r["neuron"])][0 if t % (2 * on_ms) < on_ms else 1] += 1
    worst = 1.0
    for a, b in count:
        worst = min(worst, 1.0 - min(a, b) / max(a, b) if max(a, b) > 0 else 0.0)
    return worst, worst > 0.8


STUDIES = {
    "triplet": dict(experiment="examples/triplet_frequency.toml", bits=list(range(3, 16)),
                    extra=lambda f: f"trace_format = \"s4.{f}\"\n", metric=triplet_metric,
                    label="trace fraction bits (s4.F)", ylabel="max |dw fixed - golden| [nA]"),
    "reward": dict(experiment="examples/distal_reward.toml", bits=list(range(3, 17)),
                   extra=lambda b: f"weight_bits = {b}\neligibility_format = \"s{b + 2}.0\"\n",
                   metric=reward_metric, label="weight bits B (eligibility s(B+2).0, in weight LSBs)",
                   ylabel="(cue - mean of others) / w_max"),
    "istdp": dict(experiment="examples/inhibitory_balance.toml", bits=list(range(4, 17)),
                  extra=lambda b: f"weight_bits = {b}\nweight_guard_bits = 0\n", run_metric=istdp_metric,
                  label="weight bits B (no guard bits)", ylabel="rate, last 10 s [Hz]"),
    "scaling": dict(experiment="examples/synaptic_scaling.toml", bits=list(range(4, 17)),
                    extra=lambda b: f"weight_bits = {b}\nweight_guard_bits = 0\n", run_metric=scaling_metric,
                    label="weight bits B (no guard bits)", ylabel="rate, 30-40 s [Hz]"),
    "oja": dict(experiment="examples/oja_pca.toml", bits=list(range(4, 17)),
                extra=lambda b: f"weight_bits = {b}\nweight_guard_bits = 0\n", run_metric=oja_metric,
                label="weight bits B (no guard bits)", ylabel="smallest cosine with PC1"),
    "bcm": dict(experiment="examples/bcm_selectivity.toml", bits=list(range(4, 17)),
                extra=lambda b: f"weight_bits = {b}\nweight_guard_bits = 0\n", run_metric=bcm_metric,
                label="weight bits B (no guard bits)", ylabel="smallest selectivity index, last 10 s"),
    "bcm_trace": dict(experiment="examples/bcm_selectivity.toml", bits=list(range(3, 16)),
                      extra=lambda f: f"trace_format = \"s4.{f}\"\nweight_bits = 16\nweight_guard_bits = 8\n",
                      run_metric=bcm_metric, label="trace (and threshold) fraction bits (s4.F)",
                      ylabel="smallest selectivity index, last 10 s"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("study", choices=sorted(STUDIES))
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", default=None)
    ap.add_argument("--figdir", default="docs/figures/study")
    ap.add_argument("-j", type=int, default=2)
    args = ap.parse_args()
    st = STUDIES[args.study]
    work = args.work or f"/tmp/{args.study}_bits"
    text = open(st["experiment"]).read()
    g_dir, err = run(args.bin, text, "golden", os.path.join(work, "golden"))
    if err:
        sys.exit(f"golden failed: {err}")
    golden = final_weights(g_dir)
    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        for rounding in ROUNDINGS:
            for f in st["bits"]:
                t = text + hardware(st["extra"](f), rounding)
                jobs[(rounding, f)] = pool.submit(run, args.bin, t, "fixed", os.path.join(work, f"{rounding}_{f}"))
    rows = []
    for (rounding, f), fut in sorted(jobs.items(), key=lambda x: (x[0][0], x[0][1])):
        d, err = fut.result()
        if err:
            rows.append((rounding, f, None, False, err))
            continue
        value, ok = st["run_metric"](d) if "run_metric" in st else st["metric"](golden, final_weights(d))
        rows.append((rounding, f, value, ok, ""))
    if args.study == "reward":
        rows.insert(0, ("golden", "", reward_metric(golden, golden)[0], True, ""))
    if "run_metric" in st:
        rows.insert(0, ("golden", "", *st["run_metric"](g_dir), ""))
    os.makedirs(args.figdir, exist_ok=True)
    path = os.path.join(args.figdir, f"{args.study}_bits.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["rounding", "frac_bits", "metric", "reproduction_holds", "error"])
        for r in rows:
            w.writerow([r[0], r[1], "" if r[2] is None else f"{r[2]:.6f}", int(r[3]), r[4]])
    print(open(path).read())
    for rounding in ROUNDINGS:
        ok = [f for (r, f, v, holds, e) in rows if r == rounding and holds]
        # fewest bits from which every larger setting also holds
        fewest = None
        for f in sorted(st["bits"], reverse=True):
            if f in ok:
                fewest = f
            else:
                break
        print(f"{rounding}: reproduction holds from {fewest} ({st['label']})" if fewest is not None
              else f"{rounding}: reproduction does not hold")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.0, 3.8))
    for rounding, marker in zip(ROUNDINGS, "osx"):
        sel = [r for r in rows if r[0] == rounding and r[2] is not None]
        ax.plot([r[1] for r in sel], [r[2] for r in sel], marker + "-", label=rounding)
    if args.study == "triplet":
        ax.axhline(0.02, color="grey", ls=":", lw=1, label="threshold 0.02")
        ax.set_yscale("log")
    elif args.study in ("istdp", "scaling"):
        ax.axhline(rows[0][2], color="k", lw=0.8, label="golden")
        ax.axhspan(4.0, 6.0, color="tab:green", alpha=0.15, lw=0, label="target +- 20%")
        ax.set_yscale("log")
    elif args.study == "oja":
        ax.axhline(rows[0][2], color="k", lw=0.8, label="golden")
        ax.axhline(0.95, color="grey", ls=":", lw=1, label="threshold 0.95")
    elif args.study in ("bcm", "bcm_trace"):
        ax.axhline(rows[0][2], color="k", lw=0.8, label="golden")
        ax.axhline(0.8, color="grey", ls=":", lw=1, label="threshold 0.8")
    else:
        ax.axhline(rows[0][2], color="k", lw=0.8, label="golden")
    ax.set_xlabel(st["label"])
    ax.set_ylabel(st["ylabel"])
    ax.legend(fontsize=8)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(args.figdir, f"{args.study}_bits.{ext}"), dpi=120)
    print("wrote", os.path.join(args.figdir, f"{args.study}_bits.{{csv,png,svg}}"))


if __name__ == "__main__":
    main()
