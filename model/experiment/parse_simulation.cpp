#include <fmt/format.h>

#include <experiment/sections.hpp>
#include <experiment/time_steps.hpp>

namespace plasticore {
namespace detail {

void parse_simulation(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader r(ctx, to_table(ctx, node, "simulation"), "simulation");
    r.allow_only({"dt_ms", "duration_ms", "seed"});
    auto& sim = e.simulation;
    sim.dt = r.number("dt_ms");
    r.check(sim.dt > 0, "dt_ms", "must be > 0");
    sim.duration = r.number("duration_ms");
    r.check(sim.duration > 0, "duration_ms", "must be > 0");
    r.check(sim.duration >= sim.dt, "duration_ms", "must be at least one step (dt_ms)");
    // duration / dt below the saturation of every time conversion (time_steps.hpp).
    const double steps = sim.duration / sim.dt;
    // Blame the step when it is below any plausible one (1 us), else the duration.
    r.check(steps <= static_cast<double>(max_run_steps), sim.dt < 1e-3 ? "dt_ms" : "duration_ms",
            fmt::format("duration_ms / dt_ms = {} / {} = {:.4g} steps, more than the limit of {} (2^32 - 1)",
                        sim.duration, sim.dt, steps, max_run_steps));
    if (auto seed = r.find("seed")) {
        auto value = to_integer(ctx, *seed, r.key("seed"));
        r.check(value >= 0, "seed", "must be a non-negative integer");
        sim.seed = static_cast<std::uint64_t>(value);
    }
}

}  // namespace detail
}  // namespace plasticore
