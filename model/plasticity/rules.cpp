#include "plasticity/rules.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace plasticore::plasticity {

std::string_view owner_name(owner o) {
    switch (o) {
    case owner::synapse: return "synapse";
    case owner::pre_row: return "presynaptic row";
    case owner::post_neuron: return "postsynaptic neuron";
    case owner::projection: return "projection";
    }
    return "?";
}

std::string event_names(unsigned events) {
    std::string out;
    auto add = [&](unsigned bit, const char* name) {
        if (!(events & bit)) return;
        if (!out.empty()) out += ", ";
        out += name;
    };
    add(pre_arrival, "pre_arrival");
    add(post_spike, "post_spike");
    add(modulator, "modulator");
    add(periodic, "periodic");
    return out;
}

std::string interval::text() const {
    const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
    if (has_lo && has_hi)
        return fmt::format("in {}{}, {}{}", lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]");
    if (has_lo) return fmt::format("{} {}", lo_open ? ">" : ">=", lo);
    if (has_hi) return fmt::format("{} {}", hi_open ? "<" : "<=", hi);
    return "any number";
}

namespace {

template <class P>
std::string value_text(const param<P>& q, const P& p) {
    switch (q.kind) {
    case param_kind::number: return fmt::format("{}", p.*(q.number));
    case param_kind::choice: return fmt::format("\"{}\"", q.choices[static_cast<std::size_t>(q.get_choice(p))]);
    case param_kind::source_ref: return fmt::format("\"{}\"", p.*(q.text));
    }
    return {};
}

template <class Rule>
rule_info make_info() {
    const auto& d = Rule::declare();
    const typename Rule::params defaults{};
    rule_info r;
    r.name = d.name;
    r.summary = d.summary;
    r.reference = d.reference;
    r.state = d.state;
    r.events = d.events;
    for (const auto& q: d.params) {
        param_info i;
        i.kind = q.kind;
        i.key = q.key;
        i.unit = q.unit;
        i.description = q.description;
        switch (q.kind) {
        case param_kind::number:
            i.default_text = value_text(q, defaults);
            i.allowed = q.allowed.text();
            break;
        case param_kind::choice:
            i.default_text = value_text(q, defaults);
            for (auto c: q.choices) {
                i.choices.emplace_back(c);
                i.allowed += (i.allowed.empty() ? "" : " or ") + std::string(c);
            }
            break;
        case param_kind::source_ref:
            i.default_text = "(required)";
            i.allowed = "the name of a reward source";
            break;
        }
        r.params.push_back(std::move(i));
    }
    return r;
}

}  // namespace

const std::vector<rule_info>& rules() {
    static const std::vector<rule_info> all = [] {
        std::vector<rule_info> v;
        all_rules::for_each([&v](auto rule) { v.push_back(make_info<decltype(rule)>()); });
        return v;
    }();
    return all;
}

const rule_info* find_rule(std::string_view name) {
    for (const auto& r: rules())
        if (r.name == name) return &r;
    return nullptr;
}

bool is_plastic(const plasticity_rule& p) { return !std::holds_alternative<static_synapse>(p); }

std::string_view rule_name(const plasticity_rule& p) {
    std::string_view name = "static";
    visit_rule(p, [&](auto rule, const auto&) { name = decltype(rule)::declare().name; });
    return name;
}

const rule_info* info(const plasticity_rule& p) {
    return is_plastic(p) ? find_rule(rule_name(p)) : nullptr;
}

std::optional<weight_bounds> bounds(const plasticity_rule& p) {
    std::optional<weight_bounds> b;
    visit_rule(p, [&](auto rule, const auto& params) {
        const auto& d = decltype(rule)::declare();
        b = weight_bounds{params.*(d.w_min), params.*(d.w_max)};
    });
    return b;
}

std::optional<std::string> modulator_source(const plasticity_rule& p) {
    std::optional<std::string> name;
    visit_rule(p, [&](auto rule, const auto& params) {
        for (const auto& q: decltype(rule)::declare().params)
            if (q.kind == param_kind::source_ref) name = params.*(q.text);
    });
    return name;
}

std::vector<std::pair<std::string, std::string>> values(const plasticity_rule& p) {
    std::vector<std::pair<std::string, std::string>> out;
    visit_rule(p, [&](auto rule, const auto& params) {
        for (const auto& q: decltype(rule)::declare().params) out.emplace_back(q.key, value_text(q, params));
    });
    return out;
}

std::string text(const plasticity_rule& p) {
    if (!is_plastic(p)) return "static";
    std::string out = std::string(rule_name(p)) + " (";
    bool first = true;
    visit_rule(p, [&](auto rule, const auto& params) {
        for (const auto& q: decltype(rule)::declare().params) {
            out += first ? "" : ", ";
            first = false;
            out += std::string(q.key) + " " + value_text(q, params);
        }
    });
    return out + ")";
}

std::optional<brian2_code> brian2(const plasticity_rule& p) {
    std::optional<brian2_code> code;
    visit_rule(p, [&](auto rule, const auto& params) {
        const auto& d = decltype(rule)::declare();
        if (!d.brian2) throw std::logic_error("plasticity rule '" + std::string(d.name) + "' declares no Brian2 code");
        code = d.brian2(params);
    });
    return code;
}

}  // namespace plasticore::plasticity
