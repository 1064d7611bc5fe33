#include <fmt/format.h>

#include <experiment/lookup.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
stdp_window_analysis read_one_stdp_window(const table_reader& r, const experiment& e) {
    r.allow_only({"projection", "pairing_source"});
    stdp_window_analysis a;
    a.projection = r.string("projection");
    auto proj = find_projection(e, a.projection);
    r.check(proj != nullptr, "projection", "no projection is called this");
    // The window is the weight change of synapse j against dt_pair[j]: it needs one plastic
    // synapse per pairing channel.
    r.check(plasticity::is_plastic(proj->plasticity), "projection",
            "the projection is not plastic (it has no [projection.plasticity])");
    r.check(std::holds_alternative<one_to_one_connector>(proj->connectivity), "projection",
            "the projection must use connector = \"one_to_one\"");
    a.pairing_source = r.string("pairing_source");
    auto src = find_source(e, a.pairing_source);
    r.check(src != nullptr, "pairing_source", "no spike source is called this");
    auto pairing = std::get_if<pairing_source>(&src->kind);
    r.check(pairing && pairing->stream == pairing_source::stream_kind::pre, "pairing_source",
            "must be a source of kind = \"pairing\" with stream = \"pre\"");
    int synapses = source_or_population_size(e, proj->pre);
    r.check(src->size == synapses, "pairing_source",
            fmt::format("has {} channels but projection '{}' has {} synapses", src->size,
                        a.projection, synapses));
    return a;
}
}  // namespace

void parse_analysis(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "analysis"), "analysis");
    r.allow_only({"stdp_window"});
    if (auto windows = r.find("stdp_window")) {
        auto tables = to_tables(ctx, *windows, r.key("stdp_window"));
        for (std::size_t i = 0; i < tables.size(); ++i) {
            table_reader wr(ctx, *tables[i], fmt::format("analysis.stdp_window[{}]", i));
            e.stdp_windows.push_back(read_one_stdp_window(wr, e));
        }
    }
}

}  // namespace detail
}  // namespace plasticore
