"""The Python module against the command line (label `python`; docs/python.md).

    PLASTICORE_CLI=build/plasticore PYTHONPATH=build/python /usr/bin/python3 -m unittest test_module
"""

import filecmp
import json
import os
import subprocess
import tempfile
import threading
import time
import unittest

import numpy as np

import plasticore

SOURCE = os.environ.get("PLASTICORE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("PLASTICORE_CLI", os.path.join(SOURCE, "build", "plasticore"))
SONG = os.path.join(SOURCE, "examples", "song2000.toml")
WINDOW = os.path.join(SOURCE, "examples", "stdp_window.toml")


def cli(*args):
    subprocess.run([CLI, *args], check=True, stdout=subprocess.DEVNULL)


def read(path):
    with open(path) as f:
        return f.read()


def same_run_files(test, a, b):
    """Every file byte for byte; summary.json too, but for its wall-clock line. The directory
    lock (.plasticore.lock, empty) is no result file; it must be there in both."""
    names = sorted(os.listdir(a))
    test.assertEqual(names, sorted(os.listdir(b)))
    names = [n for n in names if n != ".plasticore.lock"]
    for name in names:
        if name == "summary.json":
            ja, jb = (json.loads(read(os.path.join(d, name))) for d in (a, b))
            test.assertGreater(ja.pop("wall_clock_seconds"), 0)
            jb.pop("wall_clock_seconds")
            test.assertEqual(ja, jb)
            la = [l for l in read(os.path.join(a, name)).splitlines() if "wall_clock_seconds" not in l]
            lb = [l for l in read(os.path.join(b, name)).splitlines() if "wall_clock_seconds" not in l]
            test.assertEqual(la, lb)
        else:
            test.assertTrue(filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False),
                            "%s differs between %s and %s" % (name, a, b))


class RunAgainstCli(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def check_layer(self, model, duration, path=SONG, write_inputs=False):
        extra = ["--write-inputs"] if write_inputs else []
        cli("run", path, "--model", model, "--duration", str(duration), "--out", os.path.join(self.dir, "cli"), "-q",
            *extra)
        res = plasticore.run(path, model=model, duration_ms=duration)
        res.write(os.path.join(self.dir, "py"), write_inputs=write_inputs)
        same_run_files(self, os.path.join(self.dir, "cli"), os.path.join(self.dir, "py"))
        return res

    def test_golden_files_equal_the_cli(self):
        res = self.check_layer("golden", 2000, write_inputs=True)
        self.assertEqual(res.model, "golden")
        self.assertEqual(res.steps, 20000)
        self.assertGreater(len(res.spikes), 5)

    def test_fixed_files_equal_the_cli(self):
        self.check_layer("fixed", 2000)

    def test_core_files_equal_the_cli(self):
        res = self.check_layer("core", 300)
        self.assertIn("core", res.summary)
        t, busy = res.core_ticks
        self.assertEqual(len(busy), res.steps)
        self.assertEqual(int(busy.sum()), res.summary["core"]["busy_cycles_per_tick"]["total"])
        self.assertTrue(os.path.exists(os.path.join(self.dir, "py", "core_ticks.csv")))

    def test_core_rtl_files_equal_the_cli(self):
        res = self.check_layer("core-rtl", 300)
        self.assertEqual(res.model, "core-rtl")

    def test_stdp_window_files_equal_the_cli(self):
        self.check_layer("golden", 60000, path=WINDOW)


class Arrays(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ex = plasticore.load(SONG)
        cls.res = plasticore.run(cls.ex, model="golden", duration_ms=3000)

    def test_spikes(self):
        s = self.res.spikes
        self.assertEqual(s.dtype.names, ("step", "group", "neuron"))
        self.assertTrue(np.all(np.diff(s["step"]) >= 0))
        t, n = self.res.spike_times("post")
        self.assertEqual(len(t), self.res.summary["populations"]["post"]["spikes"])
        self.assertTrue(np.all(n == 0))
        self.assertTrue(np.allclose(t, s["step"] * 0.1))

    def test_state(self):
        times, neurons, v = self.res.state_of("post", "v")
        self.assertEqual(list(neurons), [0])
        self.assertEqual(v.shape, (3000, 1))  # interval 1 ms
        self.assertEqual(v[0, 0], -74.0)      # v_init = v_rest, the state at the start of step 0
        self.assertTrue(np.all(v <= -54.0 + 1e-9))

    def test_weights(self):
        syn = self.res.synapses("inputs_to_post")
        self.assertEqual(len(syn["pre"]), 1000)
        times, w = self.res.weight_snapshots("inputs_to_post")
        self.assertEqual(list(times), [0.0])  # snapshots every 10 s: only t = 0 in 3 s
        np.testing.assert_array_equal(w[0], syn["initial_weight"])
        final = self.res.final_weights(0)
        self.assertEqual(final.shape, (1000,))
        self.assertTrue(np.all((final >= 0) & (final <= 0.08)))
        self.assertFalse(np.array_equal(final, syn["initial_weight"]))
        with self.assertRaises(KeyError):
            self.res.final_weights("nope")

    def test_summary_is_summary_json(self):
        s = self.res.summary
        self.assertEqual(s["model"], "golden")
        self.assertEqual(s["steps"], 30000)
        self.assertIn("inputs_to_post", s["projections"])


class Inputs(unittest.TestCase):

    def test_overrides_and_duration(self):
        base = plasticore.run(SONG, model="fixed", duration_ms=500)
        narrow = plasticore.run(SONG, model="fixed", duration_ms=500, overrides={"hardware.weight_bits": 4})
        self.assertEqual(narrow.steps, 5000)
        self.assertIn("4", narrow.precision)
        self.assertNotEqual(base.precision, narrow.precision)

    def test_experiment_errors_are_file_line_col(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write("[simulation]\ndt_ms = 0.1\nduration_ms = 10.0\nseeds = 3\n")
        try:
            with self.assertRaises(plasticore.ExperimentError) as cm:
                plasticore.load(f.name)
            self.assertTrue(str(cm.exception).startswith(f.name + ":4:1: simulation.seeds:"), str(cm.exception))
            self.assertIn("did you mean 'seed'?", str(cm.exception))
            self.assertTrue(issubclass(plasticore.ExperimentError, ValueError))
        finally:
            os.unlink(f.name)
        with self.assertRaises(plasticore.ExperimentError) as cm:
            plasticore.run(SONG, overrides={"hardware.weight_bits": "many"})
        self.assertIn("weight_bits", str(cm.exception))

    def test_from_dict_equals_the_file(self):
        d = {"simulation": {"dt_ms": 0.1, "duration_ms": 200.0, "seed": 5},
             "population": [{"name": "post", "size": 2, "i_offset_na": 0.5, "t_ref_ms": 0.5}],
             "source": [{"name": "in", "kind": "poisson", "size": 20, "rate_hz": 50.0}],
             "projection": [{"name": "p", "pre": "in", "post": "post", "weight_na": {"uniform": [0.0, 0.1]},
                             "plasticity": {"rule": "stdp_pair", "transmit": "after_update", "w_max_na": 0.1}}],
             "record": {"spikes": ["post", "in"], "state": [{"population": "post", "interval_ms": 1.0}]}}
        ex = plasticore.Experiment.from_dict(d)
        with tempfile.TemporaryDirectory() as tmp:
            path = ex.save(os.path.join(tmp, "d.toml"))
            cli("run", path, "--out", os.path.join(tmp, "cli"), "-q")
            plasticore.run(ex).write(os.path.join(tmp, "py"))
            for name in ("spikes.csv", "weights.csv", "state.csv"):
                self.assertTrue(filecmp.cmp(os.path.join(tmp, "cli", name), os.path.join(tmp, "py", name), False))
        bad = dict(d, population=[{"name": "post", "size": 0}])
        with self.assertRaises(plasticore.ExperimentError) as cm:
            plasticore.Experiment.from_dict(bad)
        self.assertTrue(str(cm.exception).startswith("<dict>:"), str(cm.exception))
        self.assertIn("population 'post'.size: must be > 0 (got 0)", str(cm.exception))

    def test_unknown_model(self):
        with self.assertRaises(ValueError) as cm:
            plasticore.run(SONG, model="analog", duration_ms=10)
        self.assertIn("golden, fixed, core, core-rtl", str(cm.exception))


class Running(unittest.TestCase):

    def test_gil_is_released_during_a_run(self):
        ticks = []
        done = threading.Event()

        def count():
            while not done.is_set():
                ticks.append(time.monotonic())
                time.sleep(0.001)

        counter = threading.Thread(target=count)
        counter.start()
        t0 = time.monotonic()
        plasticore.run(SONG, model="golden", duration_ms=8000)
        t1 = time.monotonic()
        done.set()
        counter.join()
        during = [t for t in ticks if t0 < t < t1]
        # With the GIL held the counter could not run at all while the model runs.
        self.assertGreater(len(during), 0.3 * (t1 - t0) / 0.002, "counter ran %d times in %.2f s" % (len(during), t1 - t0))

    def test_progress(self):
        calls = []
        plasticore.run(SONG, model="fixed", duration_ms=1000, progress=lambda d, t: calls.append((d, t)))
        self.assertGreater(len(calls), 10)
        self.assertEqual(calls[-1], (10000, 10000))
        self.assertTrue(all(a[0] < b[0] for a, b in zip(calls, calls[1:])))


class Compare(unittest.TestCase):

    def test_compare_equals_the_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            cli("compare", SONG, "--duration", "2000", "--out", os.path.join(tmp, "cli"), "-q")
            c = plasticore.compare(SONG, reference_model="golden", candidate_model="fixed", duration_ms=2000)
            c.write(os.path.join(tmp, "py"))
            cj = json.loads(read(os.path.join(tmp, "cli", "compare.json")))
            pj = json.loads(read(os.path.join(tmp, "py", "compare.json")))
            for j in (cj, pj, c.metrics):
                for role in ("reference", "candidate"):
                    j[role].pop("wall_clock_seconds")
                j.pop("experiment", None)
            self.assertEqual(cj, pj)
            self.assertEqual(cj, c.metrics)
            self.assertIn("inputs_to_post", c.metrics["projections"])
            for sub in ("reference", "candidate"):
                for name in ("spikes.csv", "weights.csv", "state.csv"):
                    self.assertTrue(filecmp.cmp(os.path.join(tmp, "cli", sub, name),
                                                os.path.join(tmp, "py", sub, name), False))

    def test_statistics_options_equal_the_cli_flags(self):
        multipop = os.path.join(SOURCE, "examples", "chip_multipop.toml")
        opts = dict(analysis_start_ms=100.0, analysis_stop_ms=450.0, correlation_bin_ms=5.0,
                    correlation_sample=20, cv_min_spikes=4)
        with tempfile.TemporaryDirectory() as tmp:
            cli("compare", multipop, "--duration", "500", "--analysis-start", "100", "--analysis-stop", "450",
                "--correlation-bin", "5", "--correlation-sample", "20", "--cv-min-spikes", "4",
                "--out", os.path.join(tmp, "cli"), "-q")
            c = plasticore.compare(multipop, duration_ms=500, **opts)
            c.write(os.path.join(tmp, "py"))
            cj = json.loads(read(os.path.join(tmp, "cli", "compare.json")))
            pj = json.loads(read(os.path.join(tmp, "py", "compare.json")))
            for j in (cj, pj, c.metrics):
                for role in ("reference", "candidate"):
                    j[role].pop("wall_clock_seconds")
                j.pop("experiment", None)
            self.assertEqual(cj, pj)
            self.assertEqual(cj, c.metrics)
            self.assertEqual(c.metrics["options"]["correlation_bin_steps"], 50)
            self.assertEqual(c.metrics["options"]["analysis_stop_ms"], 450.0)
            self.assertTrue(filecmp.cmp(os.path.join(tmp, "cli", "distributions.csv"),
                                        os.path.join(tmp, "py", "distributions.csv"), False))
            # The defaults give other statistics: the options reached the computation.
            d = plasticore.compare(c.reference, c.candidate)
            self.assertNotEqual(d.metrics["populations"]["L4e"]["statistics"],
                                c.metrics["populations"]["L4e"]["statistics"])

    def test_bad_statistics_options_are_refused_by_name(self):
        ref = plasticore.run(SONG, model="golden", duration_ms=100)
        cand = plasticore.run(SONG, model="fixed", duration_ms=100)
        with self.assertRaisesRegex(ValueError, r"analysis_stop .*past the end of the run \(100 ms\)"):
            plasticore.compare(ref, cand, analysis_stop_ms=200.0)
        with self.assertRaisesRegex(ValueError, r"correlation_sample .*at least 2 neurons, not 1"):
            plasticore.compare(ref, cand, correlation_sample=1)
        with self.assertRaisesRegex(TypeError, r"unknown compare option\(s\): correlation_bin"):
            plasticore.compare(ref, cand, correlation_bin=5.0)


class Figures(unittest.TestCase):

    def test_result_plot_and_cli_plot(self):
        with tempfile.TemporaryDirectory() as tmp:
            res = plasticore.run(SONG, model="core", duration_ms=400, overrides={"record.weights[0].interval_ms": 100.0})
            files = res.plot(os.path.join(tmp, "run"))
            names = sorted(os.path.basename(f) for f in files)
            for stem in ("spikes", "weights_inputs_to_post", "membrane_post", "core_load"):
                self.assertIn(stem + ".png", names)
                self.assertIn(stem + ".svg", names)
            for f in files:
                self.assertGreater(os.path.getsize(f), 1000)
            c = plasticore.compare(SONG, duration_ms=400)
            c.write(os.path.join(tmp, "cmp"))
            cli("plot", os.path.join(tmp, "cmp"))
            self.assertTrue(os.path.exists(os.path.join(tmp, "cmp", "plots", "weights_inputs_to_post.png")))
            svg = read(os.path.join(tmp, "cmp", "plots", "spikes.svg"))
            self.assertIn("golden (reference)", svg)
            self.assertIn("fixed (candidate)", svg)


    def test_cli_plot_refuses_a_directory_without_results(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = subprocess.run([CLI, "plot", tmp], capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn("holds no sweep.json, capacity.json, summary.json or compare.json", p.stderr)


class Rules(unittest.TestCase):

    def test_rules_are_the_loaders(self):
        rules = plasticore.plasticity_rules()
        self.assertIn("stdp_pair", rules)
        self.assertIn("stdp_triplet", rules)
        self.assertIn("stdp_reward", rules)
        # Every parameter listed is accepted by the loader with its default; a parameter that
        # names a source (default "", e.g. stdp_reward's modulator) names a reward source.
        for rule, params in rules.items():
            plastic = {"rule": rule}
            plastic.update({k: (v[1] if v[1] != "" else "r") for k, v in params.items()})
            d = {"simulation": {"dt_ms": 0.1, "duration_ms": 10.0},
                 "population": [{"name": "a", "size": 1}],
                 "source": [{"name": "s", "kind": "poisson", "size": 1, "rate_hz": 1.0},
                            {"name": "r", "kind": "reward", "times_ms": [1.0]}],
                 "projection": [{"name": "p", "pre": "s", "post": "a", "weight_na": 0.0, "plasticity": plastic}]}
            plasticore.Experiment.from_dict(d)


if __name__ == "__main__":
    unittest.main()
