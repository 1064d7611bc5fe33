// plasticore cosim: the SystemC core with the C++ synapse-update unit and the verilated RTL
// unit (the learning engine, or with --rtl-unit pair the dedicated unit) in lockstep (docs/rtl.md, "Co-simulation"). Prints "N transactions, 0 mismatches" and
// exits 0, or prints the first mismatch and exits 5 (exit_codes.hpp).

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "commands.hpp"
#include "cosim/rtl_socket.hpp"
#include "experiment/load_experiment.hpp"
#include "network/network.hpp"
#include "exit_codes.hpp"
#include "progress_bar.hpp"
#include "resources/memory_estimate.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::cli {

int cosim_command(const cosim_command_options& options) {
    const experiment ex = load_for_command(options.experiment_path, options.overrides);
    check_memory(ex, {"core", "core-rtl"}, options.allow_memory);
    stimulus stim;
    network net;
    blame_input(ex, [&] {
        stim = generate_stimulus(ex);
        net = build_network(ex);
    });

    cosim::cosim_options o;
    o.lockstep = true;
    o.vcd_path = options.vcd_path;
    o.rtl_seed_xor = options.rtl_seed_xor;
    o.unit = cosim::parse_rtl_unit(options.rtl_unit);
    o.engine_altered = options.rtl_engine_altered;
    std::string config;
    blame_input(ex, [&] { config = cosim::rtl_configuration_for(ex, o.unit); });

    progress_bar bar(fmt::format("cosim {}", options.experiment_path));
    core::run_options run;
    if (!options.quiet) run.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    const auto start = std::chrono::steady_clock::now();
    cosim::cosim_report r;
    blame_input(ex, [&] { r = cosim::run_lockstep(ex, stim, net, run, o); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bar.finish();

    const char* unit = o.unit == cosim::rtl_unit_kind::engine ? "learning engine" : "pair-STDP unit";
    fmt::print("cosim {}: core with C++ and RTL ({} {}) synapse-update units in lockstep, preset {}, {} ms\n",
               options.experiment_path, unit, config, ex.hardware.preset, ex.simulation.duration);
    if (!r.first) {
        fmt::print("{} transactions, 0 mismatches ({} RTL cycles, {:.2f} s)\n", r.transactions, r.rtl_cycles, seconds);
        if (r.serving_cycles > 0)
            fmt::print("{}in flight: at most {}, {:.2f} on average; issue utilisation {:.3f} (requests per serving cycle)\n",
                       r.engine_variants.empty() ? std::string() : "engine variant: " + r.engine_variants + "; ",
                       r.max_in_flight, static_cast<double>(r.resident_cycles) / static_cast<double>(r.serving_cycles),
                       static_cast<double>(r.transactions) / static_cast<double>(r.serving_cycles));
        if (!options.vcd_path.empty()) fmt::print("RTL waveform: {}\n", options.vcd_path);
        return 0;
    }
    const cosim::mismatch& m = *r.first;
    const std::string_view kind = fixed::op_name(m.request.op);
    fmt::print("MISMATCH at transaction {}: tick {} (t = {:g} ms), core cycle {}, projection {} '{}'\n", m.transaction,
               m.tick, m.tick >= 0 ? static_cast<double>(m.tick) * ex.simulation.dt : -1.0, m.cycle, m.projection,
               m.projection_name);
    fmt::print("  rule: {} on the RTL {}\n", m.rule, unit);
    // The table field selects the microprogram of triplet STDP's decay, bump and gain; the
    // operand carries a gain, a modulator level or a rate.
    const bool by_table = m.request.op == fixed::synapse_op::decay || m.request.op == fixed::synapse_op::bump ||
                          m.request.op == fixed::synapse_op::gain || m.request.table != 0;
    fmt::print("  request: {}{} weight {} trace {} delta {}{} (generator before 0x{:08x})\n", kind,
               by_table ? fmt::format(" table {}", m.request.table) : std::string(), m.request.weight, m.request.trace,
               m.request.delta, m.request.operand != 0 ? fmt::format(" operand {}", m.request.operand) : std::string(),
               m.generator_before);
    if (m.field == "generator")
        fmt::print("  differ: {} (state after)  C++ 0x{:08x}  RTL 0x{:08x}\n", m.field, static_cast<std::uint32_t>(m.cpp),
                   static_cast<std::uint32_t>(m.rtl));
    else
        fmt::print("  differ: {}  C++ {}  RTL {}\n", m.field, m.cpp, m.rtl);
    if (!m.term.empty()) fmt::print("  term: {}\n", m.term);
    fmt::print("{} transactions, {} mismatches\n", r.transactions, r.mismatches);
    return exit_mismatch;
}

}  // namespace plasticore::cli
