#include "layers/run_model.hpp"

#include <stdexcept>

#include "chip/chip_model.hpp"
#include "core/core_model.hpp"
#include "cosim/rtl_socket.hpp"
#include "fixed/simulator.hpp"
#include "math/scalar.hpp"
#include "golden/simulator.hpp"

namespace plasticore {

const std::vector<std::string>& model_names() {
    static const std::vector<std::string> names{"golden", "fixed", "core", "core-rtl", "chip"};
    return names;
}

run_result run_model(const std::string& model, const experiment& ex, const stimulus& stim,
                     const network& net, const model_options& options) {
    if (model == "golden") {
        golden::run_options o;
        o.progress = options.progress;
        o.threads = options.threads;
        if (options.precision == "high") {
            run_result r = golden::run<golden::high_precision>(ex, stim, net, o);
            r.precision = "cpp_bin_float_50";
            return r;
        }
        if (options.precision != "double")
            throw std::invalid_argument("precision '" + options.precision + "' is not double or high");
        run_result r = golden::run<double>(ex, stim, net, o);
        r.precision = "double";
        return r;
    }
    if (model == "fixed") {
        // Formats come from the experiment's [hardware] section; precision names them.
        fixed::run_options o;
        o.progress = options.progress;
        o.threads = options.threads;
        return fixed::run(ex, stim, net, o);
    }
    if (model == "core") {
        // The SystemC core: fixed's arithmetic plus [core] timing; summary.json gets "core".
        core::run_options o;
        o.progress = options.progress;
        o.vcd_path = options.vcd_path;
        o.vcd_window = options.vcd_window;
        return core::run(ex, stim, net, o);
    }
    if (model == "core-rtl") {
        // The core with the verilated RTL synapse-update unit in its plasticity socket
        // (docs/rtl.md, "Co-simulation"): the same results as "core".
        core::run_options o;
        o.progress = options.progress;
        o.vcd_path = options.vcd_path;
        o.vcd_window = options.vcd_window;
        cosim::cosim_options c;
        c.unit = cosim::parse_rtl_unit(options.rtl_unit);
        return cosim::run_core_rtl(ex, stim, net, o, c);
    }
    if (model == "chip") {
        // The network on a chip of cores ([chip], docs/chip.md): fixed's arithmetic, each core
        // timed by [core], spikes as packets through the multicast router; summary.json gets
        // "chip".
        chip::run_options o;
        o.progress = options.progress;
        return chip::run(ex, stim, net, o);
    }
    std::string known;
    for (const auto& n: model_names()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown model '" + model + "' (known: " + known + ")");
}

}  // namespace plasticore
