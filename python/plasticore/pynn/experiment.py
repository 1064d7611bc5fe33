"""The PyNN network as a plasticore experiment: the one place where PyNN's names, units and
signs become experiment keys (docs/pynn.md, "Mapping").

  IF_curr_exp          -> [[population]]   (cm nF, tau ms, v mV, i_offset nA: the same units)
  SpikeSourceArray     -> [[source]] kind = "explicit"
  SpikeSourcePoisson   -> [[source]] kind = "poisson"  (rate Hz, start, start + duration)
  Projection           -> [[projection]]   (weights: magnitudes, the receptor gives the sign)
  STDPMechanism        -> [projection.plasticity] rule = "stdp_pair", transmit = "after_update"
  DCSource             -> [[stimulation]]
  record(["spikes", "v"]) -> [record]
"""

import math
import re

import numpy as np
from pyNN import common, connectors

import plasticore
from . import extra_models
from . import standardmodels as sm

PYNN_STDP_ORDER = "after_update"  # PyNN's STDPMechanism depresses, then transmits (docs/semantics.md)


def _identifier(label, fallback, taken):
    name = re.sub(r"[^A-Za-z0-9_]", "_", label or "").strip("_") or fallback
    if name[0].isdigit():
        name = "_" + name
    base, k = name, 2
    while name in taken:
        name, k = "%s_%d" % (base, k), k + 1
    taken.add(name)
    return name


def _homogeneous(pop, values, what):
    a = np.asarray(values, dtype=float).ravel()
    if a.size == 0:
        return None
    if not np.all(a == a[0]):
        raise NotImplementedError("plasticore.pynn: %s that differs between the neurons of Population '%s'"
                                  % (what, pop.label))
    return float(a[0])


def _parameter(pop, name):
    return _homogeneous(pop, pop._parameters[name], "parameter %s" % name)


def _population(pop, name):
    if isinstance(pop.celltype, sm.IF_curr_exp):
        p = lambda n: _parameter(pop, n)
        return "population", {
            "name": name, "size": pop.size,
            "tau_m_ms": p("tau_m"), "c_m_nf": p("cm"),
            "v_rest_mv": p("v_rest"), "v_reset_mv": p("v_reset"), "v_thresh_mv": p("v_thresh"),
            "v_init_mv": _homogeneous(pop, pop.initial_value_array("v"), "initial value of v"),
            "t_ref_ms": p("tau_refrac"), "tau_syn_e_ms": p("tau_syn_E"), "tau_syn_i_ms": p("tau_syn_I"),
            "i_offset_na": p("i_offset"),
        }
    if isinstance(pop.celltype, sm.SpikeSourceArray):
        trains = []
        for seq in np.asarray(pop._parameters["spike_times"], dtype=object).ravel():
            times = np.asarray(getattr(seq, "value", seq), dtype=float).ravel()
            trains.append([float(t) for t in times])
        return "source", {"name": name, "kind": "explicit", "size": pop.size, "times_ms": trains}
    if isinstance(pop.celltype, sm.SpikeSourcePoisson):
        start = _parameter(pop, "start")
        src = {"name": name, "kind": "poisson", "size": pop.size, "rate_hz": _parameter(pop, "rate"),
               "start_ms": start}
        stop = start + _parameter(pop, "duration")
        return "source", (src, stop)
    raise NotImplementedError("plasticore.pynn: cell type %s" % type(pop.celltype).__name__)


def _plasticity(prj):
    syn = prj.synapse_type
    if isinstance(syn, extra_models.PlasticoreSynapse):
        if prj.inhibitory:
            raise NotImplementedError("plasticore.pynn: plastic inhibitory current-based synapses")
        q = prj.plasticity_parameters or {k: float(v) for k, v in syn.native_parameters.items()
                                          if k not in ("weight", "delay")}
        return syn.plasticity_table(q)
    if not isinstance(syn, sm.STDPMechanism):
        return None
    if prj.inhibitory:
        raise NotImplementedError("plasticore.pynn: STDPMechanism on inhibitory current-based synapses "
                                  "(negative PyNN weights)")
    td, wd = syn.timing_dependence, syn.weight_dependence
    if not isinstance(td, sm.SpikePairRule):
        raise NotImplementedError("plasticore.pynn: timing dependence %s" % type(td).__name__)
    q = prj.plasticity_parameters
    if not q:  # no connection made: the rule's own parameters
        q = {k: float(v) for k, v in syn.native_parameters.items() if k not in ("weight", "delay")}
    w_min, w_max = q["w_min"], q["w_max"]
    if isinstance(wd, sm.AdditiveWeightDependence):
        # PyNN (pyNN.brian2, NEST stdp_synapse with mu = 0): dw = +-A w_max x; the contract's
        # additive rule: dw = +-a (w_max - w_min) x.
        scale = w_max / (w_max - w_min) if w_max > w_min else math.nan
        dependence, a_plus, a_minus = "additive", q["A_plus"] * scale, q["A_minus"] * scale
    elif isinstance(wd, sm.MultiplicativeWeightDependence):
        # PyNN's definition (NEST stdp_synapse with mu = 1): dw+ = A+ (w_max - w) x,
        # dw- = -A- (w - w_min) x: the contract's soft bounds with the same amplitudes.
        dependence, a_plus, a_minus = "multiplicative", q["A_plus"], q["A_minus"]
    else:
        raise NotImplementedError("plasticore.pynn: weight dependence %s" % type(wd).__name__)
    pairing = "nearest" if isinstance(td, extra_models.SpikeNearestPairRule) else "all_to_all"
    return {"rule": "stdp_pair", "transmit": PYNN_STDP_ORDER, "pairing": pairing,
            "weight_dependence": dependence, "tau_plus_ms": q["tau_plus"], "tau_minus_ms": q["tau_minus"],
            "a_plus": a_plus, "a_minus": a_minus, "w_min_na": w_min, "w_max_na": w_max}


def _projection(prj, name, names):
    pre, post, weight, delay = prj.connections_arrays()
    sign = -1.0 if prj.inhibitory else 1.0
    magnitude = sign * weight
    d = {"name": name, "pre": names[prj.pre_population], "post": names[prj.post_population],
         "receptor": prj.receptor_type}
    whole = not isinstance(prj.pre, common.PopulationView) and not isinstance(prj.post, common.PopulationView)
    uniform = len(weight) > 0 and np.all(magnitude == magnitude[0]) and np.all(delay == delay[0])
    if whole and uniform and prj._connector_kind is connectors.AllToAllConnector:
        d.update(connector="all_to_all", weight_na=float(magnitude[0]), delay_ms=float(delay[0]))
    elif whole and uniform and prj._connector_kind is connectors.OneToOneConnector:
        d.update(connector="one_to_one", weight_na=float(magnitude[0]), delay_ms=float(delay[0]))
    else:
        d.update(connector="list", weight_na=0.0,
                 connections=[[int(i), int(j), float(w), float(t)] for i, j, w, t in zip(pre, post, magnitude, delay)])
    plasticity = _plasticity(prj)
    if plasticity is not None:
        d["plasticity"] = plasticity
    return d


def build(state, duration_ms):
    """The experiment dict of the network in `state`, run for `duration_ms` from t = 0."""
    opts = state.options
    ex = {"simulation": {"dt_ms": float(state.dt), "duration_ms": float(duration_ms),
                         "seed": int(opts.get("seed", 1))}}
    taken, names = set(), {}
    populations, sources = [], []
    for k, pop in enumerate(state.populations):
        names[pop] = _identifier(pop.label, "population%d" % k, taken)
        kind, d = _population(pop, names[pop])
        if kind == "population":
            populations.append(d)
        else:
            if isinstance(d, tuple):  # Poisson: the stop only when it falls inside the run
                d, stop = d
                if stop < duration_ms:
                    d["stop_ms"] = stop
            sources.append(d)
    projections = []
    for k, prj in enumerate(state.projections):
        names[prj] = _identifier(prj.label, "projection%d" % k, taken)
        if len(prj) > 0:
            projections.append(_projection(prj, names[prj], names))
    stimulations = []
    for k, dc in enumerate(state.current_sources):
        by_population = {}
        for cell in dc.cells:
            by_population.setdefault(cell.parent, []).append(cell.parent.id_to_index(int(cell)))
        start, stop, amplitude = dc._values["start"], dc._values["stop"], dc._values["amplitude"]
        for pop, idx in by_population.items():
            s = {"name": "dc%d_%s" % (k, names[pop]), "population": names[pop],
                 "neurons": sorted(set(int(i) for i in idx)), "amplitude_na": amplitude, "start_ms": start}
            if stop < duration_ms:
                s["stop_ms"] = stop
            stimulations.append(s)
    record = {"spikes": []}
    states = []
    for pop in state.populations:
        recorded = pop.recorder.recorded
        if recorded.get("spikes"):
            record["spikes"].append(names[pop])
        if recorded.get("v"):
            neurons = sorted(int(pop.id_to_index(int(i))) for i in recorded["v"])
            states.append({"population": names[pop], "neurons": neurons,
                           "interval_ms": float(pop.recorder.sampling_interval)})
    if states:
        record["state"] = states
    if populations:
        ex["population"] = populations
    if sources:
        ex["source"] = sources
    if projections:
        ex["projection"] = projections
    if stimulations:
        ex["stimulation"] = stimulations
    ex["record"] = record
    if opts.get("hardware") or opts.get("preset"):
        hw = dict(opts.get("hardware") or {})
        if opts.get("preset"):
            hw["preset"] = opts["preset"]
        ex["hardware"] = hw
    if opts.get("core"):
        ex["core"] = dict(opts["core"])
    return ex, names


def run_until(state, tstop):
    """Runs the network from t = 0 to tstop on the layer chosen in setup()."""
    dt = state.dt
    if tstop < dt * (1 - 1e-9):
        raise ValueError("plasticore.pynn: run for at least one time step (%g ms)" % dt)
    ex, names = build(state, tstop)
    if state.experiment is not None and _structure(state.experiment) != _structure(ex):
        raise NotImplementedError(
            "plasticore.pynn: changing the network, its parameters or its recordings between run() "
            "calls; call reset() first (the next run then starts from t = 0)")
    state.names = names
    experiment = plasticore.Experiment.from_dict(ex, name="<plasticore.pynn>")
    state.result = plasticore.run(experiment, model=state.options.get("model", "golden"),
                                  precision=state.options.get("precision", "double"),
                                  progress=state.options.get("progress", False))
    state.experiment = ex
    state.t = tstop
    state.running = True


def _structure(ex):
    """The experiment without what a longer run legitimately changes (duration, and stops that
    now fall inside the run)."""
    d = {k: v for k, v in ex.items()}
    d["simulation"] = {k: v for k, v in ex["simulation"].items() if k != "duration_ms"}
    for key in ("source", "stimulation"):
        if key in d:
            d[key] = [{k: v for k, v in item.items() if k != "stop_ms"} for item in d[key]]
    return repr(d)
