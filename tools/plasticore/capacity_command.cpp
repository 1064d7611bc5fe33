// plasticore capacity: the real-time capacity of the core (model/capacity, docs/energy.md).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "capacity/capacity.hpp"
#include "commands.hpp"
#include "experiment/experiment_error.hpp"
#include "experiment/load_with_overrides.hpp"
#include "resources/memory_estimate.hpp"
#include "results/result_directory.hpp"
#include "sweep/sweep.hpp"

#include <fstream>

namespace plasticore::cli {

namespace {

// What every --json answer starts with: the core searched and its tick budget.
nlohmann::json core_json(const experiment& ex, std::uint64_t budget) {
    nlohmann::json j;
    j["clock_mhz"] = ex.core.clock_mhz;
    j["lanes"] = ex.core.lanes;
    j["tick_budget_cycles"] = budget;
    return j;
}

capacity::result search(const experiment& ex, const capacity_command_options& options) {
    const capacity::core_runner runner = [&](const experiment& e, double factor) {
        check_memory(capacity::with_rate_factor(e, factor), {"core"}, options.allow_memory);
        capacity::probe p;
        blame_input(e, [&] { p = capacity::run_core_at(e, factor); });
        return p;
    };
    return capacity::find_capacity(ex, runner, options.tolerance);
}

// --clock-mhz and --lanes: one search per (clock, lanes), into OUT/capacity.csv and capacity.json.
int capacity_grid(const experiment& base, double base_rate, const capacity_command_options& options) {
    if (options.out_dir.empty()) throw usage_error("--clock-mhz and --lanes write a grid: --out DIR is required");
    const auto list = [](const std::string& text, const char* option, std::vector<std::string> fallback) {
        if (text.empty()) return fallback;
        try {
            return sweep::parse_values(text);
        }
        catch (const sweep::sweep_error& e) {
            throw usage_error(fmt::format("{} {}: {}", option, text, e.what()));
        }
    };
    const auto clocks = list(options.clock_mhz_list, "--clock-mhz", {fmt::format("{}", base.core.clock_mhz)});
    const auto lanes = list(options.lanes_list, "--lanes", {std::to_string(base.core.lanes)});
    nlohmann::ordered_json j;
    j["experiment"] = options.experiment_path;
    j["duration_ms"] = base.simulation.duration;
    j["first_poisson_rate_hz"] = base_rate;
    j["tolerance"] = options.tolerance;
    j["points"] = nlohmann::ordered_json::array();
    std::string csv = "clock_mhz,lanes,tick_budget_cycles,rate_factor,rate_factor_p99,capped,capped_p99,"
                      "first_poisson_rate_hz,first_poisson_rate_hz_p99,core_runs\n";
    for (const auto& c: clocks)
        for (const auto& l: lanes) {
            experiment_overrides o{{"core.clock_mhz", c}, {"core.lanes", l}};
            if (options.overrides.duration_ms) o.emplace_back("simulation.duration_ms", *options.overrides.duration_ms);
            if (options.overrides.seed) o.emplace_back("simulation.seed", *options.overrides.seed);
            const experiment ex = load_experiment_with_overrides(options.experiment_path, o);
            const capacity::result r = search(ex, options);
            j["points"].push_back({{"clock_mhz", ex.core.clock_mhz},
                                   {"lanes", ex.core.lanes},
                                   {"tick_budget_cycles", r.budget},
                                   {"rate_factor", r.factor_all},
                                   {"rate_factor_p99", r.factor_p99},
                                   {"capped", r.capped_all},
                                   {"capped_p99", r.capped_p99},
                                   {"first_poisson_rate_hz", r.factor_all * base_rate},
                                   {"first_poisson_rate_hz_p99", r.factor_p99 * base_rate},
                                   {"core_runs", r.probes.size()}});
            csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", ex.core.clock_mhz, ex.core.lanes, r.budget, r.factor_all,
                               r.factor_p99, r.capped_all ? 1 : 0, r.capped_p99 ? 1 : 0, r.factor_all * base_rate,
                               r.factor_p99 * base_rate, r.probes.size());
            if (!options.json)
                fmt::print("{:>8} MHz {:>4} lane(s): every tick x {:.4g}{}, 99% of ticks x {:.4g}{} ({} core runs)\n",
                           ex.core.clock_mhz, ex.core.lanes, r.factor_all, r.capped_all ? " (the cap)" : "",
                           r.factor_p99, r.capped_p99 ? " (the cap)" : "", r.probes.size());
        }
    result_directory rd(options.out_dir, result_directory::when_busy::refuse, "capacity.json");
    {
        std::ofstream(rd.staged("capacity.csv"), std::ios::binary) << csv;
        std::ofstream(rd.staged("capacity.json"), std::ios::binary) << j.dump(1) << "\n";
    }
    rd.commit();
    if (options.json) fmt::print("{}\n", j.dump(2));
    else fmt::print("wrote {}/capacity.csv and capacity.json\n", options.out_dir);
    return 0;
}

// --scale KEY: the largest integer value of KEY meeting the budget.
int capacity_in_size(const experiment& base, const capacity_command_options& options) {
    if (!options.clock_mhz_list.empty() || !options.lanes_list.empty() || !options.out_dir.empty())
        throw usage_error("--scale does not combine with --clock-mhz, --lanes or --out");
    const auto run_sized = [&](std::int64_t n) {
        experiment_overrides o{{options.scale_key, std::to_string(n)}};
        if (options.overrides.duration_ms) o.emplace_back("simulation.duration_ms", *options.overrides.duration_ms);
        if (options.overrides.seed) o.emplace_back("simulation.seed", *options.overrides.seed);
        const experiment ex = load_experiment_with_overrides(options.experiment_path, o);
        check_memory(ex, {"core"}, options.allow_memory);
        capacity::probe p;
        blame_input(ex, [&] { p = capacity::run_core_at(ex, 1.0); });
        return p;
    };
    const capacity::sized_result r = capacity::find_sized_capacity(1, options.max_size, run_sized);
    if (options.json) {
        nlohmann::json j = core_json(base, r.budget);
        j["key"] = options.scale_key;
        j["max_size"] = options.max_size;
        j["every_tick"] = {{"value", r.n_all}, {"capped", r.capped_all}};
        j["p99"] = {{"value", r.n_p99}, {"capped", r.capped_p99}};
        for (const auto& p: r.probes)
            j["probes"].push_back({{"value", static_cast<std::int64_t>(p.factor)}, {"max_busy_cycles", p.max_busy},
                                   {"p99_busy_cycles", p.p99_busy}, {"meets_every_tick", p.meets_all()},
                                   {"meets_p99", p.meets_p99()}});
        fmt::print("{}\n", j.dump(2));
        return 0;
    }
    fmt::print("capacity of the core at {} MHz, {} lane(s), tick budget {} cycles ({} core runs):\n", base.core.clock_mhz,
               base.core.lanes, r.budget, r.probes.size());
    fmt::print("  every tick within budget: {} = {}{}\n", options.scale_key, r.n_all,
               r.capped_all ? fmt::format(" (--max-size {}: still within budget)", options.max_size) : "");
    fmt::print("  99% of ticks within budget: {} = {}{}\n", options.scale_key, r.n_p99,
               r.capped_p99 ? " (--max-size)" : "");
    return 0;
}

}  // namespace

int capacity_command(const capacity_command_options& options) {
    const experiment ex = load_for_command(options.experiment_path, options.overrides);
    if (!options.scale_key.empty()) return capacity_in_size(ex, options);
    double base_rate = 0;  // the first Poisson source's rate, to print
    for (const auto& s: ex.sources)
        if (const auto* p = std::get_if<poisson_source>(&s.kind); p && p->rate > 0 && base_rate == 0) base_rate = p->rate;
    if (base_rate == 0)
        throw experiment_error(options.experiment_path +
                               ": capacity: no [[source]] of kind \"poisson\" with a non-zero rate to scale");
    if (!options.clock_mhz_list.empty() || !options.lanes_list.empty()) return capacity_grid(ex, base_rate, options);
    if (!options.out_dir.empty()) throw usage_error("--out needs --clock-mhz or --lanes");
    const capacity::result r = search(ex, options);
    if (options.json) {
        nlohmann::json j = core_json(ex, r.budget);
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
