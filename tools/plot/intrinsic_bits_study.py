#!/usr/bin/python3
"""Quantization study 8 (docs/quantization-study.md): intrinsic plasticity's reproduction
(examples/intrinsic_plasticity.toml on the fixed model) against the fraction bits of the
threshold offset (ip_threshold_format s8.F) and of the rate trace (ip_rate_format u12.F), for
each product rounding (floor, nearest, stochastic). The reproduction holds when every neuron
fires within 12% of the 10 Hz target over the last 10 s and their mean is within 6% (the
test's criterion).

    /usr/bin/python3 tools/plot/intrinsic_bits_study.py --bin build/plasticore \
        [--experiment examples/intrinsic_plasticity.toml] [--work /tmp/intrinsic_bits] \
        [--csv docs/figures/study/intrinsic_bits.csv]

57 fixed runs of 30 s (about a minute). Prints one table per variable: the lowest and highest rate
of the last 10 s at each width, and whether the reproduction holds.
"""

import argparse
import csv
import os
import subprocess
import sys

THETA_BITS = [8, 12, 14, 16, 18, 20, 24, 32, 39]
RATE_BITS = [0, 2, 4, 6, 8, 10, 12, 14, 16, 20]
ROUNDINGS = ["floor", "nearest", "stochastic"]


def last_rates(out, n, t0_ms):
    counts = [0] * n
    for r in csv.DictReader(open(os.path.join(out, "spikes.csv"))):
        if float(r["time_ms"]) >= t0_ms:
            counts[int(r["neuron"])] += 1
    return [c / 10.0 for c in counts]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--experiment", default="examples/intrinsic_plasticity.toml")
    ap.add_argument("--work", default="/tmp/intrinsic_bits")
    ap.add_argument("--csv", default="docs/figures/study/intrinsic_bits.csv")
    args = ap.parse_args()
    base = open(args.experiment).read()
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for variable, widths in (("ip_threshold_format", THETA_BITS), ("ip_rate_format", RATE_BITS)):
        for rounding in ROUNDINGS:
            for f in widths:
                fmt = f"s8.{f}" if variable == "ip_threshold_format" else f"u12.{f}"
                path = os.path.join(args.work, "run.toml")
                with open(path, "w") as out:
                    out.write(base + f'\n[hardware]\nproduct_rounding = "{rounding}"\n{variable} = "{fmt}"\n')
                res = os.path.join(args.work, "out")
                r = subprocess.run([args.bin, "run", path, "--model", "fixed", "--out", res, "-q"],
                                   capture_output=True, text=True)
                if r.returncode != 0:
                    sys.exit(f"run with {variable} = {fmt}, {rounding} failed:\n{r.stderr}")
                rates = last_rates(res, 8, 20000.0)
                mean = sum(rates) / len(rates)
                holds = all(abs(x - 10.0) < 1.2 for x in rates) and abs(mean - 10.0) < 0.6
                rows.append([variable, fmt, rounding, f"{min(rates):.1f}", f"{max(rates):.1f}", f"{mean:.2f}",
                             int(holds)])
                print(f"{variable} {fmt:7s} {rounding:10s} last 10 s {min(rates):6.1f} .. {max(rates):6.1f} Hz, "
                      f"mean {mean:6.2f}  {'holds' if holds else 'fails'}", flush=True)
    os.makedirs(os.path.dirname(args.csv), exist_ok=True)
    with open(args.csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["variable", "format", "product_rounding", "min_rate_hz", "max_rate_hz", "mean_rate_hz", "holds"])
        w.writerows(rows)
    print("wrote", args.csv)


if __name__ == "__main__":
    main()
