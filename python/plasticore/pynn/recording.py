"""Recording: what PyNN asked to record becomes [record] of the experiment; after a run the
Recorder reads the result (spikes by step, state sampled at the start of each step)."""

import numpy as np
from pyNN import recording

from . import simulator


class Recorder(recording.Recorder):
    _simulator = simulator

    def _record(self, variable, new_ids, sampling_interval=None):
        if variable not in ("spikes", "v"):
            raise NotImplementedError("plasticore.pynn: recording '%s' (spikes and v are supported)" % variable)
        if sampling_interval is not None:
            self.sampling_interval = sampling_interval

    def _indices(self, ids):
        return np.array([self.population.id_to_index(int(i)) for i in ids], dtype=int)

    def _result(self):
        res = simulator.state.result
        if res is None:
            raise RuntimeError("plasticore.pynn: nothing has been run yet")
        return res

    def _get_spiketimes(self, ids, clear=False):
        res = self._result()
        name = simulator.state.names[self.population]
        times, neurons = res.spike_times(name)
        wanted = self._indices(ids)
        mask = np.isin(neurons, wanted)
        # IDs, not indices: PyNN's Recorder maps them back.
        return np.asarray(self.population.all_cells, dtype=int)[neurons[mask]], times[mask].astype(float)

    def _get_all_signals(self, variable, ids, clear=False):
        res = self._result()
        name = simulator.state.names[self.population]
        times, neurons, values = res.state_of(name, "v")
        columns = np.searchsorted(neurons, self._indices(ids))
        # One sample per step, the state at its start (times 0, dt, ..., t_stop - dt).
        return values[:, columns], None

    def _local_count(self, variable, filter_ids=None):
        res = self._result()
        name = simulator.state.names[self.population]
        _, neurons = res.spike_times(name)
        counts = np.bincount(neurons, minlength=self.population.size)
        return {int(i): int(counts[self.population.id_to_index(int(i))])
                for i in self.filter_recorded(variable, filter_ids)}

    def _clear_simulator(self):
        pass

    def _reset(self):
        pass
