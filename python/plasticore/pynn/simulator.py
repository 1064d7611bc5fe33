"""The state of a plasticore.pynn simulation: the network as PyNN built it, and the run.

There is no simulator inside: run_until() turns the network into an experiment
(experiment.py), runs it with plasticore.run() on the chosen layer, and keeps the result that
recordings, weights and Projection.get() read. A later run() re-runs from t = 0 to the new end
(the layers are deterministic, so the earlier part repeats exactly).
"""

from pyNN import common

name = "plasticore"


class ID(int, common.IDMixin):

    def __init__(self, n):
        int.__init__(n)
        common.IDMixin.__init__(self)


class State(common.control.BaseState):

    def __init__(self):
        common.control.BaseState.__init__(self)
        self.mpi_rank = 0
        self.num_processes = 1
        self.dt = 0.1
        self.min_delay = "auto"
        self.max_delay = "auto"
        self.options = {}  # setup(): model, hardware, preset, core, seed, precision
        self.clear()

    def clear(self):
        self.recorders = set([])
        self.populations = []
        self.projections = []
        self.current_sources = []
        self.id_counter = 0
        self.segment_counter = -1
        self.result = None       # plasticore.Result of the last run
        self.experiment = None   # the experiment dict it ran
        self.names = {}          # Population / Projection -> its name in the experiment
        self.reset()

    def reset(self):
        """Back to t = 0; the next run() starts from the initial state."""
        self.running = False
        self.t = 0.0
        self.t_start = 0.0
        self.result = None
        self.experiment = None
        self.segment_counter += 1

    def run(self, simtime):
        self.run_until(self.t + simtime)

    def run_until(self, tstop):
        from . import experiment
        experiment.run_until(self, tstop)


state = State()
