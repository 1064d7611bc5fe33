#!/usr/bin/python3
"""Benchmark: the 10% cortical microcircuit in Brian2 cpp_standalone against golden and fixed.

    /usr/bin/python3 bench/microcircuit_vs_brian2.py [--plasticore build/plasticore]
        [--experiment examples/microcircuit_10pct.toml] [--duration MS] [--threads N]
        [--workdir DIR] [--make-jobs J]

1. `plasticore run EXP --model golden --write-inputs --threads N` writes every synapse
   (network.csv: projection, pre, post, delay in steps, weight) and runs the loop; golden's loop
   time is wall_clock_seconds in its summary.json (excludes building the network and writing).
2. `plasticore run EXP --model fixed --threads N`: fixed's loop time, likewise.
3. Brian2 2.x in cpp_standalone mode, single thread (openmp_threads = 0), runs the same network:
   one NeuronGroup of all neurons (the populations must differ only in i_offset_na and their
   initial potentials; the bench refuses anything else) and one Synapses object per receptor
   (excitatory onto I_e, inhibitory onto I_i), holding exactly network.csv's synapses, weights
   and delays, and a SpikeMonitor of every neuron (plasticore records every population too).
   Its loop time is the first number in <dir>/results/last_run_info.txt (excludes code
   generation and compilation). The neuron is mapped as tools/brian2/crosscheck.py maps it
   (exact integration, refractory (R + 1) dt, transmission I += w).
Prints the three loop times, Brian2 / golden against issue #16's target (>= 10, PASS/MISS) and
fixed / golden.

CPU time. On a shared machine a wall-clock time also counts the time other processes held the
cores. So the bench also measures CPU seconds (user + sys): Brian2's compiled program is run a
second time on its own (its whole process: loading its arrays and the loop), and golden's and
fixed's loops are timed by build/bench/bench_microcircuit --csv (loop_cpu_s: run_model alone, one
thread) when that binary is found next to plasticore (--bench). The verdict is printed for both.

Sanity check (not a pass criterion of the timing): the initial potentials are drawn from the
same distribution (v_init_mv, v_init_sd_mv) but not the same numbers (Brian2 draws them with
NumPy from the experiment's seed), so individual spikes differ. What is compared is each
population's mean firing rate from 100 ms (or a tenth of the run, if shorter) to the end:
golden's (spikes.csv) against Brian2's; they agree when |r_brian2 - r_golden| <= 0.2 max(r_golden,
1 Hz). Exit status 1 if a population's rates disagree; 77 if brian2 is not importable. Not
registered in ctest (it compiles Brian2 code).
"""

import argparse
import array
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings

MIN_RATIO = 10.0  # Brian2 loop / golden loop, issue #16 (10% microcircuit)
RATE_TOLERANCE = 0.2  # relative, of max(golden rate, 1 Hz)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "brian2"))

# Population keys that may differ between populations (the rest must be equal: one NeuronGroup).
# full_rate_hz only matters to [scale], which this bench refuses.
PER_NEURON_KEYS = ("name", "size", "i_offset_na", "v_init_mv", "v_init_sd_mv", "full_rate_hz")


def uptime():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run_plasticore(args, model, out, extra):
    """Runs plasticore; returns (summary.json, CPU seconds user+sys of the whole process)."""
    dur = ["--duration", repr(args.duration)] if args.duration is not None else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([args.plasticore, "run", args.experiment, "--model", model, "--out", out,
                    "--threads", str(args.threads), "--quiet"] + extra + dur, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f), cpu


def read_network(path, projections, offsets):
    """network.csv -> per receptor: global pre, global post, delay [steps], weight [nA]."""
    kind = {pr["name"]: pr.get("receptor", "excitatory") for pr in projections}
    pre_off = {pr["name"]: offsets[pr["pre"]] for pr in projections}
    post_off = {pr["name"]: offsets[pr["post"]] for pr in projections}
    out = {r: (array.array("q"), array.array("q"), array.array("d"), array.array("d"))
           for r in ("excitatory", "inhibitory")}
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        for name, pre, post, d, w in r:
            i, j, dl, wl = out[kind[name]]
            i.append(int(pre) + pre_off[name])
            j.append(int(post) + post_off[name])
            dl.append(float(d))
            wl.append(float(w))
    return out


def golden_counts(spikes_csv, t0_ms):
    counts = {}
    with open(spikes_csv, newline="") as f:
        for row in csv.DictReader(f):
            if float(row["time_ms"]) >= t0_ms:
                counts[row["population"]] = counts.get(row["population"], 0) + 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plasticore", default=os.path.join(ROOT, "build", "plasticore"))
    ap.add_argument("--experiment", default=os.path.join(ROOT, "examples", "microcircuit_10pct.toml"))
    ap.add_argument("--duration", type=float, default=1000.0, help="biological time [ms] (default 1000)")
    ap.add_argument("--threads", type=int, default=1,
                    help="plasticore's --threads (default 1, like Brian2's single thread)")
    ap.add_argument("--workdir", help="default: a temporary directory")
    ap.add_argument("--make-jobs", type=int, default=2, help="parallel jobs compiling Brian2's code (default 2)")
    ap.add_argument("--bench", help="bench_microcircuit for the loops' CPU times "
                    "(default: bench/bench_microcircuit beside --plasticore, if there)")
    args = ap.parse_args()

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import brian2 as b2
            import numpy as np
    except Exception as e:
        print(f"SKIPPED: brian2 not available under {sys.executable} ({e})")
        return 77
    import tomllib
    from crosscheck import refractory_steps, POP_DEFAULTS

    with open(args.experiment, "rb") as f:
        exp = tomllib.load(f)
    dt = float(exp["simulation"]["dt_ms"])
    pops = []
    for p in exp.get("population", []):
        q = dict(POP_DEFAULTS)
        q.update(p)
        q.setdefault("v_init_mv", q["v_rest_mv"])
        q.setdefault("v_init_sd_mv", 0.0)
        pops.append(q)
    shared = {k: v for k, v in pops[0].items() if k not in PER_NEURON_KEYS}
    for q in pops[1:]:
        for k, v in shared.items():
            if q.get(k) != v:
                print(f"ERROR: {args.experiment}: population '{q['name']}': {k} = {q.get(k)!r} differs from "
                      f"'{pops[0]['name']}' ({v!r}); this bench maps populations that differ only in "
                      f"{', '.join(PER_NEURON_KEYS[2:5])}")
                return 2
    if exp.get("scale"):
        print(f"ERROR: {args.experiment}: [scale] is applied by plasticore's loader, not by this bench's reading of "
              "the file; generate the scaled network (tools/microcircuit/make_microcircuit.py)")
        return 2
    if exp.get("source") or exp.get("stimulation") or any(pr.get("plasticity") for pr in exp.get("projection", [])):
        print(f"ERROR: {args.experiment}: sources, stimulation and plasticity are not mapped by this bench")
        return 2
    if shared["tau_m_ms"] in (shared["tau_syn_e_ms"], shared["tau_syn_i_ms"]):
        print("ERROR: tau_syn equal to tau_m is not mapped to Brian2 (docs/brian2-crosscheck.md, Limitations)")
        return 2

    work = args.workdir or tempfile.mkdtemp(prefix="microcircuit-vs-brian2-")
    os.makedirs(work, exist_ok=True)
    load_start = uptime()

    # 1, 2. golden (writing the network) and fixed
    golden_dir, fixed_dir = os.path.join(work, "golden"), os.path.join(work, "fixed")
    golden, cpu_golden = run_plasticore(args, "golden", golden_dir, ["--write-inputs"])
    fixed, cpu_fixed = run_plasticore(args, "fixed", fixed_dir, [])
    t_golden, t_fixed = float(golden["wall_clock_seconds"]), float(fixed["wall_clock_seconds"])
    steps = int(golden["steps"])

    # 3. Brian2 cpp_standalone, one thread
    offsets, n_total = {}, 0
    for q in pops:
        offsets[q["name"]] = n_total
        n_total += int(q["size"])
    t_read = time.perf_counter()
    syn = read_network(os.path.join(golden_dir, "network.csv"), exp["projection"], offsets)
    t_read = time.perf_counter() - t_read
    n_syn = sum(len(s[0]) for s in syn.values())

    ms, mV, nA, nF = b2.ms, b2.mV, b2.nA, b2.nF
    b2.BrianLogger.log_level_warn()
    standalone_dir = os.path.join(work, "brian2_standalone")
    b2.set_device("cpp_standalone", directory=standalone_dir)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.prefs.devices.cpp_standalone.extra_make_args_unix = [f"-j{args.make_jobs}"]
    b2.defaultclock.dt = dt * ms
    eqs = """
    dv/dt = (v_rest - v)/tau_m + (I_e - I_i + i_offset)/C_m : volt (unless refractory)
    dI_e/dt = -I_e/tau_syn_e : amp
    dI_i/dt = -I_i/tau_syn_i : amp
    i_offset : amp (constant)
    """
    ns = dict(v_rest=shared["v_rest_mv"] * mV, tau_m=shared["tau_m_ms"] * ms, C_m=shared["c_m_nf"] * nF,
              tau_syn_e=shared["tau_syn_e_ms"] * ms, tau_syn_i=shared["tau_syn_i_ms"] * ms,
              v_thresh=shared["v_thresh_mv"] * mV, v_reset=shared["v_reset_mv"] * mV)
    # Brian2 integrates a neuron that spiked at step n again in step n + refractory/dt; the
    # contract first in step n + R + 1 (tools/brian2/crosscheck.py, docs/brian2-crosscheck.md).
    ref = (refractory_steps(shared["t_ref_ms"], dt) + 1) * dt * ms
    g = b2.NeuronGroup(n_total, eqs, threshold="v >= v_thresh", reset="v = v_reset", refractory=ref,
                       method="exact", namespace=ns, name="neurons")
    rng = np.random.default_rng(int(exp["simulation"].get("seed", 0)))
    i_offset, v0 = np.empty(n_total), np.empty(n_total)
    for q in pops:
        a, n = offsets[q["name"]], int(q["size"])
        i_offset[a:a + n] = float(q["i_offset_na"])
        v0[a:a + n] = float(q["v_init_mv"]) + float(q["v_init_sd_mv"]) * rng.standard_normal(n)
    g.i_offset = i_offset * nA
    g.v = v0 * mV
    objects = [g]
    for receptor, target in (("excitatory", "I_e_post"), ("inhibitory", "I_i_post")):
        i, j, d, w = syn[receptor]
        if not len(i):
            continue
        S = b2.Synapses(g, g, model="w : amp (constant)", on_pre=f"{target} += w", namespace={},
                        name=f"syn_{receptor}")
        S.connect(i=np.frombuffer(i, dtype=np.int64), j=np.frombuffer(j, dtype=np.int64))
        S.w = np.frombuffer(w, dtype=np.float64) * nA
        S.delay = np.frombuffer(d, dtype=np.float64) * dt * ms
        objects.append(S)
    mon = b2.SpikeMonitor(g, name="spikes")
    objects.append(mon)
    net = b2.Network(*objects)
    t0 = time.perf_counter()
    net.run(steps * dt * ms, namespace={})  # generates, compiles and runs
    t_total = time.perf_counter() - t0
    with open(os.path.join(standalone_dir, "results", "last_run_info.txt")) as f:
        t_brian = float(f.read().split()[0])
    # CPU seconds of Brian2's program run again on its own (user + sys of the whole process)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([os.path.join(standalone_dir, "main")], cwd=standalone_dir, check=True,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_brian = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(os.path.join(standalone_dir, "results", "last_run_info.txt")) as f:
        t_brian_again = float(f.read().split()[0])
    # CPU seconds of golden's and fixed's loops (bench_microcircuit, one thread)
    bench = args.bench or os.path.join(os.path.dirname(os.path.abspath(args.plasticore)), "bench", "bench_microcircuit")
    loop_cpu = {}
    if os.path.isfile(bench):
        csv_path = os.path.join(work, "loop_cpu.csv")
        if os.path.exists(csv_path):
            os.remove(csv_path)
        subprocess.run([bench, "--duration", repr(steps * dt), "--threads", "1", "--csv", csv_path,
                        args.experiment], check=True, stdout=subprocess.DEVNULL)
        with open(csv_path, newline="") as f:
            loop_cpu = {r["model"]: float(r["loop_cpu_s"]) for r in csv.DictReader(f)}
    load_end = uptime()

    # sanity: population rates
    t_from = min(100.0, 0.1 * steps * dt)
    span_s = (steps * dt - t_from) * 1e-3
    gc = golden_counts(os.path.join(golden_dir, "spikes.csv"), t_from)
    idx = np.asarray(mon.i[:])
    bsteps = np.rint(np.asarray(mon.t_[:]) / (dt * 1e-3)).astype(np.int64)
    late = idx[bsteps * dt >= t_from - 1e-9]
    bad = 0
    rows = []
    for q in pops:
        a, n = offsets[q["name"]], int(q["size"])
        rb = int(np.count_nonzero((late >= a) & (late < a + n))) / (n * span_s)
        rg = gc.get(q["name"], 0) / (n * span_s)
        agree = abs(rb - rg) <= RATE_TOLERANCE * max(rg, 1.0)
        bad += not agree
        rows.append(f"    {q['name']:<6} golden {rg:7.3f} Hz  brian2 {rb:7.3f} Hz  "
                    f"{'agree' if agree else 'DIFFER'}")

    print(f"benchmark {args.experiment}: {n_total} neurons, {n_syn} synapses, {steps} steps of {dt:g} ms; "
          f"plasticore --threads {args.threads}; load average (1, 5, 15 min) {load_start} at the start, "
          f"{load_end} at the end")
    print(f"  brian2 {b2.__version__} cpp_standalone loop: {t_brian:9.3f} s  (last_run_info.txt, 1 thread; "
          f"{t_total:.1f} s with code generation and compilation; reading network.csv {t_read:.1f} s)")
    print(f"  plasticore golden loop:           {t_golden:9.3f} s  (summary.json wall_clock_seconds; "
          f"process CPU user+sys {cpu_golden:.1f} s incl. build and writing)")
    print(f"  plasticore fixed loop:            {t_fixed:9.3f} s  (summary.json wall_clock_seconds; "
          f"process CPU user+sys {cpu_fixed:.1f} s)")
    ratio = t_brian / t_golden
    print(f"  ratio brian2 / golden:            {ratio:9.2f} x  (target >= {MIN_RATIO:g}: "
          f"{'PASS' if ratio >= MIN_RATIO else 'MISS'}; wall-clock loops)")
    print(f"  ratio fixed / golden:             {t_fixed / t_golden:9.2f} x  (wall-clock loops)")
    print(f"  CPU user+sys: brian2 program {cpu_brian:.3f} s (run again alone; its loop {t_brian_again:.3f} s wall)"
          + "".join(f", {m} loop {loop_cpu[m]:.3f} s" for m in ("golden", "fixed") if m in loop_cpu))
    if "golden" in loop_cpu:
        r = cpu_brian / loop_cpu["golden"]
        print(f"  ratio brian2 / golden, CPU:       {r:9.2f} x  (target >= {MIN_RATIO:g}: "
              f"{'PASS' if r >= MIN_RATIO else 'MISS'}; Brian2's whole program against golden's loop)")
        if "fixed" in loop_cpu:
            print(f"  ratio fixed / golden, CPU:        {loop_cpu['fixed'] / loop_cpu['golden']:9.2f} x")
    print(f"  population rates from {t_from:g} ms (agree: |brian2 - golden| <= {RATE_TOLERANCE:g} max(golden, 1 Hz);"
          f" initial potentials drawn independently, spikes not compared):")
    print("\n".join(rows))
    print(f"  rates: {'all agree' if bad == 0 else f'{bad} population(s) DIFFER'}")
    print(f"  files in {work}")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
