"""PyNN's standard models as plasticore.pynn accepts them (docs/pynn.md).

Parameters keep PyNN's names and units here (identity translations); experiment.py is the one
place that maps them to experiment keys, units and signs. Models PyNN defines that plasticore
cannot run raise NotImplementedError naming themselves.
"""

from pyNN.standardmodels import cells, synapses, electrodes, build_translations
from pyNN.parameters import ParameterSpace, Sequence

from .simulator import state


def _identity(model_class, *extra):
    names = list(model_class.default_parameters) + list(extra)
    return build_translations(*[(n, n) for n in names])


class IF_curr_exp(cells.IF_curr_exp):
    __doc__ = cells.IF_curr_exp.__doc__
    translations = _identity(cells.IF_curr_exp)


class SpikeSourcePoisson(cells.SpikeSourcePoisson):
    __doc__ = cells.SpikeSourcePoisson.__doc__
    translations = _identity(cells.SpikeSourcePoisson)


class SpikeSourceArray(cells.SpikeSourceArray):
    __doc__ = cells.SpikeSourceArray.__doc__
    translations = _identity(cells.SpikeSourceArray)


class _SynapseDelay:
    def _get_minimum_delay(self):
        d = state.min_delay
        return state.dt if d == "auto" else d


class StaticSynapse(_SynapseDelay, synapses.StaticSynapse):
    __doc__ = synapses.StaticSynapse.__doc__
    translations = build_translations(("weight", "weight"), ("delay", "delay"))


class STDPMechanism(_SynapseDelay, synapses.STDPMechanism):
    __doc__ = synapses.STDPMechanism.__doc__
    base_translations = build_translations(("weight", "weight"), ("delay", "delay"),
                                           ("dendritic_delay_fraction", "dendritic_delay_fraction"))

    def __init__(self, timing_dependence=None, weight_dependence=None, voltage_dependence=None,
                 dendritic_delay_fraction=1.0, weight=0.0, delay=None):
        if voltage_dependence is not None:
            raise NotImplementedError("plasticore.pynn: STDPMechanism with a voltage_dependence")
        if dendritic_delay_fraction != 0:
            # The contract's delays are axonal: plasticity sees a presynaptic spike when it
            # arrives (docs/semantics.md), as pyNN.brian2, which requires 0 too.
            raise NotImplementedError(
                "plasticore.pynn: STDPMechanism with dendritic_delay_fraction = %r (only 0, "
                "axonal delays, is supported)" % (dendritic_delay_fraction,))
        if timing_dependence is None or weight_dependence is None:
            raise NotImplementedError("plasticore.pynn: STDPMechanism needs a timing and a weight dependence")
        super().__init__(timing_dependence, weight_dependence, voltage_dependence,
                         dendritic_delay_fraction, weight, delay)

    def _build_translations(self):
        # A copy: PyNN's base class updates the class-level dictionary in place.
        self.translations = dict(self.__class__.base_translations)
        for component in (self.timing_dependence, self.weight_dependence):
            self.translations.update(component.translations)


class SpikePairRule(synapses.SpikePairRule):
    __doc__ = synapses.SpikePairRule.__doc__
    translations = _identity(synapses.SpikePairRule)


class AdditiveWeightDependence(synapses.AdditiveWeightDependence):
    __doc__ = synapses.AdditiveWeightDependence.__doc__
    translations = _identity(synapses.AdditiveWeightDependence)


class MultiplicativeWeightDependence(synapses.MultiplicativeWeightDependence):
    __doc__ = synapses.MultiplicativeWeightDependence.__doc__
    translations = _identity(synapses.MultiplicativeWeightDependence)


class DCSource(electrodes.DCSource):
    """A constant current [nA] from `start` to `stop` [ms], injected into the cells given to
    inject_into() (an experiment [[stimulation]] block)."""
    __doc__ = electrodes.DCSource.__doc__
    translations = _identity(electrodes.DCSource)

    def __init__(self, **parameters):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "cells", [])
        super().__init__(**parameters)
        parameter_space = ParameterSpace(self.default_parameters, self.get_schema(), shape=(1,))
        parameter_space.update(**parameters)
        self.set_native_parameters(self.translate(parameter_space))
        state.current_sources.append(self)

    def set_native_parameters(self, parameters):
        parameters.evaluate(simplify=True)
        for name, value in parameters.items():
            self._values[name] = float(value)

    def get_native_parameters(self):
        return ParameterSpace(dict(self._values), self.get_schema(), shape=(1,))

    def inject_into(self, cells):
        for c in cells:
            if not c.celltype.injectable:
                raise TypeError("Can't inject current into a spike source.")
        self.cells.extend(cells)


def _not_available(name, base):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("The %s model is not available in plasticore.pynn (docs/pynn.md lists "
                                  "what is)" % name)
    return type(name, (base,), {"__init__": __init__, "__doc__": "Not available in plasticore.pynn."})


# What PyNN 0.10 defines and plasticore does not run: each raises NotImplementedError by name.
_UNSUPPORTED_CELLS = ["IF_curr_alpha", "IF_cond_alpha", "IF_cond_exp", "IF_cond_exp_gsfa_grr",
                      "HH_cond_exp", "EIF_cond_alpha_isfa_ista", "EIF_cond_exp_isfa_ista", "Izhikevich",
                      "IF_facets_hardware1", "GIF_cond_exp", "SpikeSourceGamma", "SpikeSourceInhGamma",
                      "SpikeSourcePoissonRefractory", "IF_curr_delta", "PointNeuron"]
_UNSUPPORTED_SYNAPSES = ["TsodyksMarkramSynapse", "ElectricalSynapse", "SimpleStochasticSynapse",
                         "StochasticTsodyksMarkramSynapse", "MultiQuantalSynapse"]
_UNSUPPORTED_STDP = ["AdditivePotentiationMultiplicativeDepression", "GutigWeightDependence",
                     "Vogels2011Rule"]
_UNSUPPORTED_SOURCES = ["ACSource", "StepCurrentSource", "NoisyCurrentSource"]

for _n in _UNSUPPORTED_CELLS:
    globals()[_n] = _not_available(_n, object)
for _n in _UNSUPPORTED_SYNAPSES + _UNSUPPORTED_STDP + _UNSUPPORTED_SOURCES:
    globals()[_n] = _not_available(_n, object)
