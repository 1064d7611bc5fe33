#!/usr/bin/python3
"""Song, Miller & Abbott (2000) competitive STDP as a PyNN script (docs/pynn.md).

    /usr/bin/python3 examples/pynn_song2000.py                         # plasticore.pynn, golden model
    /usr/bin/python3 examples/pynn_song2000.py --model fixed           # plasticore's bit-true datapath
    /usr/bin/python3 examples/pynn_song2000.py --simulator brian2      # the same script on pyNN.brian2

1000 Poisson inputs at 15 Hz drive one LIF neuron through additive all-to-all STDP with slightly
stronger depression (A- / A+ = 1.1, as examples/song2000.toml). The inputs compete: after
100 s most weights sit near 0 or near w_max, a bimodal distribution, and the neuron's rate
settles. Writes OUT/weights.csv, OUT/weights.png and prints the fractions near each bound.
"""

import argparse
import importlib
import os

import numpy as np

W_MAX = 0.08  # [nA]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--simulator", default="plasticore", choices=["plasticore", "brian2"])
    ap.add_argument("--model", default="golden", help="plasticore layer: golden, fixed, core, core-rtl")
    ap.add_argument("--duration", type=float, default=100000.0, help="[ms]")
    ap.add_argument("--out", default="out/pynn_song2000")
    args = ap.parse_args()

    if args.simulator == "plasticore":
        sim = importlib.import_module("plasticore.pynn")
        sim.setup(timestep=0.1, model=args.model, seed=1)
    else:
        sim = importlib.import_module("pyNN.brian2")
        sim.setup(timestep=0.1)

    # ---- the PyNN script: the same on every back end from here on ----
    inputs = sim.Population(1000, sim.SpikeSourcePoisson(rate=15.0), label="inputs")
    post = sim.Population(1, sim.IF_curr_exp(cm=0.25, tau_m=10.0, tau_syn_E=5.0, tau_syn_I=5.0, v_rest=-74.0,
                                             v_reset=-60.0, v_thresh=-54.0, tau_refrac=2.0), label="post")
    post.initialize(v=-74.0)
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.0075, A_minus=0.00825),
        weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=W_MAX),
        weight=sim.RandomDistribution("uniform", (0.0, W_MAX), rng=sim.NumpyRNG(seed=2000)),
        delay=1.0, dendritic_delay_fraction=0.0)
    projection = sim.Projection(inputs, post, sim.AllToAllConnector(), stdp, receptor_type="excitatory")
    post.record("spikes")
    sim.run(args.duration)
    weights = projection.get("weight", format="array")[:, 0]
    spikes = post.get_data().segments[0].spiketrains[0]
    sim.end()
    # ---- end of the PyNN script ----

    os.makedirs(args.out, exist_ok=True)
    np.savetxt(os.path.join(args.out, "weights.csv"), weights, header="weight_na", comments="")
    low = float(np.mean(weights < 0.2 * W_MAX))
    high = float(np.mean(weights > 0.8 * W_MAX))
    rate = len(spikes) / (args.duration * 1e-3)
    label = "pyNN.brian2" if args.simulator == "brian2" else "plasticore.pynn (%s)" % args.model
    print("%s: %.1f s, output rate %.2f Hz; weights < 0.2 w_max: %.1f%%, > 0.8 w_max: %.1f%%, between: %.1f%%"
          % (label, args.duration * 1e-3, rate, 100 * low, 100 * high, 100 * (1 - low - high)))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.hist(weights / W_MAX, bins=40, range=(0, 1), color="tab:blue", log=True)
        ax.set_xlabel("final weight / w_max")
        ax.set_ylabel("synapses (log scale)")
        ax.set_title("%s, %g s: bimodal weights" % (label, args.duration * 1e-3))
        fig.savefig(os.path.join(args.out, "weights.png"), dpi=120, bbox_inches="tight")
        print("figure: %s" % os.path.join(args.out, "weights.png"))
    except ImportError:
        pass


if __name__ == "__main__":
    main()
