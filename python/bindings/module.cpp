// plasticore._plasticore: the extension module behind the Python package (docs/python.md).
// run() calls the same run_model() as `plasticore run`, with the GIL released; a progress
// callback, when given, takes the GIL only for the call.

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "compare/compare.hpp"
#include "experiment/experiment_error.hpp"
#include "layers/run_model.hpp"
#include "plasticity/rules.hpp"

namespace py = pybind11;

namespace plasticore::python {

namespace {

struct run_request {
    std::string model = "golden";
    experiment_overrides overrides;
    std::optional<double> duration_ms;
    std::optional<std::uint64_t> seed;
    std::string precision = "double";
    std::string vcd_path;
};

// compare_options from the Python keywords (plasticore.compare): van_rossum_tau_ms,
// analysis_start_ms, analysis_stop_ms (None: the end of the run), correlation_bin_ms,
// correlation_sample, cv_min_spikes; checked against the reference run as the command line
// checks its flags (ValueError naming the option).
compare_options compare_options_from(const result_handle& reference, const py::dict& d) {
    compare_options o;
    statistics_options& s = o.statistics;
    for (const auto& [key, value]: d) {
        const auto k = key.cast<std::string>();
        if (k == "van_rossum_tau_ms") o.van_rossum_tau = value.cast<double>();
        else if (k == "analysis_start_ms") s.analysis_start = value.cast<double>();
        else if (k == "analysis_stop_ms") s.analysis_stop = value.is_none() ? std::nullopt : std::optional<double>(value.cast<double>());
        else if (k == "correlation_bin_ms") s.correlation_bin = value.cast<double>();
        else if (k == "correlation_sample") s.correlation_sample = value.cast<int>();
        else if (k == "cv_min_spikes") s.cv_min_spikes = value.cast<int>();
        else throw std::invalid_argument("unknown compare option '" + k + "'");
    }
    if (!(o.van_rossum_tau > 0)) throw std::invalid_argument("van_rossum_tau_ms must be > 0");
    check_statistics_options(s, reference.ex->simulation.dt, reference.res.steps);
    return o;
}

std::shared_ptr<result_handle> run(const experiment_handle& h, const run_request& q, const py::object& progress) {
    auto ex = std::make_shared<experiment>(q.overrides.empty() ? h.ex : h.with_overrides(q.overrides));
    if (q.duration_ms) {
        if (!(*q.duration_ms > 0)) throw std::invalid_argument("duration_ms must be > 0");
        ex->simulation.duration = *q.duration_ms;
    }
    if (q.seed) ex->simulation.seed = *q.seed;
    model_options o;
    o.precision = q.precision;
    o.vcd_path = q.vcd_path;
    if (!progress.is_none()) {
        o.progress = [progress](std::int64_t done, std::int64_t total) {
            py::gil_scoped_acquire gil;
            progress(done, total);
        };
    }
    auto r = std::make_shared<result_handle>();
    {
        py::gil_scoped_release release;
        auto stim = std::make_shared<stimulus>(generate_stimulus(*ex));
        auto net = std::make_shared<network>(build_network(*ex));
        r->res = run_model(q.model, *ex, *stim, *net, o);
        r->stim = std::move(stim);
        r->net = std::move(net);
    }
    r->ex = std::move(ex);
    return r;
}

}  // namespace

}  // namespace plasticore::python

PYBIND11_MODULE(_plasticore, m) {
    using namespace plasticore;
    using namespace plasticore::python;
    m.doc() = "plasticore's C++ layers (golden, fixed, core, core-rtl) behind the plasticore package";

    // The loader's file:line:col errors; a ValueError, so `except ValueError` catches them too.
    py::register_exception<experiment_error>(m, "ExperimentError", PyExc_ValueError);

    register_experiments(m);
    register_results(m);

    m.def("model_names", &model_names, "the model layers, in chain order");

    // The rule registry (model/plasticity/rules.hpp), read from the declarations:
    // {rule: {key: (unit, default)}}; numbers as float, choices and source names as str.
    m.def("plasticity_rules", [] {
        py::dict out;
        for (const auto& r: plasticity::rules()) {
            py::dict params;
            for (const auto& p: r.params) {
                py::object value;
                if (p.kind == plasticity::param_kind::number) value = py::float_(std::stod(p.default_text));
                else if (p.kind == plasticity::param_kind::choice)
                    value = py::str(p.default_text.substr(1, p.default_text.size() - 2));  // unquoted
                else value = py::str("");  // a source name, required
                params[py::str(p.key)] = py::make_tuple(p.unit, value);
            }
            out[py::str(r.name)] = params;
        }
        return out;
    }, "the plasticity rules of the registry: {rule: {parameter: (unit, default)}}");

    m.def("run", [](const experiment_handle& h, const std::string& model, const experiment_overrides& overrides,
                    std::optional<double> duration_ms, std::optional<std::uint64_t> seed,
                    const std::string& precision, const std::string& vcd, const py::object& progress) {
        run_request q{model, overrides, duration_ms, seed, precision, vcd};
        return run(h, q, progress);
    }, py::arg("experiment"), py::arg("model"), py::arg("overrides"), py::arg("duration_ms"), py::arg("seed"),
       py::arg("precision"), py::arg("vcd"), py::arg("progress"));

    // The compare functions take the options as compare.json's dict of them (compare_options
    // below): van_rossum_tau_ms and the spike statistics' window, bin, sample and CV minimum.
    m.def("compare_runs", [](const result_handle& reference, const result_handle& candidate, const py::dict& options) {
        const compare_options o = compare_options_from(reference, options);
        return to_json(compare_runs(*reference.ex, reference.res, candidate.res, o)).dump();
    }, py::arg("reference"), py::arg("candidate"), py::arg("options"));

    m.def("write_compare_directory", [](const std::string& dir, const result_handle& reference,
                                        const result_handle& candidate, const py::dict& options) {
        const compare_options o = compare_options_from(reference, options);
        py::gil_scoped_release release;
        const compare_report report = compare_runs(*reference.ex, reference.res, candidate.res, o);
        write_compare_directory(dir, *reference.ex, *reference.net, reference.res, candidate.res, report);
    }, py::arg("dir"), py::arg("reference"), py::arg("candidate"), py::arg("options"));

    m.def("format_compare_table", [](const result_handle& reference, const result_handle& candidate,
                                     const py::dict& options) {
        return format_table(compare_runs(*reference.ex, reference.res, candidate.res,
                                          compare_options_from(reference, options)));
    }, py::arg("reference"), py::arg("candidate"), py::arg("options"));
}
