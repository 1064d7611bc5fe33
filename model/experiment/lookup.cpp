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

}  // namespace plasticore
