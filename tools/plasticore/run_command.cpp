#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "experiment/load_experiment.hpp"
#include "layers/run_model.hpp"
#include "network/network.hpp"
#include "progress_bar.hpp"
#include "resources/memory_estimate.hpp"
#include "results/result_directory.hpp"
#include "results/write_results.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::cli {

namespace {
// "FROM:TO" in ms, both finite and FROM <= TO.
std::pair<double, double> parse_vcd_window(const std::string& text) {
    const auto colon = text.find(':');
    auto number = [&](const std::string& part) {
        char* end = nullptr;
        const double v = std::strtod(part.c_str(), &end);
        if (part.empty() || *end != '\0' || !std::isfinite(v) || v < 0)
            throw usage_error(fmt::format("--vcd-window: expected FROM:TO, two times >= 0 in ms (got '{}')", text));
        return v;
    };
    if (colon == std::string::npos) throw usage_error(fmt::format("--vcd-window: expected FROM:TO in ms (got '{}')", text));
    const double from = number(text.substr(0, colon)), to = number(text.substr(colon + 1));
    if (to < from) throw usage_error(fmt::format("--vcd-window: TO must not be before FROM (got '{}')", text));
    return {from, to};
}
}  // namespace

int run_command(const run_options& options) {
    model_options run_opts;
    run_opts.precision = options.precision;
    run_opts.vcd_path = options.vcd_path;
    run_opts.rtl_unit = options.rtl_unit;
    run_opts.threads = options.threads;
    if (!options.vcd_window.empty()) run_opts.vcd_window = parse_vcd_window(options.vcd_window);

    const experiment ex = load_for_command(options.experiment_path, options.overrides);
    check_memory(ex, {options.model == "golden" && options.precision == "high" ? "golden-high" : options.model},
                 options.allow_memory);
    // Taken before the run, so that a second run into the same directory is refused at once.
    result_directory out(options.out_dir);
    stimulus stim;
    network net;
    blame_input(ex, [&] {
        stim = generate_stimulus(ex);
        net = build_network(ex, options.threads);
    });

    progress_bar bar(fmt::format("{} {}", options.model, options.experiment_path));
    if (!options.quiet) run_opts.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    run_result res;
    blame_input(ex, [&] { res = run_model(options.model, ex, stim, net, run_opts); });
    bar.finish();

    write_run_files(out, ex, stim, net, res, options.write_inputs);
    out.commit();
    print_warnings(res);

    if (!options.quiet) {
        fmt::print("{} model, {} steps of {} ms in {:.3f} s\n", res.model, res.steps, res.dt, res.wall_seconds);
        for (const auto& c: res.counts) {
            if (!c.is_population) continue;
            fmt::print("  {:<20} {:>10} spikes  {:8.3f} Hz\n", c.name, c.spikes,
                       static_cast<double>(c.spikes) / (static_cast<double>(res.steps) * res.dt * 1e-3 * c.size));
        }
        if (!res.energy_report.empty()) {
            const auto e = nlohmann::json::parse(res.energy_report);
            const std::string dominant = e["dominant_component"].get<std::string>();
            fmt::print("  energy ({}): {:.4g} uJ, {:.3g} pJ per synaptic event, largest term {} ({:.0f}%)",
                       e["technology"].get<std::string>(), e["total_uj"].get<double>(),
                       e["per_synaptic_event_pj"].get<double>(), dominant,
                       100.0 * e["component_shares"][dominant].get<double>());
            if (!res.area_report.empty())
                fmt::print("; area {:.4g} mm^2", nlohmann::json::parse(res.area_report)["total_mm2"].get<double>());
            fmt::print("\n");
        }
        if (!res.chip_report.empty()) {
            // The placement, a line per used core, and the router's traffic (docs/chip.md).
            const auto c = nlohmann::json::parse(res.chip_report);
            for (const auto& line: c["placement"]) fmt::print("  {}\n", line.get<std::string>());
            const auto& r = c["router"];
            fmt::print("  router: {} packets, {} deliveries, {} misses, {} dropped, queue high-water {}, {} stall cycles\n",
                       r["packets"].get<std::uint64_t>(), r["deliveries"].get<std::uint64_t>(),
                       r["misses"].get<std::uint64_t>(), r["dropped"].get<std::uint64_t>(),
                       r["queue_high_water"].get<std::uint64_t>(), r["stall_cycles"].get<std::uint64_t>());
        }
        fmt::print("results written to {}/\n", options.out_dir);
    }
    return 0;
}

}  // namespace plasticore::cli
