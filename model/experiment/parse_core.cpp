// [core]: timing and structure of the cycle-accurate SystemC core (docs/architecture.md).
// Every key is optional; model/config/core_config.hpp holds the defaults.

#include <experiment/section_keys.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

void parse_core(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "core"), "core");
    r.allow_only(core_keys());
    core::core_config& c = e.core;
    if (r.has("clock_mhz")) {
        c.clock_mhz = r.number("clock_mhz");
        r.check(c.clock_mhz > 0 && c.clock_mhz <= 1e5, "clock_mhz", "must be in (0, 100000]");
    }
    if (r.has("mode"))
        c.mode = r.choice("mode", {"realtime", "accelerated"}) == 0 ? core::tick_mode::realtime
                                                                   : core::tick_mode::accelerated;
    if (r.has("fifo_full"))
        c.fifo_full = r.choice("fifo_full", {"backpressure", "drop"}) == 0 ? core::fifo_full_policy::backpressure
                                                                           : core::fifo_full_policy::drop;
    r.optional_integer_in("lanes", c.lanes, 1, 1024);
    r.optional_integer_in("fifo_depth", c.fifo_depth, 1, 1 << 20);
    r.optional_integer_in("aer_cycles", c.aer_cycles, 1, 1024);
    r.optional_integer_in("dispatch_cycles", c.dispatch_cycles, 0, 1024);
    r.optional_integer_in("delay_write_cycles", c.delay_write_cycles, 0, 1024);
    r.optional_integer_in("sram_read_latency", c.sram_read_latency, 0, 64);
    r.optional_integer_in("sram_write_latency", c.sram_write_latency, 0, 64);
    r.optional_integer_in("sram_ports", c.sram_ports, 1, 2);
    r.optional_integer_in("row_fetch_cycles", c.row_fetch_cycles, 0, 1024);
    r.optional_integer_in("header_write_cycles", c.header_write_cycles, 0, 1024);
    r.optional_integer_in("synapse_cycles", c.synapse_cycles, 1, 1024);
    r.optional_integer_in("history_cycles", c.history_cycles, 0, 1024);
    r.optional_integer_in("depress_cycles", c.depress_cycles, 0, 1024);
    r.optional_integer_in("plasticity_op_cycles", c.plasticity_op_cycles, 0, 1024);
    r.optional_integer_in("pipeline_depth", c.pipeline_depth, 0, 64);
    r.optional_integer_in("neuron_cycles", c.neuron_cycles, 1, 1024);
    r.optional_integer_in("neuron_pipeline_depth", c.neuron_pipeline_depth, 0, 64);
    r.optional_integer_in("fold_cycles", c.fold_cycles, 0, 1024);
    r.optional_integer_in("post_cycles", c.post_cycles, 0, 1024);
    r.optional_integer_in("oscillator_cycles", c.oscillator_cycles, 0, 1024);
}

}  // namespace detail

const std::vector<std::string_view>& core_keys() {
    static const std::vector<std::string_view> keys = {
        "clock_mhz", "mode", "lanes", "fifo_depth", "fifo_full", "aer_cycles", "dispatch_cycles",
        "delay_write_cycles", "sram_read_latency", "sram_write_latency", "sram_ports", "row_fetch_cycles",
        "header_write_cycles", "synapse_cycles", "history_cycles", "depress_cycles", "plasticity_op_cycles",
        "pipeline_depth", "neuron_cycles", "neuron_pipeline_depth", "fold_cycles", "post_cycles", "oscillator_cycles"};
    return keys;
}

}  // namespace plasticore
