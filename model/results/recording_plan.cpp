#include "results/recording_plan.hpp"

#include "experiment/time_steps.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace plasticore {

namespace {
// An interval [ms] as a whole number of steps, at least one (0 means every step).
std::int64_t every_steps(double interval_ms, double dt_ms) { return interval_steps(interval_ms, dt_ms); }

template <typename T>
std::uint32_t index_of(const std::vector<T>& items, const std::string& name) {
    for (std::size_t k = 0; k < items.size(); ++k)
        if (items[k].name == name) return static_cast<std::uint32_t>(k);
    throw std::invalid_argument("record: no population or projection is called '" + name + "'");
}
}  // namespace

recording_plan make_recording_plan(const experiment& ex) {
    recording_plan plan;
    for (const auto& rec: ex.record.state) {
        state_probe p{index_of(ex.populations, rec.population), {}, every_steps(rec.interval, ex.simulation.dt)};
        if (rec.neurons.empty()) {
            for (int k = 0; k < ex.populations[p.population].size; ++k) p.neurons.push_back(static_cast<std::uint32_t>(k));
        }
        else {
            for (int k: rec.neurons) p.neurons.push_back(static_cast<std::uint32_t>(k));
        }
        plan.state.push_back(std::move(p));
    }
    for (const auto& rec: ex.record.weights) {
        if (rec.interval <= 0.0) continue;
        plan.weights.push_back({index_of(ex.projections, rec.projection), every_steps(rec.interval, ex.simulation.dt)});
    }
    return plan;
}

}  // namespace plasticore
