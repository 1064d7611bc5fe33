"""Projections: PyNN's connectors produce the connection list (with PyNN's own random numbers,
so a seeded connector gives the same network as on pyNN.brian2); the experiment gets it as a
`list` connector, or as all_to_all / one_to_one when that says the same."""

import numpy as np
from pyNN import common, connectors
from pyNN.space import Space

from . import simulator
from .extra_models import PlasticoreSynapse
from .standardmodels import StaticSynapse, STDPMechanism

# The connectors plasticore.pynn has been checked with (tests/python/); others raise.
SUPPORTED_CONNECTORS = (connectors.AllToAllConnector, connectors.OneToOneConnector,
                        connectors.FixedProbabilityConnector, connectors.FromListConnector)
_CONNECTION_KEYS = ("weight", "delay", "dendritic_delay_fraction")


class Projection(common.Projection):
    __doc__ = common.Projection.__doc__
    _simulator = simulator
    _static_synapse_class = StaticSynapse

    def __init__(self, presynaptic_population, postsynaptic_population, connector, synapse_type=None,
                 source=None, receptor_type=None, space=Space(), label=None):
        if type(connector) not in SUPPORTED_CONNECTORS:
            raise NotImplementedError("plasticore.pynn: %s (supported: %s)" % (
                type(connector).__name__, ", ".join(c.__name__ for c in SUPPORTED_CONNECTORS)))
        for role, pop in (("pre", presynaptic_population), ("post", postsynaptic_population)):
            if isinstance(pop, common.Assembly):
                raise NotImplementedError("plasticore.pynn: a projection with an Assembly as %s" % role)
        if source is not None:
            raise NotImplementedError("plasticore.pynn: Projection(source=...)")
        if synapse_type is not None and not isinstance(synapse_type, (StaticSynapse, STDPMechanism, PlasticoreSynapse)):
            raise NotImplementedError("plasticore.pynn: synapse type %s" % type(synapse_type).__name__)
        common.Projection.__init__(self, presynaptic_population, postsynaptic_population, connector,
                                   synapse_type, source, receptor_type, space, label)
        self._pre = []     # per connect call: presynaptic indices in the pre population
        self._post = []    # postsynaptic indices in the post population
        self._weight = []  # PyNN units and sign [nA]
        self._delay = []   # [ms]
        self.plasticity_parameters = {}  # homogeneous STDP parameters, PyNN names and units
        connector.connect(self)
        self._connector_kind = type(connector)
        simulator.state.projections.append(self)

    @staticmethod
    def _base(pop):
        return pop.grandparent if isinstance(pop, common.PopulationView) else pop

    @property
    def pre_population(self):
        return self._base(self.pre)

    @property
    def post_population(self):
        return self._base(self.post)

    def _to_parent(self, pop, indices):
        indices = np.asarray(indices, dtype=int)
        return pop.index_in_grandparent(indices) if isinstance(pop, common.PopulationView) else indices

    def _convergent_connect(self, presynaptic_indices, postsynaptic_index, **parameters):
        pre = np.asarray(presynaptic_indices, dtype=int).ravel()
        n = len(pre)
        self._pre.append(self._to_parent(self.pre, pre))
        self._post.append(np.full(n, int(self._to_parent(self.post, [postsynaptic_index])[0])))
        self._weight.append(np.broadcast_to(np.asarray(parameters["weight"], dtype=float), (n,)).copy())
        self._delay.append(np.broadcast_to(np.asarray(parameters["delay"], dtype=float), (n,)).copy())
        for name, value in parameters.items():
            if name in _CONNECTION_KEYS:
                continue
            values = np.unique(np.asarray(value, dtype=float))
            known = self.plasticity_parameters.get(name)
            if len(values) > 1 or (known is not None and known != values[0]):
                raise NotImplementedError("plasticore.pynn: %s that differs between synapses of one Projection"
                                          % name)
            self.plasticity_parameters[name] = float(values[0])

    def connections_arrays(self):
        """(pre, post, weight [nA, PyNN sign], delay [ms]) in connection order."""
        if not self._pre:
            empty = np.zeros(0)
            return empty.astype(int), empty.astype(int), empty, empty
        return (np.concatenate(self._pre), np.concatenate(self._post), np.concatenate(self._weight),
                np.concatenate(self._delay))

    def __len__(self):
        return sum(len(p) for p in self._pre)

    @property
    def inhibitory(self):
        return self.receptor_type == "inhibitory"

    def _set_attributes(self, parameter_space):
        pre, post, weight, delay = self.connections_arrays()
        parameter_space.shape = (self.pre.size, self.post.size)
        for name, value in parameter_space.items():
            if name not in ("weight", "delay"):
                raise NotImplementedError("plasticore.pynn: Projection.set(%s=...)" % name)
            full = np.broadcast_to(value.evaluate(simplify=False), parameter_space.shape)
            # pre/post are indices in the base populations; a view's matrix is indexed by the view.
            vi = self._view_index(self.pre, pre)
            vj = self._view_index(self.post, post)
            new = full[vi, vj].astype(float)
            self._pre, self._post = [pre], [post]
            self._weight, self._delay = [new if name == "weight" else weight], [new if name == "delay" else delay]
            weight, delay = self._weight[0], self._delay[0]

    @staticmethod
    def _view_index(pop, parent_indices):
        if isinstance(pop, common.PopulationView):
            lookup = {int(g): k for k, g in enumerate(pop.index_in_grandparent(np.arange(pop.size)))}
            return np.array([lookup[int(i)] for i in parent_indices], dtype=int)
        return parent_indices

    def _current(self):
        """(pre, post, weight, delay) as they are now: after a run, the run's synapses (in its
        synapse order) with their final weights; before, the connections as made."""
        res = simulator.state.result
        if res is None or len(self) == 0:  # an empty projection is not in the experiment
            return self.connections_arrays()
        name = simulator.state.names[self]
        syn = res.synapses(name)
        w = res.final_weights(name)
        if self.inhibitory:
            w = -w
        return (syn["pre"].astype(int), syn["post"].astype(int), np.asarray(w, dtype=float),
                syn["delay_steps"] * res.dt_ms)

    def get(self, attribute_names, format, gather=True, with_address=True, multiple_synapses="sum"):
        """PyNN's Projection.get for "weight" [nA] and "delay" [ms], "list" or "array"."""
        single = isinstance(attribute_names, str)
        names = [attribute_names] if single else list(attribute_names)
        pre, post, weight, delay = self._current()
        columns = []
        for n in names:
            if n in ("weight", "weights"):
                columns.append(weight)
            elif n in ("delay", "delays"):
                columns.append(delay)
            else:
                raise NotImplementedError("plasticore.pynn: Projection.get('%s')" % n)
        vi, vj = self._view_index(self.pre, pre), self._view_index(self.post, post)
        if format == "list":
            rows = zip(vi, vj, *columns) if with_address else zip(*columns)
            values = [tuple(float(x) if isinstance(x, float) or isinstance(x, np.floating) else int(x) for x in r)
                      for r in rows]
            if single and not with_address:
                values = [v[0] for v in values]
            return values
        if format == "array":
            op = common.Projection.MULTI_SYNAPSE_OPERATIONS.get(multiple_synapses)
            if op is None:
                raise ValueError("`multiple_synapses` argument must be one of %s"
                                 % list(common.Projection.MULTI_SYNAPSE_OPERATIONS))
            out = []
            for col in columns:
                a = np.full((self.pre.size, self.post.size), np.nan)
                for i, j, v in zip(vi, vj, col):
                    a[i, j] = v if np.isnan(a[i, j]) else op(a[i, j], v)
                out.append(a)
            return out[0] if single else out
        raise Exception("format must be 'list' or 'array'")
