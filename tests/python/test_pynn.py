"""plasticore.pynn: the PyNN API on plasticore (label `python`; docs/pynn.md)."""

import os
import subprocess
import tempfile
import unittest

import numpy as np
import quantities as pq

import plasticore
import plasticore.pynn as sim

SOURCE = os.environ.get("PLASTICORE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("PLASTICORE_CLI", os.path.join(SOURCE, "build", "plasticore"))


def small_network(model="golden", **setup):
    sim.setup(timestep=0.1, model=model, seed=3, **setup)
    src = sim.Population(20, sim.SpikeSourcePoisson(rate=40.0), label="src")
    arr = sim.Population(2, sim.SpikeSourceArray(spike_times=[[5.0, 15.0], [7.5]]), label="arr")
    post = sim.Population(3, sim.IF_curr_exp(tau_m=10.0, cm=0.25, tau_refrac=1.0), label="post")
    stdp = sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.01,
                                                                  A_minus=0.012),
                             weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=0.5),
                             weight=0.3, delay=1.0, dendritic_delay_fraction=0.0)
    plastic = sim.Projection(src, post, sim.FixedProbabilityConnector(0.5, rng=sim.NumpyRNG(seed=7)), stdp,
                             label="plastic")
    static = sim.Projection(arr, post, sim.FromListConnector([(0, 0, -0.4, 1.0), (1, 2, -0.2, 2.0)]),
                            sim.StaticSynapse(), receptor_type="inhibitory", label="inh")
    dc = sim.DCSource(amplitude=0.3, start=20.0, stop=150.0)
    dc.inject_into(post[0:2])
    post.record(["spikes", "v"])
    return src, arr, post, plastic, static


class Api(unittest.TestCase):

    def test_run_get_data_and_weights(self):
        src, arr, post, plastic, static = small_network()
        w0 = plastic.get("weight", format="array")
        self.assertEqual(w0.shape, (20, 3))
        connected = ~np.isnan(w0)
        self.assertTrue(np.all(w0[connected] == 0.3))
        sim.run(300.0)
        block = post.get_data()
        seg = block.segments[0]
        self.assertEqual(len(seg.spiketrains), 3)
        self.assertEqual(seg.spiketrains[0].units, pq.ms)
        v = seg.analogsignals[0]
        self.assertEqual(v.units, pq.mV)
        self.assertEqual(v.shape, (3000, 3))
        self.assertEqual(float(v[0, 0].magnitude), -65.0)
        self.assertGreater(sum(len(st) for st in seg.spiketrains), 0)
        w = plastic.get("weight", format="array")
        self.assertTrue(np.array_equal(np.isnan(w), ~connected))
        self.assertFalse(np.all(w[connected] == 0.3))  # plasticity acted
        lst = static.get(["weight", "delay"], format="list")
        self.assertEqual(sorted(lst), [(0, 0, -0.4, 1.0), (1, 2, -0.2, 2.0)])
        res = sim.get_result()
        # The PyNN arrays are the run's: spike counts and final weights.
        self.assertEqual(sum(len(st) for st in seg.spiketrains), res.summary["populations"]["post"]["spikes"])
        self.assertAlmostEqual(float(np.nansum(w)), float(res.final_weights("plastic").sum()), places=12)
        plasticity = sim.simulator.state.experiment["projection"][0]["plasticity"]
        self.assertEqual(plasticity["transmit"], "after_update")
        sim.end()

    def test_export_experiment_runs_on_the_cli_with_the_same_result(self):
        small_network(model="fixed", preset="spinnaker-sr")
        sim.run(200.0)
        res = sim.get_result()
        self.assertEqual(res.model, "fixed")
        with tempfile.TemporaryDirectory() as tmp:
            path = sim.export_experiment(os.path.join(tmp, "net.toml"))
            subprocess.run([CLI, "run", path, "--model", "fixed", "--out", os.path.join(tmp, "cli"), "-q"], check=True)
            res.write(os.path.join(tmp, "py"))
            for name in ("spikes.csv", "weights.csv", "state.csv"):
                with open(os.path.join(tmp, "cli", name)) as a, open(os.path.join(tmp, "py", name)) as b:
                    self.assertEqual(a.read(), b.read(), name)
            with open(path) as f:
                text = f.read()
            self.assertIn('preset = "spinnaker-sr"', text)
            self.assertIn('transmit = "after_update"', text)
        sim.end()

    def test_run_twice_equals_one_run_and_reset_starts_again(self):
        small_network()
        sim.run(150.0)
        sim.run(150.0)
        two = [np.asarray(st) for st in sim.simulator.state.populations[2].get_data().segments[-1].spiketrains]
        sim.reset()
        sim.run(300.0)
        block = sim.simulator.state.populations[2].get_data()
        self.assertEqual(len(block.segments), 2)
        one = [np.asarray(st) for st in block.segments[-1].spiketrains]
        for a, b in zip(one, two):
            np.testing.assert_array_equal(a, b)
        sim.end()

    def test_changes_between_runs_need_reset(self):
        _, _, post, _, _ = small_network()
        sim.run(50.0)
        post.set(tau_m=12.0)
        with self.assertRaises(NotImplementedError):
            sim.run(50.0)
        sim.reset()
        sim.run(50.0)
        sim.end()

    def test_unsupported_features_name_themselves(self):
        sim.setup(timestep=0.1)
        cases = {
            "IF_cond_exp": lambda: sim.IF_cond_exp(),
            "TsodyksMarkramSynapse": lambda: sim.TsodyksMarkramSynapse(),
            "Vogels2011Rule": lambda: sim.Vogels2011Rule(),
            "FixedNumberPreConnector": lambda: sim.FixedNumberPreConnector(3),
            "dendritic_delay_fraction": lambda: sim.STDPMechanism(
                timing_dependence=sim.SpikePairRule(), weight_dependence=sim.AdditiveWeightDependence()),
            "StepCurrentSource": lambda: sim.StepCurrentSource(times=[1.0], amplitudes=[0.1]),
        }
        for name, make in cases.items():
            with self.assertRaises(NotImplementedError, msg=name) as cm:
                make()
            self.assertIn(name, str(cm.exception))
        pop = sim.Population(2, sim.IF_curr_exp(tau_m=sim.RandomDistribution("uniform", (5.0, 15.0),
                                                                             rng=sim.NumpyRNG(1))))
        pop.record("spikes")
        with self.assertRaises(NotImplementedError) as cm:
            sim.run(10.0)
        self.assertIn("tau_m", str(cm.exception))
        sim.end()

    def test_plasticore_rules_as_synapse_types(self):
        # One synapse type per rule of the registry, generated from its parameter table.
        self.assertEqual(set(sim.extra_models.SYNAPSE_TYPES), set(plasticore.plasticity_rules()))
        results = []
        for make in (
            lambda: sim.STDPMechanism(
                timing_dependence=sim.extra_models.SpikeNearestPairRule(tau_plus=15.0, tau_minus=25.0, A_plus=0.02,
                                                                        A_minus=0.03),
                weight_dependence=sim.MultiplicativeWeightDependence(w_min=0.0, w_max=0.5),
                weight=0.3, delay=1.0, dendritic_delay_fraction=0.0),
            lambda: sim.extra_models.StdpPairSynapse(
                weight=0.3, delay=1.0, pairing="nearest", weight_dependence="multiplicative", tau_plus_ms=15.0,
                tau_minus_ms=25.0, a_plus=0.02, a_minus=0.03, w_min_na=0.0, w_max_na=0.5)):
            sim.setup(timestep=0.1, seed=3)
            src = sim.Population(20, sim.SpikeSourcePoisson(rate=40.0), label="src")
            post = sim.Population(3, sim.IF_curr_exp(tau_refrac=1.0), label="post")
            prj = sim.Projection(src, post, sim.AllToAllConnector(), make(), label="plastic")
            post.record("spikes")
            sim.run(300.0)
            results.append((sim.simulator.state.experiment["projection"][0]["plasticity"],
                            prj.get("weight", format="array")))
            sim.end()
        self.assertEqual(results[0][0], results[1][0])
        self.assertEqual(results[0][0]["pairing"], "nearest")
        np.testing.assert_array_equal(results[0][1], results[1][1])
        self.assertFalse(np.all(results[0][1] == 0.3))
        with self.assertRaises(NotImplementedError) as cm:
            sim.extra_models.StdpPairSynapse(tau_plus=20.0)
        self.assertIn("tau_plus", str(cm.exception))

    def test_model_choice_and_hardware(self):
        for model in ("golden", "fixed", "core"):
            small_network(model=model, hardware={"weight_bits": 10})
            sim.run(100.0)
            self.assertEqual(sim.get_result().model, model)
            sim.end()
        with self.assertRaises(ValueError):
            sim.setup(model="analog")


if __name__ == "__main__":
    unittest.main()
