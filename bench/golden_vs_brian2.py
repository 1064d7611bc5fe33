#!/usr/bin/python3
"""Benchmark: the song2000 network in Brian2 cpp_standalone against plasticore's golden model.

    /usr/bin/python3 bench/golden_vs_brian2.py [--plasticore build/plasticore]
        [--experiment examples/song2000.toml] [--duration MS] [--workdir DIR]

1. `plasticore run EXP --model golden --write-inputs` writes the network and the input spike
   trains (setup for Brian2, not timed).
2. Brian2 2.x in cpp_standalone mode (single thread) runs the same network, built by
   tools/brian2/crosscheck.py's build_brian2_network() with the same recordings as the
   experiment file; its loop time is the first number in <dir>/results/last_run_info.txt
   (excludes code generation and compilation).
3. `plasticore run EXP --model golden` (without --write-inputs); its loop time is
   wall_clock_seconds in summary.json (excludes loading, stimulus generation, writing).
Prints both times and the ratio Brian2 / golden against the target of issue #16 (>= 25,
PASS/MISS). Also reports whether the
post-synaptic spikes and final weights agree, as a sanity check (not a pass criterion here;
tools/brian2/crosscheck.py is the test). Not registered in ctest.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

MIN_RATIO = 25.0  # Brian2 loop / golden loop, issue #16

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "brian2"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plasticore", default=os.path.join(ROOT, "build", "plasticore"))
    ap.add_argument("--experiment", default=os.path.join(ROOT, "examples", "song2000.toml"))
    ap.add_argument("--duration", type=float, help="override the duration [ms]")
    ap.add_argument("--workdir", help="default: a temporary directory")
    args = ap.parse_args()

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import brian2 as b2
    except Exception as e:
        print(f"SKIPPED: brian2 not available under {sys.executable} ({e})")
        return 77
    import crosscheck

    work = args.workdir or tempfile.mkdtemp(prefix="golden-vs-brian2-")
    os.makedirs(work, exist_ok=True)
    dur = ["--duration", repr(args.duration)] if args.duration is not None else []

    # 1. inputs for Brian2
    inputs_dir = os.path.join(work, "golden_inputs")
    subprocess.run([args.plasticore, "run", args.experiment, "--model", "golden", "--out", inputs_dir,
                    "--write-inputs", "--quiet"] + dur, check=True)
    inp = crosscheck.Inputs(args.experiment, inputs_dir)

    # 2. Brian2 cpp_standalone
    b2.BrianLogger.log_level_warn()
    standalone_dir = os.path.join(work, "brian2_standalone")
    b2.set_device("cpp_standalone", directory=standalone_dir)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = inp.dt * b2.ms
    objects, groups, syns, spike_mons, state_mons = crosscheck.build_brian2_network(b2, inp)
    net = b2.Network(*objects)
    t0 = time.perf_counter()
    net.run(inp.steps * inp.dt * b2.ms, namespace={})  # generates, compiles and runs
    t_total = time.perf_counter() - t0
    with open(os.path.join(standalone_dir, "results", "last_run_info.txt")) as f:
        t_brian = float(f.read().split()[0])

    # 3. golden
    golden_dir = os.path.join(work, "golden")
    subprocess.run([args.plasticore, "run", args.experiment, "--model", "golden", "--out", golden_dir,
                    "--quiet"] + dur, check=True)
    with open(os.path.join(golden_dir, "summary.json")) as f:
        t_golden = float(json.load(f)["wall_clock_seconds"])

    # sanity: same result?
    gs = inp.golden_spikes()
    same_spikes = all(
        sorted(gs.get(n, [])) == sorted(zip((int(round(x)) for x in m.t_[:] / (inp.dt * 1e-3)),
                                            (int(i) for i in m.i[:])))
        for n, m in spike_mons.items())
    gw = inp.golden_final_weights()
    dw = max((abs(a - b * 1e9) for pr in inp.projections for a, b in zip(gw[pr["name"]], syns[pr["name"]].w_[:])),
             default=0.0)
    n_syn = sum(len(v) for v in gw.values())

    print(f"benchmark {args.experiment}: {inp.steps} steps of {inp.dt:g} ms, {n_syn} synapses, "
          f"{sum(len(v[0]) for v in inp.stimulus.values())} input spikes")
    print(f"  brian2 {b2.__version__} cpp_standalone loop: {t_brian:10.3f} s  "
          f"(last_run_info.txt; {t_total:.1f} s with code generation and compilation)")
    print(f"  plasticore golden loop:          {t_golden:10.3f} s  (summary.json wall_clock_seconds)")
    ratio = t_brian / t_golden
    print(f"  ratio brian2 / golden:           {ratio:10.1f} x  (target >= {MIN_RATIO:g}: "
          f"{'PASS' if ratio >= MIN_RATIO else 'MISS'})")
    print(f"  same spikes: {'yes' if same_spikes else 'NO'}; max |dw| final = {dw:.3e} nA")
    print(f"  files in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
