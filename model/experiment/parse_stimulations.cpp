#include <fmt/format.h>

#include <experiment/lookup.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

void parse_stimulations(const load_context& ctx, const toml::node& node, experiment& e) {
    auto tables = to_tables(ctx, node, "stimulation");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader r(ctx, *tables[i], fmt::format("stimulation[{}]", i));
        r.allow_only({"name", "population", "neurons", "amplitude_na", "start_ms", "stop_ms"});
        stimulation s;
        s.name = read_name(r);
        for (const auto& other: e.stimulations) {
            r.check(other.name != s.name, "name",
                    "duplicate name: a stimulation is already called this");
        }
        r.set_path(fmt::format("stimulation '{}'", s.name));
        s.population = r.string("population");
        auto pop = find_population(e, s.population);
        if (!pop) {
            r.fail("population", find_source(e, s.population)
                                     ? "must be a population, not a spike source"
                                     : "no population is called this");
        }
        s.neurons = read_neuron_list(r, "neurons", pop->size, s.population);
        s.amplitude = r.number("amplitude_na");
        s.start = r.number_or("start_ms", 0.0);
        r.check(s.start >= 0, "start_ms", "must be >= 0");
        // No stop_ms means the end of the run, whatever duration the run is given later.
        s.stop = r.optional_number("stop_ms");
        if (s.stop) r.check(*s.stop > s.start, "stop_ms", fmt::format("must be after start_ms ({})", s.start));
        e.stimulations.push_back(std::move(s));
    }
}

}  // namespace detail
}  // namespace plasticore
