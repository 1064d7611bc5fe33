// [chip]: a chip of cores joined by a multicast router (docs/chip.md). Every key is optional;
// model/config/chip_config.hpp holds the defaults. Only --model chip reads the section.

#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
const std::vector<std::string_view> chip_keys = {
    "cores", "neurons_per_core", "synapse_words_per_core", "router_table_entries", "router_cycles_per_packet",
    "router_queue_depth", "router_full", "link_latency_cycles", "link_cycles_per_packet"};

}  // namespace

void parse_chip(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "chip"), "chip");
    r.allow_only(chip_keys);
    chip::chip_config& c = e.chip;
    r.optional_integer_in("cores", c.cores, 1, 1024);
    r.optional_integer_in("neurons_per_core", c.neurons_per_core, 1, 1 << 20);
    if (r.has("synapse_words_per_core")) {
        // Words may exceed an int: read as a number, require an integer.
        const double v = r.number("synapse_words_per_core");
        r.check(v >= 1 && v <= 1099511627776.0 && v == static_cast<double>(static_cast<std::int64_t>(v)),
                "synapse_words_per_core", "must be an integer in [1, 2^40]");
        c.synapse_words_per_core = static_cast<std::int64_t>(v);
    }
    r.optional_integer_in("router_table_entries", c.router_table_entries, 1, 1 << 20);
    r.optional_integer_in("router_cycles_per_packet", c.router_cycles_per_packet, 1, 1024);
    r.optional_integer_in("router_queue_depth", c.router_queue_depth, 1, 1 << 20);
    if (r.has("router_full"))
        c.router_full = r.choice("router_full", {"wait", "drop"}) == 0 ? chip::router_full_policy::wait
                                                                       : chip::router_full_policy::drop;
    r.optional_integer_in("link_latency_cycles", c.link_latency_cycles, 0, 1 << 20);
    r.optional_integer_in("link_cycles_per_packet", c.link_cycles_per_packet, 1, 1024);
}

}  // namespace detail
}  // namespace plasticore
