"""plasticore's own plasticity models as PyNN synapse types, in the style of sPyNNaker's
`extra_models` (`import plasticore.pynn as sim; sim.extra_models.SpikeNearestPairRule(...)`).

- SpikeNearestPairRule: sPyNNaker's name for pair STDP with nearest-spike pairing; a timing
  dependence for sim.STDPMechanism, with SpikePairRule's parameters and units.
- One synapse type per rule of plasticore.plasticity_rules(), generated from that table:
  `StdpPairSynapse(weight=..., delay=..., tau_plus_ms=..., a_plus=..., pairing="nearest", ...)`
  takes the rule's experiment keys and units unchanged (docs/experiment-format.md), so a rule
  that lands in the registry is a synapse type here with no code. Numeric parameters are PyNN
  parameters (homogeneous per Projection); string parameters are keyword choices. Like
  STDPMechanism they transmit after the update (PyNN's order), unless transmit="before_update".
"""

from pyNN.standardmodels import synapses, build_translations, StandardSynapseType

import plasticore
from .standardmodels import SpikePairRule, _SynapseDelay, _identity


class SpikeNearestPairRule(SpikePairRule):
    """Pair STDP with nearest-spike pairing (sPyNNaker's SpikeNearestPairRule): each trace is
    set to 1 at a spike instead of incremented (docs/semantics.md, "Plasticity")."""
    translations = _identity(synapses.SpikePairRule)
    pairing = "nearest"


class PlasticoreSynapse(_SynapseDelay, StandardSynapseType):
    """Base of the synapse types generated from plasticore.plasticity_rules()."""
    rule = None          # the experiment's rule name
    string_choices = {}  # parameter -> default, for the non-numeric parameters

    def __init__(self, weight=0.0, delay=None, transmit="after_update", **parameters):
        if transmit not in ("after_update", "before_update"):
            raise ValueError("transmit must be 'after_update' or 'before_update', not %r" % (transmit,))
        self.transmit = transmit
        self.choices = dict(self.string_choices)
        numeric = {}
        for name, value in parameters.items():
            if name in self.choices:
                self.choices[name] = value
            elif name in self.default_parameters:
                numeric[name] = value
            else:
                raise NotImplementedError("plasticore.pynn: %s has no parameter '%s' (it has %s)" % (
                    type(self).__name__, name, ", ".join(sorted(list(self.default_parameters) + list(self.choices)))))
        super().__init__(weight=weight, delay=delay, **numeric)

    def plasticity_table(self, numeric):
        """[projection.plasticity] of this synapse type, given the homogeneous numeric values."""
        table = {"rule": self.rule, "transmit": self.transmit}
        table.update(self.choices)
        table.update({k: v for k, v in numeric.items() if k not in ("weight", "delay")})
        return table


def _camel(rule):
    return "".join(part.capitalize() for part in rule.split("_")) + "Synapse"


def _synapse_type(rule, parameters):
    numeric = {k: float(d) for k, (unit, d) in parameters.items() if not isinstance(d, str)}
    strings = {k: d for k, (unit, d) in parameters.items() if isinstance(d, str)}
    defaults = {"weight": 0.0, "delay": None}
    defaults.update(numeric)
    units = {k: unit for k, (unit, d) in parameters.items() if not isinstance(d, str)}
    doc = "plasticore rule '%s' as a PyNN synapse type; parameters (experiment keys and units): %s" % (
        rule, ", ".join("%s [%s] = %r" % (k, u or "-", d) for k, (u, d) in parameters.items()))
    return type(_camel(rule), (PlasticoreSynapse,), {
        "__doc__": doc, "rule": rule, "string_choices": strings, "default_parameters": defaults,
        "units": units, "translations": build_translations(*[(n, n) for n in defaults]),
    })


SYNAPSE_TYPES = {}
for _rule, _parameters in plasticore.plasticity_rules().items():
    SYNAPSE_TYPES[_rule] = globals()[_camel(_rule)] = _synapse_type(_rule, _parameters)
