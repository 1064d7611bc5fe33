"""plasticore as a PyNN back end: `import plasticore.pynn as sim` (PyNN 0.10, docs/pynn.md).

    sim.setup(timestep=0.1, model="fixed", preset="spinnaker-sr", hardware={...}, core={...}, seed=1)
    pre = sim.Population(100, sim.SpikeSourcePoisson(rate=15.0))
    post = sim.Population(1, sim.IF_curr_exp(tau_m=10.0))
    stdp = sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=20, tau_minus=20, A_plus=0.01,
                             A_minus=0.0105), weight_dependence=sim.AdditiveWeightDependence(w_min=0, w_max=0.01),
                             weight=0.005, delay=1.0, dendritic_delay_fraction=0.0)
    prj = sim.Projection(pre, post, sim.AllToAllConnector(), stdp)
    post.record(["spikes", "v"]); sim.run(1000.0)
    post.get_data()                          # Neo Block with units
    prj.get("weight", format="array")        # final weights [nA]
    sim.export_experiment("net.toml")        # the same run for `plasticore run`
    sim.end()

setup() takes PyNN's arguments plus plasticore's: model ("golden", "fixed", "core", "core-rtl"),
hardware ({key: value} of [hardware]), preset (a [hardware] preset name), core ({key: value} of
[core]), seed (the experiment seed: Poisson sources), precision (golden: "double" or "high"),
progress (True: a progress bar per run). STDP uses PyNN's order (the depressed weight is
transmitted: transmit = "after_update"). What PyNN defines and plasticore does not run raises
NotImplementedError naming it.
"""

import os

from pyNN import common
from pyNN.common.control import DEFAULT_MAX_DELAY, DEFAULT_TIMESTEP, DEFAULT_MIN_DELAY
from pyNN.connectors import AllToAllConnector, OneToOneConnector, FixedProbabilityConnector, FromListConnector
from pyNN.random import NumpyRNG, RandomDistribution
from pyNN.space import Space

import plasticore
from plasticore import _toml
from . import simulator
from . import experiment as _experiment
from .standardmodels import *  # noqa: F401,F403 - PyNN's standard models, and those that raise
from .standardmodels import (IF_curr_exp, SpikeSourcePoisson, SpikeSourceArray, StaticSynapse, STDPMechanism,
                             SpikePairRule, AdditiveWeightDependence, MultiplicativeWeightDependence, DCSource)
from .populations import Population, PopulationView, Assembly
from .projections import Projection, SUPPORTED_CONNECTORS
from . import extra_models

_PLASTICORE_OPTIONS = ("model", "hardware", "preset", "core", "seed", "precision", "progress")


def _unsupported_connector(name):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("plasticore.pynn: %s (supported: %s)" % (
            name, ", ".join(c.__name__ for c in SUPPORTED_CONNECTORS)))
    return type(name, (object,), {"__init__": __init__})


for _name in ("FixedNumberPreConnector", "FixedNumberPostConnector", "FixedTotalNumberConnector",
              "DistanceDependentProbabilityConnector", "DisplacementDependentProbabilityConnector",
              "IndexBasedProbabilityConnector", "SmallWorldConnector", "FromFileConnector", "CSAConnector",
              "CloneConnector", "ArrayConnector", "FixedInDegreeConnector", "FixedOutDegreeConnector"):
    globals()[_name] = _unsupported_connector(_name)


def list_standard_models():
    """The standard cell types plasticore.pynn runs."""
    return ["IF_curr_exp", "SpikeSourcePoisson", "SpikeSourceArray"]


def setup(timestep=DEFAULT_TIMESTEP, min_delay=DEFAULT_MIN_DELAY, **extra_params):
    """PyNN's setup() plus model=, hardware=, preset=, core=, seed=, precision=, progress=."""
    unknown = set(extra_params) - set(_PLASTICORE_OPTIONS) - {"max_delay", "rank", "num_processes"}
    if unknown:
        raise NotImplementedError("plasticore.pynn: setup() options %s (plasticore's are %s)"
                                  % (", ".join(sorted(unknown)), ", ".join(_PLASTICORE_OPTIONS)))
    model = extra_params.get("model", "golden")
    if model not in plasticore.model_names():
        raise ValueError("model must be one of %s, not %r" % (", ".join(plasticore.model_names()), model))
    common.setup(timestep, min_delay, **extra_params)
    simulator.state.clear()
    simulator.state.dt = float(timestep)
    simulator.state.min_delay = min_delay
    simulator.state.max_delay = extra_params.get("max_delay", DEFAULT_MAX_DELAY)
    simulator.state.options = {k: extra_params[k] for k in _PLASTICORE_OPTIONS if k in extra_params}
    return 0


def end(compatible_output=True):
    """Writes files asked for with write_data on end; nothing else to release."""
    for population, variables, filename in simulator.state.write_on_end:
        from neo.io import get_io
        population.write_data(get_io(filename), variables)
    simulator.state.write_on_end = []


run, run_until = common.build_run(simulator)
run_for = run
reset = common.build_reset(simulator)
initialize = common.initialize
get_current_time, get_time_step, get_min_delay, get_max_delay, num_processes, rank = \
    common.build_state_queries(simulator)
create = common.build_create(Population)
connect = common.build_connect(Projection, FixedProbabilityConnector, StaticSynapse)
record = common.build_record(simulator)


def get_result():
    """The plasticore.Result of the last run (NumPy arrays, summary, write(), plot())."""
    return simulator.state.result


def export_experiment(path, duration_ms=None):
    """Writes the experiment TOML of the network as it stands (the same run for `plasticore run`
    or a sweep). duration_ms: default the time run so far."""
    duration = duration_ms if duration_ms is not None else simulator.state.t
    if not duration:
        raise ValueError("export_experiment: give duration_ms (nothing has been run yet)")
    ex, _ = _experiment.build(simulator.state, duration)
    text = _toml.dumps(ex, header="Written by plasticore.pynn.export_experiment (docs/pynn.md).\n"
                                  "Run it with: plasticore run %s --model %s --out DIR"
                                  % (os.path.basename(str(path)), simulator.state.options.get("model", "golden")))
    plasticore.Experiment.from_toml(text, name=str(path))  # checked before it is written
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path
