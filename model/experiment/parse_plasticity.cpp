#include <fmt/format.h>

#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

// [projection.plasticity]: generic over the rule registry (model/plasticity/rules.hpp). The
// declaration of the rule named by `rule` lists every key, its unit, default and allowed
// values; nothing here names a rule's parameters.
namespace {

template <class Rule>
plasticity_rule read_rule(const table_reader& r) {
    using P = typename Rule::params;
    const auto& d = Rule::declare();
    std::vector<std::string_view> keys{"rule", "transmit"};  // keys of every rule (parse_transmit)
    for (const auto& q: d.params) keys.push_back(q.key);
    r.allow_only(keys);

    P p{};
    for (const auto& q: d.params) {
        switch (q.kind) {
        case plasticity::param_kind::number: {
            const double x = r.number_or(q.key, p.*(q.number));
            r.check(q.allowed.contains(x), q.key, fmt::format("must be {}", q.allowed.text()));
            p.*(q.number) = x;
            break;
        }
        case plasticity::param_kind::choice:
            q.set_choice(p, static_cast<int>(r.choice_or(q.key, q.choices,
                                                         static_cast<std::size_t>(q.get_choice(p)))));
            break;
        case plasticity::param_kind::source_ref:
            // That it names a reward source is checked by parse_projections, which sees the sources.
            p.*(q.text) = r.string(q.key);
            break;
        }
    }
    if (d.check) {
        if (auto problem = d.check(p)) r.fail(problem->key, problem->message);
    }
    return p;
}

struct reader_entry {
    std::string_view name;
    plasticity_rule (*read)(const table_reader&);
};

const std::vector<reader_entry>& readers() {
    static const std::vector<reader_entry> all = [] {
        std::vector<reader_entry> v;
        plasticity::all_rules::for_each([&v](auto rule) {
            using Rule = decltype(rule);
            v.push_back({Rule::declare().name, &read_rule<Rule>});
        });
        return v;
    }();
    return all;
}

}  // namespace

plasticity_rule parse_plasticity(const load_context& ctx, const toml::node& node,
                                 const std::string& key) {
    table_reader r(ctx, to_table(ctx, node, key), key);
    std::vector<std::string_view> names;
    for (const auto& e: readers()) names.push_back(e.name);
    return readers()[r.choice("rule", names)].read(r);
}

transmit_order parse_transmit(const load_context& ctx, const toml::node& node, const std::string& key) {
    table_reader r(ctx, to_table(ctx, node, key), key);
    return r.choice_or("transmit", {"before_update", "after_update"}, 0) == 0 ? transmit_order::before_update
                                                                               : transmit_order::after_update;
}

}  // namespace detail
}  // namespace plasticore
