#include "results/plasticity_json.hpp"

#include "plasticity/rules.hpp"

namespace plasticore {

namespace {
std::string_view kind_name(plasticity::param_kind k) {
    switch (k) {
    case plasticity::param_kind::number: return "number";
    case plasticity::param_kind::choice: return "choice";
    case plasticity::param_kind::source_ref: return "source";
    }
    return "?";
}
}  // namespace

nlohmann::json rules_json() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r: plasticity::rules()) {
        nlohmann::json j;
        j["name"] = r.name;
        j["summary"] = r.summary;
        j["reference"] = r.reference;
        j["events"] = plasticity::event_names(r.events);
        j["parameters"] = nlohmann::json::array();
        for (const auto& p: r.params) {
            nlohmann::json q{{"key", p.key},       {"kind", kind_name(p.kind)}, {"unit", p.unit},
                             {"default", p.default_text}, {"allowed", p.allowed}, {"description", p.description}};
            if (!p.choices.empty()) q["choices"] = p.choices;
            j["parameters"].push_back(std::move(q));
        }
        j["state"] = nlohmann::json::array();
        for (const auto& s: r.state)
            j["state"].push_back({{"name", s.name}, {"owner", plasticity::owner_name(s.who)},
                                  {"format_key", s.format_key}, {"unit", s.unit}, {"description", s.description}});
        out.push_back(std::move(j));
    }
    return out;
}

nlohmann::json plasticity_json(const experiment& ex, const stimulus& stim) {
    nlohmann::json out;
    out["projections"] = nlohmann::json::object();
    for (const auto& pr: ex.projections) {
        const auto code = plasticity::brian2(pr.plasticity);
        if (!code) continue;
        nlohmann::json j;
        j["rule"] = plasticity::rule_name(pr.plasticity);
        j["transmit"] = pr.transmit == transmit_order::after_update ? "after_update" : "before_update";
        j["parameters"] = nlohmann::json::object();
        for (const auto& [key, value]: plasticity::values(pr.plasticity)) j["parameters"][key] = value;
        if (auto m = plasticity::modulator_source(pr.plasticity)) j["modulator"] = *m;
        j["brian2"] = {{"model", code->model},       {"on_pre_before", code->on_pre_before},
                       {"on_pre", code->on_pre},     {"on_post", code->on_post},
                       {"on_modulator", code->on_modulator}, {"final_weight", code->final_weight},
                       {"periodic", code->periodic},
                       {"namespace", nlohmann::json::object()}};
        for (const auto& [name, value]: code->namespace_entries) j["brian2"]["namespace"][name] = value;
        out["projections"][pr.name] = std::move(j);
    }
    out["modulators"] = nlohmann::json::object();
    for (std::size_t s = 0; s < ex.sources.size(); ++s) {
        if (!std::holds_alternative<reward_source>(ex.sources[s].kind)) continue;
        const auto& t = stim.sources[s];
        out["modulators"][ex.sources[s].name] = {{"steps", t.steps}, {"amounts", t.amounts}};
    }
    return out;
}

}  // namespace plasticore
