"""plasticore from Python: experiments, runs on every model layer, NumPy results, figures.

    import plasticore
    ex = plasticore.load("examples/song2000.toml")
    res = plasticore.run(ex, model="fixed", overrides={"hardware.weight_bits": 8}, duration_ms=2000)
    res.spikes                      # structured array (step, group, neuron)
    res.final_weights("inputs_to_post")
    res.summary["populations"]      # summary.json as a dict
    res.write("out/fixed")          # the result directory `plasticore run` writes
    plasticore.compare(ex, reference="golden", candidate="fixed").metrics

Every run calls the same C++ run_model() as the command line (docs/python.md); bad input raises
plasticore.ExperimentError with the command line's "FILE:LINE:COL: KEY: problem (got VALUE)".
The PyNN back end is plasticore.pynn (docs/pynn.md).
"""

import json
import os
import tempfile

import numpy as np

from . import _plasticore
from ._plasticore import ExperimentError
from ._progress import ProgressBar
from . import _toml

__all__ = ["ExperimentError", "Experiment", "Result", "Comparison", "load", "run", "compare",
           "model_names", "plasticity_rules", "STATISTICS_OPTIONS"]


def model_names():
    """The model layers, in chain order: golden, fixed, core, core-rtl."""
    return list(_plasticore.model_names())


# The plasticity rules the experiment loader knows, with their parameters (name, unit, default).
# The loader's rule table (model/experiment/parse_plasticity.cpp) is the authority; this mirror
# is what plasticore.pynn builds its synapse types from, so a rule that lands there is one entry
# here (or, once the C++ registry exports its table, none).
def plasticity_rules():
    """{rule name: {parameter: (unit, default)}} of the rules experiments may name, read from the
    C++ rule registry (model/plasticity/rules.hpp; `plasticore rules` prints the same)."""
    return _plasticore.plasticity_rules()


def _override_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, str):
        return value
    raise TypeError("override values are numbers, booleans or strings, not %s" % type(value).__name__)


def _overrides(overrides):
    if not overrides:
        return []
    items = overrides.items() if isinstance(overrides, dict) else overrides
    return [(str(k), _override_text(v)) for k, v in items]


class Experiment:
    """An experiment, loaded and checked by the same loader as `plasticore run`."""

    def __init__(self, handle):
        self._handle = handle

    @classmethod
    def load(cls, path):
        """Reads an experiment file (TOML); raises ExperimentError with file:line:col."""
        return cls(_plasticore._Experiment.load(os.fspath(path)))

    @classmethod
    def from_toml(cls, text, name="<toml>", base_dir=None):
        """From TOML text; files it names are relative to base_dir (default: the current one)."""
        return cls(_plasticore._Experiment.from_toml(text, name, os.fspath(base_dir) if base_dir else ""))

    @classmethod
    def from_dict(cls, d, name="<dict>", base_dir=None):
        """From a dict shaped like the TOML file (docs/experiment-format.md): tables are dicts,
        arrays of tables are lists of dicts, e.g. {"simulation": {...}, "population": [{...}]}.
        Errors name the key and the line of the equivalent TOML text (Experiment.toml)."""
        return cls.from_toml(_toml.dumps(d), name, base_dir)

    @property
    def path(self):
        """The file it was read from, or None."""
        return self._handle.path or None

    @property
    def toml(self):
        """Its TOML text."""
        if self._handle.path:
            with open(self._handle.path, encoding="utf-8") as f:
                return f.read()
        return self._handle.toml

    def save(self, path):
        """Writes the TOML text to `path` (a file `plasticore run` accepts)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.toml)
        return path

    dt_ms = property(lambda self: self._handle.dt_ms)
    duration_ms = property(lambda self: self._handle.duration_ms)
    seed = property(lambda self: self._handle.seed)
    populations = property(lambda self: list(self._handle.populations))
    sources = property(lambda self: list(self._handle.sources))
    projections = property(lambda self: list(self._handle.projections))

    def describe(self):
        """The summary `plasticore validate` prints."""
        return self._handle.describe()

    def check_overrides(self, overrides):
        """Raises ExperimentError if `overrides` ({key path: value}) do not apply."""
        self._handle.check_overrides(_overrides(overrides))

    def __repr__(self):
        return "<plasticore.Experiment %s: %d populations, %d sources, %d projections, %g ms>" % (
            self.path or "(from text)", len(self.populations), len(self.sources),
            len(self.projections), self.duration_ms)


def load(path):
    """Experiment.load(path)."""
    return Experiment.load(path)


def _experiment(experiment):
    if isinstance(experiment, Experiment):
        return experiment
    if isinstance(experiment, dict):
        return Experiment.from_dict(experiment)
    if isinstance(experiment, (str, os.PathLike)):
        return Experiment.load(experiment)
    raise TypeError("expected an Experiment, a dict or a path, not %s" % type(experiment).__name__)


class Result:
    """One run: NumPy arrays of spikes, state and weights, the summary, files and figures."""

    def __init__(self, handle, experiment):
        self._h = handle
        self.experiment = experiment
        self.directory = None  # set by write()

    model = property(lambda self: self._h.model)
    precision = property(lambda self: self._h.precision)
    dt_ms = property(lambda self: self._h.dt_ms)
    steps = property(lambda self: self._h.steps)
    seed = property(lambda self: self._h.seed)
    wall_seconds = property(lambda self: self._h.wall_seconds)
    populations = property(lambda self: list(self._h.populations))
    projections = property(lambda self: list(self._h.projections))
    spike_groups = property(lambda self: list(self._h.spike_groups),
                            doc="names of the recorded groups; spikes['group'] indexes it")

    @property
    def duration_ms(self):
        return self.steps * self.dt_ms

    @property
    def spikes(self):
        """Structured array (step, group, neuron), ordered by step, group, neuron."""
        return self._h.spikes

    def spike_times(self, group):
        """(times [ms], neurons) of the recorded group `group` (a population or source name)."""
        groups = self.spike_groups
        if group not in groups:
            raise KeyError("'%s' is not recorded (recorded: %s)" % (group, ", ".join(groups)))
        s = self.spikes
        mask = s["group"] == groups.index(group)
        return s["step"][mask] * self.dt_ms, s["neuron"][mask].astype(np.int64)

    @property
    def state(self):
        """Structured array (step, population, neuron, v [mV], i_e [nA], i_i [nA]): the state at
        the start of each recorded step."""
        return self._h.state

    def state_of(self, population, variable="v"):
        """(times [ms] [T], neurons [K], values [T, K]) of `variable` (v, i_e, i_i)."""
        if variable not in ("v", "i_e", "i_i"):
            raise KeyError("variable must be 'v', 'i_e' or 'i_i', not %r" % (variable,))
        pops = self.populations
        if population not in pops:
            raise KeyError("no population is called '%s'" % population)
        st = self.state
        st = st[st["population"] == pops.index(population)]
        neurons = np.unique(st["neuron"]).astype(np.int64)
        steps = np.unique(st["step"])
        values = np.full((len(steps), len(neurons)), np.nan)
        values[np.searchsorted(steps, st["step"]), np.searchsorted(neurons, st["neuron"])] = st[variable]
        return steps * self.dt_ms, neurons, values

    def synapses(self, projection):
        """{pre, post, delay_steps, initial_weight [nA], n_pre, n_post} of a projection (name or
        index), in the synapse order of every weight array."""
        return self._h.synapses(projection)

    def final_weights(self, projection):
        """Final weights [nA] of a projection, in synapse order."""
        return self._h.final_weights(projection)

    def weight_snapshots(self, projection):
        """(times [ms] [S], weights [nA] [S, synapses]) of the recorded snapshots."""
        steps, w = self._h.weight_snapshots(projection)
        return steps * self.dt_ms, w

    @property
    def counters(self):
        return dict(self._h.counters)

    @property
    def summary(self):
        """summary.json as a dict (spike counts and rates, weight statistics, counters, core)."""
        return json.loads(self._h.summary_json())

    @property
    def core_ticks(self):
        """(times [ms], busy cycles) of each tick of a core run (core_ticks.csv); None for the
        other layers. The budget is summary["core"]["tick_budget_cycles"]."""
        busy = self._h.busy_cycles_per_tick
        if len(busy) == 0:
            return None
        return np.arange(len(busy)) * self.dt_ms, busy

    def write(self, directory, write_inputs=False):
        """Writes the result directory `plasticore run --out DIRECTORY` writes (staged, summary.json
        last); with write_inputs also stimulus.csv and network.csv. Returns the directory."""
        directory = os.fspath(directory)
        self._h.write(directory, bool(write_inputs))
        self.directory = directory
        return directory

    def plot(self, directory=None, formats=("png", "svg")):
        """Figures of this run (as `plasticore plot`): raster and rates, weights, membranes,
        core load. Writes the result directory first if needed (default: a temporary one) and
        the figures into DIRECTORY/plots/. Returns the list of files written."""
        from . import _plot_run
        if directory is not None:
            self.write(directory)
        elif self.directory is None:
            self.write(tempfile.mkdtemp(prefix="plasticore_"))
        return _plot_run.plot_directory(self.directory, formats=formats)

    def __repr__(self):
        return "<plasticore.Result %s, %d steps of %g ms, %d spikes recorded>" % (
            self.model, self.steps, self.dt_ms, len(self.spikes))


def run(experiment, model="golden", overrides=None, duration_ms=None, seed=None,
        precision="double", progress=False, vcd=None):
    """Runs `experiment` (an Experiment, a dict or a file path) on a model layer.

    model: "golden", "fixed", "core" or "core-rtl". overrides: {key path: value} applied to the
    TOML document and checked like values in the file ("hardware.weight_bits": 8,
    "projection.inputs_to_post.plasticity.a_plus": 0.02). duration_ms, seed: as the command
    line's --duration, --seed. precision: golden's "double" or "high". progress: True for a
    bar on stderr, or a callable(done, total). vcd: core only, a SystemC VCD file.
    The GIL is released while the model runs.
    """
    ex = _experiment(experiment)
    bar = None
    callback = None
    if progress is True:
        bar = ProgressBar("%s %s" % (model, ex.path or "experiment"))
        callback = bar
    elif callable(progress):
        callback = progress
    elif progress not in (False, None):
        raise TypeError("progress must be True, False or a callable(done, total)")
    try:
        handle = _plasticore.run(ex._handle, model, _overrides(overrides),
                                 None if duration_ms is None else float(duration_ms),
                                 None if seed is None else int(seed), precision, vcd or "", callback)
    finally:
        if bar is not None:
            bar.finish()
    return Result(handle, ex)


# compare()'s spike-statistics keywords and the command-line flags they mirror.
STATISTICS_OPTIONS = {
    "analysis_start_ms": "--analysis-start",
    "analysis_stop_ms": "--analysis-stop",
    "correlation_bin_ms": "--correlation-bin",
    "correlation_sample": "--correlation-sample",
    "cv_min_spikes": "--cv-min-spikes",
}


def _check_statistics_keywords(statistics):
    unknown = sorted(set(statistics) - set(STATISTICS_OPTIONS))
    if unknown:
        raise TypeError("unknown compare option(s): %s (known: van_rossum_tau_ms, %s)"
                        % (", ".join(unknown), ", ".join(STATISTICS_OPTIONS)))


class Comparison:
    """A candidate run against a reference run of the same experiment (docs/compare.md).

    The options are those of `plasticore compare` (docs/compare.md): van_rossum_tau_ms, and
    for the spike statistics analysis_start_ms, analysis_stop_ms (None: the end of the run),
    correlation_bin_ms, correlation_sample, cv_min_spikes. A value the command line would refuse
    raises ValueError naming the option.
    """

    def __init__(self, reference, candidate, van_rossum_tau_ms=10.0, **statistics):
        _check_statistics_keywords(statistics)
        self.reference = reference
        self.candidate = candidate
        self.van_rossum_tau_ms = float(van_rossum_tau_ms)
        self.options = dict(statistics, van_rossum_tau_ms=self.van_rossum_tau_ms)
        self.metrics = json.loads(_plasticore.compare_runs(reference._h, candidate._h, self.options))
        self.directory = None

    @property
    def table(self):
        """The table `plasticore compare` prints."""
        return _plasticore.format_compare_table(self.reference._h, self.candidate._h, self.options)

    def write(self, directory):
        """Writes what `plasticore compare --out DIRECTORY` writes: reference/, candidate/,
        distributions.csv, compare.json (last)."""
        directory = os.fspath(directory)
        _plasticore.write_compare_directory(directory, self.reference._h, self.candidate._h, self.options)
        self.directory = directory
        return directory

    def plot(self, directory=None, formats=("png", "svg")):
        """The figures of both runs overlaid, into DIRECTORY/plots/."""
        from . import _plot_run
        if directory is not None:
            self.write(directory)
        elif self.directory is None:
            self.write(tempfile.mkdtemp(prefix="plasticore_compare_"))
        return _plot_run.plot_directory(self.directory, formats=formats)

    def __repr__(self):
        return "<plasticore.Comparison %s vs %s>" % (self.candidate.model, self.reference.model)


def compare(reference, candidate=None, *, reference_model="golden", candidate_model="fixed",
            overrides=None, duration_ms=None, seed=None, van_rossum_tau_ms=10.0, progress=False,
            **statistics):
    """The metrics of `plasticore compare`, as a Comparison (.metrics is compare.json's dict).

    compare(result_a, result_b): two finished runs of one experiment.
    compare(experiment, reference_model="golden", candidate_model="fixed", ...): runs both.
    The spike statistics' options (STATISTICS_OPTIONS: analysis_start_ms, analysis_stop_ms,
    correlation_bin_ms, correlation_sample, cv_min_spikes) are keywords too.
    """
    _check_statistics_keywords(statistics)
    if isinstance(reference, Result):
        if not isinstance(candidate, Result):
            raise TypeError("compare(result, result): the candidate must be a Result too")
        return Comparison(reference, candidate, van_rossum_tau_ms, **statistics)
    if candidate is not None:
        raise TypeError("compare(experiment, ...): give the layers as reference_model= and candidate_model=")
    ex = _experiment(reference)
    runs = [run(ex, m, overrides=overrides, duration_ms=duration_ms, seed=seed, progress=progress)
            for m in (reference_model, candidate_model)]
    return Comparison(runs[0], runs[1], van_rossum_tau_ms, **statistics)
