#include <fmt/format.h>

#include <experiment/lookup.hpp>
#include <experiment/section_keys.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

void parse_stimulations(const load_context& ctx, const toml::node& node, experiment& e) {
    auto tables = to_tables(ctx, node, "stimulation");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader r(ctx, *tables[i], fmt::format("stimulation[{}]", i));
        r.allow_only(stimulation_keys());
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
        // Oscillating (tACS-like): a sinusoid sampled once per step, so at most half the step
        // rate (Nyquist): above it the samples alias to a lower frequency.
        s.frequency = r.optional_number("frequency_hz");
        if (s.frequency) {
            const double nyquist = 1000.0 / (2.0 * e.simulation.dt);
            r.check(*s.frequency > 0.0, "frequency_hz", "must be > 0");
            r.check(*s.frequency <= nyquist, "frequency_hz",
                    fmt::format("must be at most half the step rate, 1 / (2 dt_ms) = {} Hz", nyquist));
        }
        if (r.has("phase_deg")) {
            r.check(s.frequency.has_value(), "phase_deg", "is only for an oscillating stimulation (with frequency_hz)");
            s.phase = r.number("phase_deg");
            r.check(s.phase >= -360.0 && s.phase <= 360.0, "phase_deg", "must be in [-360, 360]");
        }
        e.stimulations.push_back(std::move(s));
    }
}

}  // namespace detail

const std::vector<std::string_view>& stimulation_keys() {
    static const std::vector<std::string_view> keys = {
        "name", "population", "neurons", "amplitude_na", "start_ms", "stop_ms", "frequency_hz", "phase_deg"};
    return keys;
}

}  // namespace plasticore
