// Run results as NumPy arrays: spikes and state samples as structured arrays (one row per
// event, the fields of run_result), weights as float64 arrays in synapse order, the summary as
// the dict of summary.json. Writing goes through write_run_directory, as `plasticore run`.

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <stdexcept>

#include "bindings.hpp"
#include "results/write_results.hpp"

namespace py = pybind11;

namespace plasticore::python {

namespace {

template <typename T>
py::array_t<T> to_array(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    if (!v.empty()) std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

std::size_t projection_index(const result_handle& r, const py::object& which) {
    const auto& projs = r.ex->projections;
    if (py::isinstance<py::str>(which)) {
        const auto name = which.cast<std::string>();
        for (std::size_t k = 0; k < projs.size(); ++k)
            if (projs[k].name == name) return k;
        std::string known;
        for (const auto& p: projs) known += (known.empty() ? "" : ", ") + p.name;
        throw py::key_error("no projection is called '" + name + "' (known: " + known + ")");
    }
    const auto k = which.cast<std::size_t>();
    if (k >= projs.size()) throw py::index_error("projection index " + std::to_string(k) + " out of range");
    return k;
}

py::dict synapses_of(const result_handle& r, std::size_t k) {
    const synapse_table& t = r.net->projections[k];
    py::dict d;
    std::vector<std::uint32_t> pre, delay;  // derived: the row and the row segment of each synapse
    pre.reserve(t.size());
    delay.reserve(t.size());
    t.for_each_synapse([&](std::uint32_t i, std::uint32_t steps, std::uint32_t) {
        pre.push_back(i);
        delay.push_back(steps);
    });
    d["pre"] = to_array(pre);
    d["post"] = to_array(t.post);
    d["delay_steps"] = to_array(delay);
    d["initial_weight"] = to_array(t.weight);
    d["n_pre"] = t.n_pre;
    d["n_post"] = t.n_post;
    return d;
}

// (snapshot steps [S], weights [S, synapses]) of projection k.
py::tuple snapshots_of(const result_handle& r, std::size_t k) {
    std::vector<std::int64_t> steps;
    for (const auto& s: r.res.snapshots)
        if (s.projection == k) steps.push_back(s.step);
    const auto n_syn = static_cast<py::ssize_t>(r.net->projections[k].size());
    py::array_t<double> w({static_cast<py::ssize_t>(steps.size()), n_syn});
    double* out = w.mutable_data();
    for (const auto& s: r.res.snapshots) {
        if (s.projection != k) continue;
        out = std::copy(s.weight.begin(), s.weight.end(), out);
    }
    return py::make_tuple(to_array(steps), w);
}

}  // namespace

void register_results(py::module_& m) {
    PYBIND11_NUMPY_DTYPE(spike_event, step, group, neuron);
    PYBIND11_NUMPY_DTYPE(state_sample, step, population, neuron, v, i_e, i_i);
    py::class_<result_handle, std::shared_ptr<result_handle>>(m, "_Result")
        .def_property_readonly("model", [](const result_handle& r) { return r.res.model; })
        .def_property_readonly("precision", [](const result_handle& r) { return r.res.precision; })
        .def_property_readonly("dt_ms", [](const result_handle& r) { return r.res.dt; })
        .def_property_readonly("steps", [](const result_handle& r) { return r.res.steps; })
        .def_property_readonly("seed", [](const result_handle& r) { return r.res.seed; })
        .def_property_readonly("wall_seconds", [](const result_handle& r) { return r.res.wall_seconds; })
        .def_property_readonly("spike_groups", [](const result_handle& r) { return r.res.spike_groups; })
        .def_property_readonly("populations", [](const result_handle& r) {
            std::vector<std::string> out;
            for (const auto& p: r.ex->populations) out.push_back(p.name);
            return out;
        })
        .def_property_readonly("projections", [](const result_handle& r) {
            std::vector<std::string> out;
            for (const auto& p: r.ex->projections) out.push_back(p.name);
            return out;
        })
        .def_property_readonly("spikes", [](const result_handle& r) { return to_array(r.res.spikes); })
        .def_property_readonly("state", [](const result_handle& r) { return to_array(r.res.state); })
        .def_property_readonly("busy_cycles_per_tick", [](const result_handle& r) {
            return to_array(r.res.busy_cycles_per_tick);
        })
        .def_property_readonly("counters", [](const result_handle& r) { return r.res.counters; })
        .def("synapses", [](const result_handle& r, const py::object& which) {
            return synapses_of(r, projection_index(r, which));
        }, py::arg("projection"))
        .def("final_weights", [](const result_handle& r, const py::object& which) {
            return to_array(r.res.final_weights[projection_index(r, which)]);
        }, py::arg("projection"))
        .def("weight_snapshots", [](const result_handle& r, const py::object& which) {
            return snapshots_of(r, projection_index(r, which));
        }, py::arg("projection"))
        .def("summary_json", [](const result_handle& r) { return summary_json(*r.ex, r.res).dump(); })
        .def("write", [](const result_handle& r, const std::string& dir, bool write_inputs) {
            py::gil_scoped_release release;
            write_run_directory(dir, *r.ex, *r.stim, *r.net, r.res, write_inputs);
        }, py::arg("dir"), py::arg("write_inputs") = false);
}

}  // namespace plasticore::python
