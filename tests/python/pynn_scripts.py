"""The PyNN scripts of the cross-validation (docs/pynn.md): each is a function of the PyNN
back end module `sim`, run unchanged on pyNN.brian2 and on plasticore.pynn. Inputs are
SpikeSourceArrays on the time grid, drawn here with NumPy, so both back ends are fed the same
spikes; random connectivity and weights come from PyNN's own NumpyRNG, so both build the same
network. Each returns {"spikes": {label: [times per neuron]}, "v": {label: [T, K] array} or
absent, "weights": final weights [pre, post] array or None}.
"""

import numpy as np

DT = 0.1  # [ms]


def grid_poisson(rng, n, rate_hz, duration_ms, dt=DT):
    """Poisson trains on the time grid: each step holds a spike with probability rate * dt."""
    steps = int(round(duration_ms / dt))
    p = rate_hz * dt * 1e-3
    trains = []
    for _ in range(n):
        k = np.nonzero(rng.random_sample(steps) < p)[0]
        trains.append(np.round(k * dt, 10))
    return trains


def _spikes(pop):
    seg = pop.get_data("spikes").segments[-1]
    trains = [np.asarray(st.rescale("ms").magnitude, dtype=float) for st in seg.spiketrains]
    return [np.round(t / DT).astype(np.int64) for t in trains]


def _v(pop):
    seg = pop.get_data("v").segments[-1]
    return np.asarray(seg.analogsignals[0].rescale("mV").magnitude, dtype=float)


def single_neuron_dc(sim, tau_refrac=0.0, duration=1000.0, **setup):
    """One IF_curr_exp neuron driven by a DC source (regular firing while it is on)."""
    sim.setup(timestep=DT, **setup)
    cell = sim.Population(1, sim.IF_curr_exp(cm=0.25, tau_m=10.0, tau_syn_E=5.0, tau_syn_I=5.0, v_rest=-65.0,
                                             v_reset=-70.0, v_thresh=-50.0, tau_refrac=tau_refrac),
                          label="cell")
    dc = sim.DCSource(amplitude=0.9, start=10.0, stop=800.0)
    dc.inject_into(cell)
    cell.record(["spikes", "v"])
    sim.run(duration)
    out = {"spikes": {"cell": _spikes(cell)}, "v": {"cell": _v(cell)}, "weights": None}
    sim.end()
    return out


def pairing(sim, tau_refrac=0.0, **setup):
    """Bi & Poo-style pairing: channel j pairs a presynaptic spike with a postsynaptic spike
    (forced through a strong static synapse) dt_pair[j] later; 10 pairs at 5 Hz."""
    dt_pair = [-40.0, -20.0, -10.0, -5.0, -2.0, 2.0, 5.0, 10.0, 20.0, 40.0]
    n = len(dt_pair)
    pre_times, drive_times = [], []
    for j, d in enumerate(dt_pair):
        starts = 100.0 + 200.0 * np.arange(10)
        pre_times.append(np.round(starts, 10))
        drive_times.append(np.round(starts + d - 1.0, 10))  # the drive's spike lands ~1 ms later
    sim.setup(timestep=DT, **setup)
    pre = sim.Population(n, sim.SpikeSourceArray(spike_times=[list(t) for t in pre_times]), label="pre")
    drive = sim.Population(n, sim.SpikeSourceArray(spike_times=[list(t) for t in drive_times]), label="drive")
    post = sim.Population(n, sim.IF_curr_exp(cm=0.25, tau_m=10.0, tau_syn_E=0.5, tau_syn_I=5.0, v_rest=-70.0,
                                             v_reset=-70.0, v_thresh=-55.0, tau_refrac=tau_refrac),
                          label="post")
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(tau_plus=16.8, tau_minus=33.7, A_plus=0.05, A_minus=0.06),
        weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=1.0),
        weight=0.5, delay=1.0, dendritic_delay_fraction=0.0)
    plastic = sim.Projection(pre, post, sim.OneToOneConnector(), stdp, receptor_type="excitatory",
                             label="plastic")
    sim.Projection(drive, post, sim.OneToOneConnector(), sim.StaticSynapse(weight=40.0, delay=0.1),
                   receptor_type="excitatory", label="drive_post")
    post.record(["spikes"])
    sim.run(2200.0)
    out = {"spikes": {"post": _spikes(post)}, "weights": plastic.get("weight", format="array")}
    sim.end()
    return out


def song2000_like(sim, tau_refrac=0.0, duration=5000.0, n_inputs=1000, seed=20000, **setup):
    """Song, Miller & Abbott (2000) competitive STDP: n_inputs 15 Hz Poisson inputs (fixed
    trains), one neuron, additive all-to-all STDP, uniform initial weights from PyNN's RNG."""
    rng = np.random.RandomState(seed)
    trains = grid_poisson(rng, n_inputs, 15.0, duration)
    sim.setup(timestep=DT, **setup)
    inputs = sim.Population(n_inputs, sim.SpikeSourceArray(spike_times=[list(t) for t in trains]), label="inputs")
    post = sim.Population(1, sim.IF_curr_exp(cm=0.25, tau_m=10.0, tau_syn_E=5.0, tau_syn_I=5.0, v_rest=-74.0,
                                             v_reset=-60.0, v_thresh=-54.0, tau_refrac=tau_refrac), label="post")
    post.initialize(v=-74.0)
    w0 = sim.RandomDistribution("uniform", (0.0, 0.08), rng=sim.NumpyRNG(seed=seed + 1))
    stdp = sim.STDPMechanism(
        timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.0075, A_minus=0.00825),
        weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=0.08),
        weight=w0, delay=1.0, dendritic_delay_fraction=0.0)
    prj = sim.Projection(inputs, post, sim.AllToAllConnector(), stdp, receptor_type="excitatory", label="plastic")
    post.record(["spikes"])
    sim.run(duration)
    out = {"spikes": {"post": _spikes(post)}, "weights": prj.get("weight", format="array")}
    sim.end()
    return out


def recurrent_ei(sim, tau_refrac=0.0, duration=1000.0, seed=4242, **setup):
    """A small recurrent network, 80 excitatory and 20 inhibitory IF_curr_exp neurons, static
    synapses with fixed connection probability, driven by 50 Poisson trains."""
    rng = np.random.RandomState(seed)
    trains = grid_poisson(rng, 50, 20.0, duration)
    sim.setup(timestep=DT, **setup)
    cell = dict(cm=0.25, tau_m=10.0, tau_syn_E=2.0, tau_syn_I=4.0, v_rest=-65.0, v_reset=-65.0, v_thresh=-52.0,
                tau_refrac=tau_refrac)
    exc = sim.Population(80, sim.IF_curr_exp(**cell), label="exc")
    inh = sim.Population(20, sim.IF_curr_exp(**cell), label="inh")
    drive = sim.Population(50, sim.SpikeSourceArray(spike_times=[list(t) for t in trains]), label="drive")
    rngs = [sim.NumpyRNG(seed=seed + k) for k in range(6)]
    conn = lambda p, k: sim.FixedProbabilityConnector(p, rng=rngs[k])
    sim.Projection(drive, exc, conn(0.3, 0), sim.StaticSynapse(weight=0.6, delay=1.0), receptor_type="excitatory")
    sim.Projection(drive, inh, conn(0.3, 1), sim.StaticSynapse(weight=0.6, delay=1.0), receptor_type="excitatory")
    sim.Projection(exc, exc, conn(0.1, 2), sim.StaticSynapse(weight=0.15, delay=1.5), receptor_type="excitatory")
    sim.Projection(exc, inh, conn(0.2, 3), sim.StaticSynapse(weight=0.2, delay=1.0), receptor_type="excitatory")
    sim.Projection(inh, exc, conn(0.2, 4), sim.StaticSynapse(weight=-0.5, delay=0.8), receptor_type="inhibitory")
    sim.Projection(inh, inh, conn(0.1, 5), sim.StaticSynapse(weight=-0.3, delay=0.8), receptor_type="inhibitory")
    exc.record(["spikes"])
    inh.record(["spikes"])
    sim.run(duration)
    out = {"spikes": {"exc": _spikes(exc), "inh": _spikes(inh)}, "weights": None}
    sim.end()
    return out


SCRIPTS = {
    "single_neuron_dc": single_neuron_dc,
    "pairing": pairing,
    "song2000_like": song2000_like,
    "recurrent_ei": recurrent_ei,
}
