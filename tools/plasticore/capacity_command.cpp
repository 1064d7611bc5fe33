// plasticore capacity: the real-time capacity of the core (model/capacity, docs/energy.md).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "capacity/capacity.hpp"
#include "commands.hpp"
#include "experiment/experiment_error.hpp"
#include "resources/memory_estimate.hpp"

namespace plasticore::cli {

int capacity_command(const capacity_command_options& options) {
    const experiment ex = load_for_command(options.experiment_path, options.overrides);
    double base_rate = 0;  // the first Poisson source's rate, to print
    for (const auto& s: ex.sources)
        if (const auto* p = std::get_if<poisson_source>(&s.kind); p && p->rate > 0 && base_rate == 0) base_rate = p->rate;
    if (base_rate == 0)
        throw experiment_error(options.experiment_path +
                               ": capacity: no [[source]] of kind \"poisson\" with a non-zero rate to scale");
    const capacity::core_runner runner = [&](const experiment& e, double factor) {
        check_memory(capacity::with_rate_factor(e, factor), {"core"}, options.allow_memory);
        capacity::probe p;
        blame_input(e, [&] { p = capacity::run_core_at(e, factor); });
        return p;
    };
    const capacity::result r = capacity::find_capacity(ex, runner, options.tolerance);
    if (options.json) {
        nlohmann::json j;
        j["clock_mhz"] = ex.core.clock_mhz;
        j["lanes"] = ex.core.lanes;
        j["tick_budget_cycles"] = r.budget;
        j["tolerance"] = options.tolerance;
        j["every_tick"] = {{"rate_factor", r.factor_all}, {"capped", r.capped_all}, {"first_poisson_rate_hz", r.factor_all * base_rate}};
        j["p99"] = {{"rate_factor", r.factor_p99}, {"capped", r.capped_p99}, {"first_poisson_rate_hz", r.factor_p99 * base_rate}};
        for (const auto& p: r.probes)
            j["probes"].push_back({{"rate_factor", p.factor}, {"max_busy_cycles", p.max_busy}, {"p99_busy_cycles", p.p99_busy},
                                   {"meets_every_tick", p.meets_all()}, {"meets_p99", p.meets_p99()}});
        fmt::print("{}\n", j.dump(2));
        return 0;
    }
    fmt::print("capacity of the core at {} MHz, {} lane(s), tick budget {} cycles ({} core runs):\n", ex.core.clock_mhz,
               ex.core.lanes, r.budget, r.probes.size());
    fmt::print("  every tick within budget: Poisson rates x {:.4g} (first source {:.4g} Hz{})\n", r.factor_all,
               r.factor_all * base_rate, r.capped_all ? ", the cap: the fastest Poisson source spikes on every step" : "");
    fmt::print("  99% of ticks within budget: Poisson rates x {:.4g} (first source {:.4g} Hz{})\n", r.factor_p99,
               r.factor_p99 * base_rate, r.capped_p99 ? ", the cap" : "");
    return 0;
}

}  // namespace plasticore::cli
