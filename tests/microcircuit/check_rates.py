#!/usr/bin/env python3
"""Usage: check_rates.py SPIKES_CSV EXPERIMENT_TOML T_FROM_MS T_TO_MS

Population firing rates of a microcircuit run (spikes.csv of `plasticore run`) between T_FROM_MS
and T_TO_MS, checked against the ranges of docs/microcircuit.md ("Rates"): the full-scale rates
of the reference implementation (NEST's Potjans_2014 example, full_mean_rates), each within a
factor of 2 (x 0.5 to x 2), with L2/3e and L6e, whose published values lie near 1 Hz, allowed
down to 0.2 Hz. Exit 1 when a population is outside its range."""

import csv
import re
import sys

REFERENCE_HZ = {"L23e": 0.971, "L23i": 2.868, "L4e": 4.746, "L4i": 5.396,
                "L5e": 8.142, "L5i": 9.078, "L6e": 0.991, "L6i": 7.523}


def ranges():
    out = {}
    for name, r in REFERENCE_HZ.items():
        low = 0.2 if name in ("L23e", "L6e") else 0.5 * r
        out[name] = (low, 2.0 * r)
    return out


def sizes(toml_path):
    text = open(toml_path).read()
    found = {}
    for block in text.split("[[population]]")[1:]:
        name = re.search(r'^name = "([^"]+)"', block, re.M).group(1)
        found[name] = int(re.search(r"^size = (\d+)", block, re.M).group(1))
    return found


def main():
    spikes, toml_path, t0, t1 = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    n = sizes(toml_path)
    counts = {name: 0 for name in n}
    with open(spikes) as f:
        for row in csv.DictReader(f):
            t = float(row["time_ms"])
            if t0 <= t < t1:
                counts[row["population"]] += 1
    bad = 0
    for name, (low, high) in ranges().items():
        rate = counts[name] / (n[name] * (t1 - t0) * 1e-3)
        ok = low <= rate <= high
        bad += not ok
        print("{} {:5s} {:7.3f} Hz  (range {:.2f} .. {:.2f} Hz, reference {:.3f} Hz)".format(
            "ok  " if ok else "FAIL", name, rate, low, high, REFERENCE_HZ[name]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
