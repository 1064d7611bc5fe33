#!/usr/bin/python3
"""Quantization study 2 (docs/quantization-study.md): the STDP window of the Bi & Poo pairing
protocol (examples/stdp_window.toml) in the bit-true `fixed` model against `golden`, over the
trace format (fraction bits) x the trace-decay lookup-table size.

    /usr/bin/python3 tools/plot/stdp_window_study.py --bin build/plasticore \
        [--formats s4.3,s4.5,...] [--lut-sizes 16,32,...] [--work /tmp/study2] \
        [--figdir docs/figures/study] [-j 2]

For every setting a copy of the experiment with a `[hardware]` section appended is run with
`plasticore run TMP.toml --model fixed --out DIR -q` (golden once), and DIR/stdp_window.csv
(channel,dt_pair_ms,n_pairs,w_initial_na,w_final_na,dw_na) is compared with golden's:

- rel_rms: RMS over the 41 dt_pair values of (dw_fixed - dw_golden), divided by the golden
  window's peak |dw| (the dt = 0 potentiation, 0.3 nA);
- rel_max: largest |dw_fixed - dw_golden| / peak;
- mag_bias: mean over dt of (|dw_fixed| - |dw_golden|) / peak (negative: the fixed window is
  smaller in magnitude, e.g. truncated);
- tail_plus_ms / tail_minus_ms: the largest dt_pair > 0 (resp. |dt_pair| for dt_pair < 0) at
  which dw_fixed is non-zero (the protocol stops at 100 ms).

Two line sets: preset "reference" with trace_format and lut_size overridden (its LUT rounds to
nearest, products to nearest, 16-bit weights with 8 guard bits and stochastic write-back), and
preset "spinnaker" (floor LUT, floor products, no guard bits) with the same overrides.

Writes WORK/stdp_window_study.csv and, into FIGDIR, stdp_window_study.csv (the same table),
stdp_window_distortion.{png,svg} and stdp_window_window.{png,svg}.
"""

import argparse
import concurrent.futures
import csv
import math
import os
import subprocess
import sys
import time

import numpy as np

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

DT_MS, TAU_MS = 0.1, 20.0   # examples/stdp_window.toml (tau_plus = tau_minus), for the LUT shift
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def read_window(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    dt = np.array([float(r["dt_pair_ms"]) for r in rows])
    dw = np.array([float(r["dw_na"]) for r in rows])
    order = np.argsort(dt)
    return dt[order], dw[order]


def run(binary, exp_text, hardware, model, work, name):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    toml = os.path.join(d, "exp.toml")
    with open(toml, "w") as f:
        f.write(exp_text)
        if hardware:
            f.write("\n[hardware]\n")
            for k, v in hardware.items():
                f.write('%s = %s\n' % (k, ('"%s"' % v) if isinstance(v, str) else v))
    cmd = ["nice", binary, "run", toml, "--model", model, "--out", d, "-q"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return name, None, (p.stderr.strip() or "exit %d" % p.returncode)
    return name, read_window(os.path.join(d, "stdp_window.csv")), None


def metrics(dt, dwf, dwg):
    peak = np.max(np.abs(dwg))
    err = dwf - dwg
    pos = dt > 0
    neg = dt < 0
    nz_p = dt[pos & (dwf != 0)]
    nz_m = -dt[neg & (dwf != 0)]
    return {
        "rel_rms": float(np.sqrt(np.mean(err ** 2)) / peak),
        "rel_max": float(np.max(np.abs(err)) / peak),
        "mag_bias": float(np.mean(np.abs(dwf) - np.abs(dwg)) / peak),
        "tail_plus_ms": float(nz_p.max()) if nz_p.size else 0.0,
        "tail_minus_ms": float(nz_m.max()) if nz_m.size else 0.0,
    }


def lut_length(f, shift, dt_ms, tau_ms, rounding):
    """Entries of the decay table (docs/datapath.md): while round(2^f exp(-(i << shift) dt / tau))
    is non-zero, padded to an even length."""
    n = 0
    while True:
        v = 2.0 ** f * math.exp(-((n << shift) * dt_ms) / tau_ms)
        if (math.floor(v) if rounding == "floor" else round(v)) == 0:
            return n + (n % 2)
        n += 1


def lut_shift(f, lut_size, dt_ms, tau_ms, rounding):
    s = 0
    while lut_length(f, s, dt_ms, tau_ms, rounding) > lut_size:
        s += 1
    return s


def frac_bits(fmt):
    return int(fmt.split(".")[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "plasticore"))
    ap.add_argument("--experiment", default=os.path.join(REPO, "examples", "stdp_window.toml"))
    ap.add_argument("--formats", default="s4.3,s4.5,s4.7,s4.9,s4.11,s4.13,s4.15")
    ap.add_argument("--lut-sizes", default="16,32,64,128,256,1024,4096")
    ap.add_argument("--presets", default="reference,spinnaker")
    ap.add_argument("--work", default="/tmp/stdp_window_study")
    ap.add_argument("--figdir", default=os.path.join(REPO, "docs", "figures", "study"))
    ap.add_argument("-j", type=int, default=2)
    a = ap.parse_args()

    formats = a.formats.split(",")
    sizes = [int(s) for s in a.lut_sizes.split(",")]
    presets = a.presets.split(",")
    with open(a.experiment) as f:
        exp_text = f.read()
    if "[hardware]" in exp_text:
        sys.exit("stdp_window_study.py: %s already has a [hardware] section" % a.experiment)

    jobs = [("golden", None, "golden")]
    for pr in presets:
        for fmt in formats:
            for n in sizes:
                jobs.append(("%s_%s_lut%d" % (pr, fmt, n),
                             {"preset": pr, "trace_format": fmt, "lut_size": n}, "fixed"))
    t0 = time.time()
    results, errors = {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.j) as ex:
        futs = [ex.submit(run, a.bin, exp_text, hw, model, a.work, name) for name, hw, model in jobs]
        for fu in futs:
            name, win, err = fu.result()
            if err:
                errors[name] = err
            else:
                results[name] = win
    print("%d runs in %.1f s" % (len(jobs), time.time() - t0))
    for name, err in sorted(errors.items()):
        print("REJECTED %s: %s" % (name, err))
    if "golden" not in results:
        sys.exit("golden run failed")
    dt, dwg = results["golden"]

    rows = []
    for pr in presets:
        for fmt in formats:
            for n in sizes:
                name = "%s_%s_lut%d" % (pr, fmt, n)
                rnd = "floor" if pr.startswith("spinnaker") else "nearest"   # the presets' lut_rounding
                sh = lut_shift(frac_bits(fmt), n, DT_MS, TAU_MS, rnd)
                row = {"preset": pr, "trace_format": fmt, "frac_bits": frac_bits(fmt), "lut_size": n,
                       "lut_shift": sh, "lut_entries": lut_length(frac_bits(fmt), sh, DT_MS, TAU_MS, rnd),
                       "lut_bin_ms": DT_MS * 2 ** sh}
                if name in results:
                    dt_f, dwf = results[name]
                    assert np.array_equal(dt_f, dt)
                    row.update(metrics(dt, dwf, dwg))
                    row["status"] = "ok"
                else:
                    row["status"] = "rejected: " + errors[name].replace("\n", " ")
                rows.append(row)
    fields = ["preset", "trace_format", "frac_bits", "lut_size", "lut_shift", "lut_entries", "lut_bin_ms", "rel_rms", "rel_max", "mag_bias",
              "tail_plus_ms", "tail_minus_ms", "status"]
    os.makedirs(a.figdir, exist_ok=True)
    for path in (os.path.join(a.work, "stdp_window_study.csv"), os.path.join(a.figdir, "stdp_window_study.csv")):
        with open(path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: (("%.4g" % r[k]) if isinstance(r.get(k), float) and k != "lut_bin_ms" else r.get(k, "")) for k in fields})

    # Console table: rel_rms in percent, reference then spinnaker.
    for pr in presets:
        print("\n%s: relative RMS distortion [%%] (rows trace format, columns lut_size); tails +/- [ms]" % pr)
        print("format  " + " ".join("%8d" % n for n in sizes))
        for fmt in formats:
            cells = []
            for n in sizes:
                r = next(r for r in rows if r["preset"] == pr and r["trace_format"] == fmt and r["lut_size"] == n)
                cells.append("%8.4f" % (100 * r["rel_rms"]) if r["status"] == "ok" else "     rej")
            print("%-7s " % fmt + " ".join(cells))
        for fmt in formats:
            tails = []
            for n in sizes:
                r = next(r for r in rows if r["preset"] == pr and r["trace_format"] == fmt and r["lut_size"] == n)
                tails.append("%3.0f/%3.0f" % (r["tail_plus_ms"], r["tail_minus_ms"]) if r["status"] == "ok" else "rej")
            print("%-7s " % fmt + " ".join("%8s" % t for t in tails))

    peak = np.max(np.abs(dwg))

    # (a) distortion against trace fraction bits, one line per LUT size, both presets; the signed
    # magnitude bias; the distortion against the table's time bin (reference preset).
    fig, (ax, ax2, ax3) = plt.subplots(1, 3, figsize=(17, 5.2))
    cmap = plt.get_cmap("viridis")
    styles = {"reference": ("-", "o"), "spinnaker": ("--", "s")}
    for pr in presets:
        ls, mk = styles.get(pr, (":", "^"))
        for i, n in enumerate(sizes):
            sel = [r for r in rows if r["preset"] == pr and r["lut_size"] == n and r["status"] == "ok"]
            if not sel:
                continue
            x = [r["frac_bits"] for r in sel]
            col = cmap(i / max(1, len(sizes) - 1))
            lab = "%s, lut_size %d" % (pr, n)
            ax.semilogy(x, [100 * r["rel_rms"] for r in sel], ls, marker=mk, color=col, ms=4, label=lab)
            ax2.plot(x, [100 * r["mag_bias"] for r in sel], ls, marker=mk, color=col, ms=4)
    ax2.set_yscale("symlog", linthresh=0.01)
    for axis in (ax, ax2):
        axis.set_xlabel("trace fraction bits f (trace_format s4.f)")
        axis.grid(True, which="both", alpha=0.3)
        axis.set_xticks(sorted({frac_bits(f) for f in formats}))
    ax.axhline(1.0, color="grey", lw=0.8, ls=":")
    ax2.axhline(0.0, color="grey", lw=0.8)
    ax.set_ylabel("RMS(dw_fixed - dw_golden) / peak |dw_golden|  [%]")
    ax.set_title("Window distortion (RMS over 41 dt_pair values)", fontsize=10)
    ax2.set_ylabel("mean(|dw_fixed| - |dw_golden|) / peak |dw_golden|  [%]")
    ax2.set_title("Window magnitude bias (> 0: fixed window too large)", fontsize=10)
    ax.legend(fontsize=6.5, ncol=2, loc="lower left")
    # Time bin of the table: 2^shift dt, shift the smallest with the table within lut_size
    # (rule of docs/datapath.md, recomputed here).
    for j, fmt in enumerate(formats):
        f = frac_bits(fmt)
        sel = [r for r in rows if r["preset"] == "reference" and r["trace_format"] == fmt and r["status"] == "ok"]
        if not sel:
            continue
        bins = [r["lut_bin_ms"] for r in sel]
        ax3.loglog(bins, [100 * r["rel_rms"] for r in sel], "-", marker="o", ms=4,
                   color=plt.get_cmap("plasma")(j / max(1, len(formats) - 1)), label="reference, %s" % fmt)
    ax3.axhline(1.0, color="grey", lw=0.8, ls=":")
    ax3.set_xlabel("LUT time bin 2^shift x dt [ms] (shift set by lut_size, f, tau, dt)")
    ax3.set_ylabel("RMS(dw_fixed - dw_golden) / peak |dw_golden|  [%]")
    ax3.set_title("Distortion against the table's time resolution", fontsize=10)
    ax3.grid(True, which="both", alpha=0.3)
    ax3.legend(fontsize=7)
    fig.suptitle("STDP window, Bi & Poo pairing protocol (60 pairs at 1 Hz, dt = 0.1 ms, tau = 20 ms): fixed vs golden. "
                 "Solid: reference preset, dashed: spinnaker preset (floor LUT and products); dotted: 1%", fontsize=10)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(a.figdir, "stdp_window_distortion.%s" % ext), dpi=130)
    plt.close(fig)

    # (b) the window itself: golden against coarse and fine settings, and the error.
    picks = [("reference", "s4.15", 4096), ("reference", "s4.7", 64), ("reference", "s4.5", 16),
             ("reference", "s4.3", 256), ("spinnaker", "s4.11", 256)]
    picks = [p for p in picks if "%s_%s_lut%d" % p in results]
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(9, 7.5), sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    ax.plot(dt, dwg, "k-", lw=2.5, alpha=0.35, label="golden (float)")
    for i, p in enumerate(picks):
        _, dwf = results["%s_%s_lut%d" % p]
        lab = "fixed %s, trace %s, lut_size %d" % p
        ax.plot(dt, dwf, marker=".", lw=1, drawstyle="default", color="C%d" % i, label=lab)
        ax2.plot(dt, 1000 * (dwf - dwg), marker=".", lw=1, color="C%d" % i)
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_ylabel("weight change dw after 60 pairs [nA]")
    ax.set_title("STDP window (Bi & Poo protocol, additive pair STDP, A+ = 0.005, A- = 0.00525, "
                 "w_max = 1 nA, tau = 20 ms)", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    ax2.axhline(0, color="grey", lw=0.6)
    ax2.set_ylabel("dw_fixed - dw_golden [pA]")
    ax2.set_xlabel("dt_pair = t_post - t_pre [ms]")
    ax2.grid(True, alpha=0.3)
    ax2.set_title("error (peak |dw_golden| = %.3g nA = %.0f pA; 1%% of it = %.0f pA)"
                  % (peak, 1000 * peak, 10 * peak), fontsize=9)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(a.figdir, "stdp_window_window.%s" % ext), dpi=130)
    plt.close(fig)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
