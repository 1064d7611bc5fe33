#!/usr/bin/python3
"""Benchmark: how golden's, fixed's and core's cost grows with the work (docs/performance.md).

    /usr/bin/python3 bench/scaling.py [--bench build/bench/bench_microcircuit] [--csv FILE]
        [--series synapses,neurons,rates] [--models golden,fixed,core] [--max-synapses N]
        [--core-max-synapses N] [--duration MS] [--workdir DIR]

Writes scaled cortical microcircuits with tools/microcircuit/make_microcircuit.py and runs each
through bench_microcircuit (one thread, each run a child process of its own), which appends a
row per run to FILE (default bench-scaling.csv): wall-clock and CPU seconds of the build and of
the loop, neurons, synapses, spikes, peak RSS, load average. The series, named by the file name
prefix in the CSV:

  synapses  --neurons s --in-degrees s for s from 0.002 to 1: 154 neurons and 1.2e3 synapses
            up to 77,169 neurons and 3e8 synapses (synapses grow as s^2, neurons as s)
  neurons   --in-degrees 0.01 and --neurons from 1e-4 (8 neurons, one per population) to 1:
            the neuron count at a small in-degree (about 39 synapses per neuron)
  rates     the 10% file with every population's DC input (i_offset_na) times 0.9 to 1.3:
            the same network at higher firing rates

--max-synapses skips files above that many synapses (default 3e7: the full size, 3e8, needs
about 6.5 GB and a minute per layer on an idle machine; pass 1e9 to include it). core (the
SystemC model) runs up to --core-max-synapses (default 3e5). Then:
    /usr/bin/python3 tools/plot/plot_performance.py FILE docs/figures/performance/
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(ROOT, "tools", "microcircuit", "make_microcircuit.py")
FULL_SYNAPSES = 298_880_968  # examples/microcircuit.toml

SERIES = {
    "synapses": [("syn_s{:g}".format(s), s, s, 1.0) for s in (0.002, 0.005, 0.01, 0.03, 0.1, 0.3, 1.0)],
    "neurons": [("neu_n{:g}".format(n), n, 0.01, 1.0) for n in (1e-4, 1e-3, 0.01, 0.1, 1.0)],
    "rates": [("rate_x{:g}".format(x), 0.1, 0.1, x) for x in (0.9, 1.0, 1.1, 1.2, 1.3)],
}


def write_file(path, neurons, in_degrees, dc_factor, duration):
    text = subprocess.run([sys.executable, GENERATOR, "--neurons", repr(neurons), "--in-degrees", repr(in_degrees),
                           "--duration-ms", repr(duration)], check=True, capture_output=True, text=True).stdout
    if dc_factor != 1.0:
        text = re.sub(r"^i_offset_na = ([-0-9.e]+)",
                      lambda m: "i_offset_na = {:.6f}".format(float(m.group(1)) * dc_factor), text, flags=re.M)
    with open(path, "w") as f:
        f.write(text)
    m = re.search(r"^# \d+ neurons, (\d+) synapses", text, re.M)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", default=os.path.join(ROOT, "build", "bench", "bench_microcircuit"))
    ap.add_argument("--csv", default="bench-scaling.csv")
    ap.add_argument("--series", default="synapses,neurons,rates")
    ap.add_argument("--models", default="golden,fixed,core")
    ap.add_argument("--max-synapses", type=float, default=3e7)
    ap.add_argument("--core-max-synapses", type=float, default=3e5)
    ap.add_argument("--duration", type=float, default=1000.0, help="biological time per run [ms]")
    ap.add_argument("--workdir", help="where the generated files go (default: a temporary directory)")
    args = ap.parse_args()

    work = args.workdir or tempfile.mkdtemp(prefix="scaling-")
    os.makedirs(work, exist_ok=True)
    models = args.models.split(",")
    for series in args.series.split(","):
        for name, n, k, dc in SERIES[series]:
            path = os.path.join(work, name + ".toml")
            synapses = write_file(path, n, k, dc, args.duration)
            if synapses > args.max_synapses:
                print(f"skipped {name}: {synapses} synapses > --max-synapses {args.max_synapses:g}")
                continue
            ms = [m for m in models if m != "core" or synapses <= args.core_max_synapses]
            print(f"{name}: {synapses} synapses, models {','.join(ms)}", flush=True)
            subprocess.run([args.bench, "--duration", repr(args.duration), "--threads", "1", "--models", ",".join(ms),
                            "--csv", os.path.abspath(args.csv), path], check=False)
    print(f"rows appended to {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
