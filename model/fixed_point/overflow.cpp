#include "fixed_point/overflow.hpp"

#include <string>

namespace plasticore::fixed_point {

overflow_counter& counter_registry::counter(std::string_view variable) {
    const auto it = counters_.find(variable);
    if (it != counters_.end()) return it->second;
    return counters_.emplace(std::string(variable), overflow_counter{}).first->second;
}

const overflow_counter* counter_registry::find(std::string_view variable) const {
    const auto it = counters_.find(variable);
    return it == counters_.end() ? nullptr : &it->second;
}

overflow_counter counter_registry::total() const noexcept {
    overflow_counter sum;
    for (const auto& entry: counters_) sum += entry.second;
    return sum;
}

void counter_registry::reset() noexcept {
    for (auto& entry: counters_) entry.second = overflow_counter{};
}

std::string counter_registry::report() const {
    std::string out;
    for (const auto& [name, c]: counters_) {
        out += name + ": " + std::to_string(c.saturations) + " saturations, " +
               std::to_string(c.wraps) + " wraps\n";
    }
    return out;
}

}  // namespace plasticore::fixed_point
