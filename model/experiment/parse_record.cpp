#include <algorithm>

#include <fmt/format.h>

#include <experiment/lookup.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
void read_spikes(const table_reader& r, const experiment& e, recording& rec) {
    auto node = r.find("spikes");
    if (!node) return;
    const auto& list = to_array(r.ctx(), *node, r.key("spikes"));
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string key = fmt::format("{}[{}]", r.key("spikes"), i);
        std::string name = to_string(r.ctx(), *list.get(i), key);
        if (!is_neuron_group_name(e, name)) {
            fail_at(r.ctx(), *list.get(i), key, "no population or source is called this");
        }
        if (std::find(rec.spikes.begin(), rec.spikes.end(), name) != rec.spikes.end()) {
            fail_at(r.ctx(), *list.get(i), key, "listed twice");
        }
        rec.spikes.push_back(name);
    }
}

void read_state(const table_reader& r, const experiment& e, recording& rec) {
    auto node = r.find("state");
    if (!node) return;
    auto tables = to_tables(r.ctx(), *node, r.key("state"));
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader sr(r.ctx(), *tables[i], fmt::format("{}[{}]", r.key("state"), i));
        sr.allow_only({"population", "neurons", "interval_ms"});
        state_recording s;
        s.population = sr.string("population");
        auto pop = find_population(e, s.population);
        if (!pop) {
            sr.fail("population", find_source(e, s.population)
                                      ? "must be a population, not a spike source"
                                      : "no population is called this");
        }
        s.neurons = read_neuron_list(sr, "neurons", pop->size, s.population);
        s.interval = sr.number_or("interval_ms", 0.0);
        sr.check(s.interval >= 0, "interval_ms", "must be >= 0 (0 = every step)");
        rec.state.push_back(std::move(s));
    }
}

void read_weights(const table_reader& r, const experiment& e, recording& rec) {
    auto node = r.find("weights");
    if (!node) return;
    auto tables = to_tables(r.ctx(), *node, r.key("weights"));
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader wr(r.ctx(), *tables[i], fmt::format("{}[{}]", r.key("weights"), i));
        wr.allow_only({"projection", "interval_ms"});
        weight_recording w;
        w.projection = wr.string("projection");
        wr.check(find_projection(e, w.projection) != nullptr, "projection",
                 "no projection is called this");
        w.interval = wr.number_or("interval_ms", 0.0);
        wr.check(w.interval >= 0, "interval_ms", "must be >= 0 (0 = final weights only)");
        rec.weights.push_back(std::move(w));
    }
}
}  // namespace

void parse_record(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "record"), "record");
    r.allow_only({"spikes", "state", "weights", "final_weights"});
    read_spikes(r, e, e.record);
    read_state(r, e, e.record);
    read_weights(r, e, e.record);
    // The names of final_weights_rows (experiment.hpp), in its order.
    e.record.final_weights = static_cast<final_weights_rows>(
        r.choice_or("final_weights", {"all", "plastic", "recorded"}, 0));
}

}  // namespace detail
}  // namespace plasticore
