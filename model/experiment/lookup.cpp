#include <experiment/lookup.hpp>

#include <algorithm>
#include <string>

#include <experiment/experiment_error.hpp>

namespace plasticore {

namespace {
template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.name == name; });
    return it == items.end()? nullptr: &*it;
}
}  // namespace

const population* find_population(const experiment& e, std::string_view name) {
    return find_named(e.populations, name);
}

const spike_source* find_source(const experiment& e, std::string_view name) {
    return find_named(e.sources, name);
}

const projection* find_projection(const experiment& e, std::string_view name) {
    return find_named(e.projections, name);
}

int source_or_population_size(const experiment& e, std::string_view name) {
    if (auto p = find_population(e, name)) return p->size;
    if (auto s = find_source(e, name)) return s->size;
    throw experiment_error(e.source_path + ": no population or source called '" +
                           std::string(name) + "'");
}

bool writes_final_weights(const experiment& e, std::size_t k) {
    const projection& pr = e.projections.at(k);
    const bool recorded = std::any_of(e.record.weights.begin(), e.record.weights.end(),
                                      [&](const weight_recording& w) { return w.projection == pr.name; });
    switch (e.record.final_weights) {
    case final_weights_rows::all: return true;
    case final_weights_rows::plastic: return recorded || plasticity::is_plastic(pr.plasticity);
    case final_weights_rows::recorded: return recorded;
    }
    return true;
}

}  // namespace plasticore
