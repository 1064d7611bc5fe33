// plasticore rules: the plasticity rule registry (model/plasticity/rules.hpp) as text or JSON.

#include <fmt/format.h>

#include <stdexcept>

#include "commands.hpp"
#include "plasticity/rules.hpp"
#include "results/plasticity_json.hpp"

namespace plasticore::cli {

int rules_command(const rules_command_options& options) {
    if (!options.rule.empty() && !plasticity::find_rule(options.rule)) {
        std::string known;
        for (const auto& r: plasticity::rules()) known += (known.empty() ? "" : ", ") + r.name;
        throw std::invalid_argument(fmt::format("no plasticity rule '{}' (rules: {})", options.rule, known));
    }
    if (options.json) {
        nlohmann::json all = rules_json();
        if (options.rule.empty()) fmt::print("{}\n", all.dump(2));
        else
            for (const auto& r: all)
                if (r["name"] == options.rule) fmt::print("{}\n", r.dump(2));
        return 0;
    }
    if (options.markdown) {
        for (const auto& r: plasticity::rules()) {
            if (!options.rule.empty() && r.name != options.rule) continue;
            fmt::print("#### `rule = \"{}\"`: {}\n\n{}. Events: {}.\n\n", r.name, r.summary, r.reference,
                       plasticity::event_names(r.events));
            fmt::print("| key | unit | default | allowed | meaning |\n|---|---|---|---|---|\n");
            for (const auto& p: r.params)
                fmt::print("| `{}` | {} | {} | {} | {} |\n", p.key, p.unit, p.default_text == "(required)" ? "required" : "`" + p.default_text + "`",
                           p.allowed, p.description);
            fmt::print("\n| state | owner | `[hardware]` format | meaning |\n|---|---|---|---|\n");
            for (const auto& s: r.state)
                fmt::print("| `{}` | {} | `{}` | {} |\n", s.name, plasticity::owner_name(s.who), s.format_key, s.description);
            fmt::print("\n");
        }
        return 0;
    }
    for (const auto& r: plasticity::rules()) {
        if (!options.rule.empty() && r.name != options.rule) continue;
        fmt::print("{}: {}\n  {}\n  events: {}\n  parameters ([projection.plasticity] rule = \"{}\"):\n", r.name,
                   r.summary, r.reference, plasticity::event_names(r.events), r.name);
        for (const auto& p: r.params)
            fmt::print("    {:<18} {:<4} default {:<14} {:<24} {}\n", p.key, p.unit, p.default_text, p.allowed,
                       p.description);
        fmt::print("  state:\n");
        for (const auto& s: r.state)
            fmt::print("    {:<8} {:<20} [hardware] {:<20} {}\n", s.name, plasticity::owner_name(s.who), s.format_key,
                       s.description);
        fmt::print("\n");
    }
    return 0;
}

}  // namespace plasticore::cli
