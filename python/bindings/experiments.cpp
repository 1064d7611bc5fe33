// Experiment handles: load a file or TOML text through the project's loader (its errors become
// plasticore.ExperimentError in Python), describe it, apply overrides.

#include <pybind11/stl.h>

#include <filesystem>

#include "bindings.hpp"
#include "experiment/describe.hpp"
#include "experiment/load_experiment.hpp"

namespace py = pybind11;

namespace plasticore::python {

experiment experiment_handle::with_overrides(const experiment_overrides& overrides) const {
    if (!source.path.empty()) return load_experiment_with_overrides(source.path, overrides);
    return load_experiment_from_string_with_overrides(source.text, source.name, source.base_dir, overrides);
}

namespace {

std::vector<std::string> names_of(const experiment& ex, int what) {
    std::vector<std::string> out;
    if (what == 0) for (const auto& p: ex.populations) out.push_back(p.name);
    if (what == 1) for (const auto& s: ex.sources) out.push_back(s.name);
    if (what == 2) for (const auto& p: ex.projections) out.push_back(p.name);
    return out;
}

}  // namespace

void register_experiments(py::module_& m) {
    py::class_<experiment_handle, std::shared_ptr<experiment_handle>>(m, "_Experiment")
        .def_static("load", [](const std::string& path) {
            auto h = std::make_shared<experiment_handle>();
            h->source.path = path;
            h->ex = load_experiment(path);
            return h;
        }, py::arg("path"))
        .def_static("from_toml", [](const std::string& text, const std::string& name, const std::string& base_dir) {
            auto h = std::make_shared<experiment_handle>();
            h->source.text = text;
            h->source.name = name;
            h->source.base_dir = base_dir.empty() ? std::filesystem::current_path().string() : base_dir;
            h->ex = load_experiment_from_string(text, name, h->source.base_dir);
            return h;
        }, py::arg("text"), py::arg("name") = "<toml>", py::arg("base_dir") = "")
        .def("check_overrides", [](const experiment_handle& h, const experiment_overrides& o) {
            h.with_overrides(o);
        }, py::arg("overrides"))
        .def_property_readonly("path", [](const experiment_handle& h) { return h.source.path; })
        .def_property_readonly("toml", [](const experiment_handle& h) { return h.source.text; })
        .def_property_readonly("dt_ms", [](const experiment_handle& h) { return h.ex.simulation.dt; })
        .def_property_readonly("duration_ms", [](const experiment_handle& h) { return h.ex.simulation.duration; })
        .def_property_readonly("seed", [](const experiment_handle& h) { return h.ex.simulation.seed; })
        .def_property_readonly("populations", [](const experiment_handle& h) { return names_of(h.ex, 0); })
        .def_property_readonly("sources", [](const experiment_handle& h) { return names_of(h.ex, 1); })
        .def_property_readonly("projections", [](const experiment_handle& h) { return names_of(h.ex, 2); })
        .def("describe", [](const experiment_handle& h) { return describe(h.ex); });
}

}  // namespace plasticore::python
