#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include <experiment/csv_files.hpp>
#include <experiment/lookup.hpp>
#include <experiment/scaling.hpp>
#include <experiment/sections.hpp>
#include <experiment/time_steps.hpp>

namespace plasticore {
namespace detail {

namespace {
const std::vector<std::string_view> connector_names = {"all_to_all", "one_to_one",
                                                       "fixed_probability", "list", "fixed_total_number"};
// The most synapses fixed_total_number may ask for: synapse indices are 32-bit.
constexpr std::int64_t max_total_number = (std::int64_t{1} << 32) - 1;
const std::vector<std::string_view> common_keys = {"name", "pre", "post", "connector", "receptor",
                                                   "weight_na", "delay_ms", "plasticity"};

std::vector<std::string_view> group_names(const experiment& e, bool with_sources) {
    std::vector<std::string_view> names;
    for (const auto& p: e.populations) names.push_back(p.name);
    if (with_sources) for (const auto& s: e.sources) names.push_back(s.name);
    return names;
}

std::string unknown_name_message(const std::string& name, const std::vector<std::string_view>& known,
                                 const char* what) {
    std::string message = fmt::format("no {} is called '{}'", what, name);
    auto near = nearest_word(name, known);
    if (!near.empty()) message += fmt::format("; did you mean '{}'?", near);
    return message;
}

// Checks of one weight or delay value, shared by every way of giving them.
struct value_checks {
    const plasticity_rule* plasticity;
    double dt;

    std::string weight(double w) const {
        // Weights are magnitudes: the receptor decides whether they excite or inhibit.
        if (w < 0) return "weights must be >= 0 (receptor = \"inhibitory\" gives the sign)";
        if (auto b = plasticity::bounds(*plasticity)) {
            if (w < b->w_min || w > b->w_max) {
                return fmt::format("plastic initial weight outside [w_min_na, w_max_na] = [{}, {}]",
                                   b->w_min, b->w_max);
            }
        }
        return {};
    }
    std::string delay(double d) const {
        const std::int64_t steps = nearest_steps(d, dt);  // as delay_steps()
        if (steps < 1) {
            return fmt::format("delay rounds to {} steps at dt_ms = {}; it must be at least one "
                               "step", steps, dt);
        }
        if (steps > max_delay_steps) {
            return fmt::format("delay is {} steps at dt_ms = {}, more than the limit of {} (2^30)", steps, dt,
                               max_delay_steps);
        }
        return {};
    }
};

void check_value(const table_reader& r, const toml::node& node, const std::string& key,
                 const std::string& problem) {
    if (!problem.empty()) fail_at(r.ctx(), node, key, problem);
}

std::pair<double, double> read_pair(const table_reader& r, const toml::node& node,
                                    const std::string& key, const char* shape) {
    const auto& list = to_array(r.ctx(), node, key);
    if (list.size() != 2) fail_at(r.ctx(), node, key, fmt::format("expected {}", shape));
    return {to_number(r.ctx(), *list.get(0), key + "[0]"),
            to_number(r.ctx(), *list.get(1), key + "[1]")};
}

// normal = [mean, sd] with exactly one of clip = [low, high] or redraw = [low, high]; every
// bound passes `check` (an empty string: fine).
template <class Check>
bounded_normal read_bounded_normal(const table_reader& r, Check check, const char* what) {
    const auto& n = r.required("normal");
    auto [mean, sd] = read_pair(r, n, r.key("normal"), "[mean, sd]");
    check_value(r, n, r.key("normal"), std::isfinite(mean) ? "" : "mean must be finite");
    check_value(r, n, r.key("normal"), sd >= 0 ? "" : "sd must be >= 0");
    check_value(r, n, r.key("normal"), std::isfinite(sd) ? "" : "sd must be finite");
    if (r.has("clip") == r.has("redraw")) {
        fail_at(r.ctx(), n, r.key("normal"),
                fmt::format("normal {} need exactly one of clip = [low, high] (a draw outside is set to the "
                            "bound) or redraw = [low, high] (drawn again until inside)", what));
    }
    const char* key = r.has("clip") ? "clip" : "redraw";
    const auto& bounds = r.required(key);
    // [low, high], where high may be inf (no upper bound).
    const auto& list = to_array(r.ctx(), bounds, r.key(key));
    if (list.size() != 2) fail_at(r.ctx(), bounds, r.key(key), "expected [low, high]");
    const double low = to_number(r.ctx(), *list.get(0), r.key(key) + "[0]");
    const auto* top = list.get(1)->as_floating_point();
    const double high = top && std::isinf(top->get()) && top->get() > 0
                            ? top->get()
                            : to_number(r.ctx(), *list.get(1), r.key(key) + "[1]");
    check_value(r, bounds, r.key(key), low <= high ? check(low) : "low must be <= high");
    check_value(r, bounds, r.key(key), check(high));
    bounded_normal d{mean, sd, low, high, std::string_view(key) == "redraw"};
    if (d.redraw) {
        // Redrawing from a distribution that almost never lands inside would not end.
        const bool reachable = sd > 0 ? (high - mean) / sd > -5 && (low - mean) / sd < 5 : (mean >= low && mean <= high);
        check_value(r, bounds, r.key(key), reachable ? "" : "the bounds leave almost none of the distribution to redraw from "
                                                            "(keep them within 5 sd of the mean)");
    }
    return d;
}

weight_init read_weight(const table_reader& r, const toml::node& node, const value_checks& checks) {
    std::string key = r.key("weight_na");
    if (!node.is_table()) {
        double w = to_number(r.ctx(), node, key);
        check_value(r, node, key, checks.weight(w));
        return constant_weight{w};
    }
    table_reader wr(r.ctx(), *node.as_table(), key);
    wr.allow_only({"uniform", "normal", "clip", "redraw"});
    if (wr.has("uniform") == wr.has("normal")) {
        fail_at(r.ctx(), node, key, "give exactly one of uniform = [low, high] or "
                                    "normal = [mean, sd] (with clip = [low, high] or redraw = [low, high])");
    }
    if (auto u = wr.find("uniform")) {
        wr.check(!wr.has("clip"), "clip", "only applies to normal weights");
        wr.check(!wr.has("redraw"), "redraw", "only applies to normal weights");
        auto [low, high] = read_pair(wr, *u, wr.key("uniform"), "[low, high]");
        check_value(wr, *u, wr.key("uniform"),
                    low <= high? checks.weight(low): "low must be <= high");
        check_value(wr, *u, wr.key("uniform"), checks.weight(high));
        return uniform_weight{low, high};
    }
    const bounded_normal d = read_bounded_normal(wr, [&](double w) { return checks.weight(w); }, "weights");
    return d;
}

// delay_ms as a number (every synapse) or { normal = [mean, sd], clip | redraw = [low, high] }
// (per synapse). A bound may be inf; the low bound must round to at least one step.
void read_delay(const table_reader& r, const value_checks& checks, projection& p) {
    const toml::node* node = r.find("delay_ms");
    if (!node) return;
    if (!node->is_table()) {
        p.delay = r.number("delay_ms");
        r.check(checks.delay(p.delay).empty(), "delay_ms", checks.delay(p.delay));
        return;
    }
    table_reader dr(r.ctx(), *node->as_table(), r.key("delay_ms"));
    dr.allow_only({"normal", "clip", "redraw"});
    auto check = [&](double d) { return std::isinf(d) && d > 0 ? std::string{} : checks.delay(d); };
    p.delay_distribution = read_bounded_normal(dr, check, "delays");
    p.delay = p.delay_distribution->mean;
    check_value(dr, dr.required("normal"), dr.key("normal"), checks.delay(p.delay));
}

list_connector read_inline_list(const table_reader& r, const connection_checks& checks) {
    list_connector list;
    const auto& node = r.required("connections");
    const auto& rows = to_array(r.ctx(), node, r.key("connections"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string key = fmt::format("{}[{}]", r.key("connections"), i);
        const auto& row = to_array(r.ctx(), *rows.get(i), key);
        if (row.size() < 2 || row.size() > 4) {
            fail_at(r.ctx(), *rows.get(i), key,
                    "expected [pre, post], [pre, post, weight_na] or [pre, post, weight_na, "
                    "delay_ms]");
        }
        list_connector::entry entry;
        entry.pre = to_int(r.ctx(), *row.get(0), key + "[0]");
        if (entry.pre < 0 || entry.pre >= checks.pre_size) {
            fail_at(r.ctx(), *row.get(0), key + "[0]",
                    fmt::format("pre index out of range (valid 0..{})", checks.pre_size - 1));
        }
        entry.post = to_int(r.ctx(), *row.get(1), key + "[1]");
        if (entry.post < 0 || entry.post >= checks.post_size) {
            fail_at(r.ctx(), *row.get(1), key + "[1]",
                    fmt::format("post index out of range (valid 0..{})", checks.post_size - 1));
        }
        if (row.size() > 2) {
            entry.weight = to_number(r.ctx(), *row.get(2), key + "[2]");
            check_value(r, *row.get(2), key + "[2]", checks.weight(*entry.weight));
        }
        if (row.size() > 3) {
            entry.delay = to_number(r.ctx(), *row.get(3), key + "[3]");
            check_value(r, *row.get(3), key + "[3]", checks.delay(*entry.delay));
        }
        list.entries.push_back(entry);
    }
    return list;
}

// [scale] applied to a projection read at full size (scaling.hpp): its connector's in-degree
// scaled by in_degrees, its weights by 1 / sqrt(in_degrees), and the mean input this removes
// added to the post population's DC. Connectors whose in-degree cannot be set so are refused,
// naming the key.
void scale_projection(const table_reader& r, experiment& e, projection& p) {
    const scale_params& sc = e.scale;
    const population* pre = find_population(e, p.pre);  // null: a spike source (never resized)
    population& post = *std::find_if(e.populations.begin(), e.populations.end(),
                                     [&](const population& q) { return q.name == p.post; });
    const std::string scale_text = fmt::format("[scale] neurons = {}, in_degrees = {}", sc.neurons, sc.in_degrees);
    double in_degree_full = 0.0;  // mean in-degree of the full-size projection
    if (std::holds_alternative<all_to_all_connector>(p.connectivity)) {
        // The in-degree is the pre's size: it scales as the pre does.
        const double follows = pre ? sc.neurons : 1.0;
        r.check(sc.in_degrees == follows, "connector",
                fmt::format("{}: all_to_all's in-degree is the size of '{}', scaled by {}, not by in_degrees; "
                            "use fixed_probability or fixed_total_number", scale_text, p.pre, follows));
        in_degree_full = pre ? pre->full_size : source_or_population_size(e, p.pre);
    }
    else if (std::holds_alternative<one_to_one_connector>(p.connectivity)) {
        r.check(sc.in_degrees == 1.0, "connector",
                fmt::format("{}: one_to_one's in-degree is 1 and cannot be scaled", scale_text));
        in_degree_full = 1.0;
    }
    else if (std::holds_alternative<list_connector>(p.connectivity)) {
        r.fail("connector", fmt::format("{}: a list of connections names neurons of the populations as written; it "
                                        "cannot be scaled (write it at the size to simulate)", scale_text));
    }
    else if (auto* c = std::get_if<fixed_probability_connector>(&p.connectivity)) {
        // The expected in-degree p x size(pre) already shrinks with a resized pre.
        in_degree_full = c->p * (pre ? pre->full_size : source_or_population_size(e, p.pre));
        const double p_scaled = c->p * sc.in_degrees / (pre ? sc.neurons : 1.0);
        r.check(p_scaled <= 1.0, "p",
                fmt::format("{}: keeping the in-degree x {} with the pre '{}' x {} needs p = {} > 1", scale_text,
                            sc.in_degrees, p.pre, pre ? sc.neurons : 1.0, p_scaled));
        c->p = p_scaled;
    }
    else {
        auto& t = std::get<fixed_total_number_connector>(p.connectivity);
        in_degree_full = static_cast<double>(t.n) / post.full_size;
        t.n = scaled_total_number(t.n, sc);
    }
    if (sc.in_degrees == 1.0) return;
    r.check(!plasticity::is_plastic(p.plasticity), "plasticity",
            fmt::format("{}: scaling in-degrees divides the weights by sqrt({}), but not a plastic rule's bounds "
                        "and amplitudes; write plastic projections at the size to simulate", scale_text,
                        sc.in_degrees));
    // The mean input lost, from the pre's full-size rate.
    double rate = 0.0;
    if (pre) {
        r.check(pre->full_rate_hz.has_value(), "pre",
                fmt::format("{}: population '{}' has no full_rate_hz, its rate in the full-size network, which "
                            "the DC that replaces the input lost by scaling needs",
                            scale_text, p.pre));
        rate = *pre->full_rate_hz;
    }
    else {
        const spike_source& src = *find_source(e, p.pre);
        const auto* poisson = std::get_if<poisson_source>(&src.kind);
        r.check(poisson && poisson->start == 0.0 && !poisson->stop && !poisson->on, "pre",
                fmt::format("{}: the DC that replaces the input lost by scaling needs the mean rate of '{}'; "
                            "only an always-on kind = \"poisson\" source has one", scale_text, p.pre));
        rate = poisson->rate;
    }
    const double sign = p.receptor == receptor_kind::excitatory ? 1.0 : -1.0;
    const double tau = p.receptor == receptor_kind::excitatory ? post.lif.tau_syn_e : post.lif.tau_syn_i;
    post.lif.i_offset += lost_input_dc(tau, sign * nominal_mean(p.weight), in_degree_full, rate, sc);
    p.weight = scaled_weight(p.weight, sc);
}
}  // namespace

void parse_projections(const load_context& ctx, const toml::node& node, experiment& e) {
    auto tables = to_tables(ctx, node, "projection");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader r(ctx, *tables[i], fmt::format("projection[{}]", i));
        auto all_keys = common_keys;
        all_keys.insert(all_keys.end(), {"p", "connections", "file", "n"});
        r.allow_only(all_keys);

        projection p;
        p.name = read_name(r);
        r.check(find_projection(e, p.name) == nullptr, "name",
                "duplicate name: a projection is already called this");
        r.set_path(fmt::format("projection '{}'", p.name));

        p.pre = r.string("pre");
        r.check(is_neuron_group_name(e, p.pre), "pre",
                unknown_name_message(p.pre, group_names(e, true), "population or source"));
        if (const spike_source* src = find_source(e, p.pre); src && std::holds_alternative<reward_source>(src->kind))
            r.fail("pre", "'" + p.pre + "' is a reward source: it drives modulated plasticity rules (their "
                          "`modulator` key), not synapses");
        p.post = r.string("post");
        if (find_source(e, p.post)) {
            r.fail("post", "must be a population; '" + p.post + "' is a spike source");
        }
        r.check(find_population(e, p.post) != nullptr, "post",
                unknown_name_message(p.post, group_names(e, false), "population"));
        const int pre_size = source_or_population_size(e, p.pre);
        const int post_size = find_population(e, p.post)->size;

        auto kind = r.choice_or("connector", connector_names, 0);
        auto allowed = common_keys;
        if (kind == 2) allowed.push_back("p");
        if (kind == 3) allowed.insert(allowed.end(), {"connections", "file"});
        if (kind == 4) allowed.push_back("n");
        r.allow_only(allowed);

        p.receptor = r.choice_or("receptor", {"excitatory", "inhibitory"}, 0) == 0
                         ? receptor_kind::excitatory
                         : receptor_kind::inhibitory;
        if (auto plasticity = r.find("plasticity")) {
            p.plasticity = parse_plasticity(ctx, *plasticity, r.key("plasticity"));
            if (auto name = plasticity::modulator_source(p.plasticity)) {
                const spike_source* src = find_source(e, *name);
                if (!src || !std::holds_alternative<reward_source>(src->kind)) {
                    const auto& t = to_table(ctx, *plasticity, r.key("plasticity"));
                    fail_at(ctx, *t.get("modulator"), r.key("plasticity") + ".modulator",
                            src ? "'" + *name + "' is a spike source; a modulator must be a source of kind = \"reward\""
                                : "no source is called '" + *name + "' (a modulator is a source of kind = \"reward\")");
                }
            }
            p.transmit = parse_transmit(ctx, *plasticity, r.key("plasticity"));
            // Synaptic scaling multiplies every excitatory weight onto a neuron by one factor:
            // every projection with it into a population must compute the same factor.
            if (plasticity::rule_name(p.plasticity) == "synaptic_scaling") {
                r.check(p.receptor == receptor_kind::excitatory, "plasticity",
                        "synaptic_scaling scales excitatory weights; this projection is inhibitory");
                for (const auto& other: e.projections) {
                    if (other.post != p.post || plasticity::rule_name(other.plasticity) != "synaptic_scaling") continue;
                    r.check(plasticity::values(other.plasticity) == plasticity::values(p.plasticity), "plasticity",
                            "synaptic_scaling onto '" + p.post + "' must have the parameters of projection '" +
                                other.name + "' (one factor per neuron across all its projections)");
                }
            }
        }
        value_checks checks{&p.plasticity, e.simulation.dt};
        read_delay(r, checks, p);

        switch (kind) {
        case 0: p.connectivity = all_to_all_connector{}; break;
        case 1:
            r.check(pre_size == post_size, "connector",
                    fmt::format("one_to_one needs pre and post of equal size ('{}' has {}, '{}' "
                                "has {}{})", p.pre, pre_size, p.post, post_size,
                                e.scale.neurons != 1.0 ? ", after [scale] neurons; spike sources are not resized" : ""));
            p.connectivity = one_to_one_connector{};
            break;
        case 2: {
            fixed_probability_connector c;
            c.p = r.number("p");
            r.check(c.p >= 0 && c.p <= 1, "p", "probability must be in [0, 1]");
            p.connectivity = c;
            break;
        }
        case 4: {
            const toml::node& n = r.required("n");
            const std::int64_t count = to_integer(ctx, n, r.key("n"));
            check_value(r, n, r.key("n"),
                        count < 0 || count > max_total_number
                            ? fmt::format("must be in [0, {}] (synapse indices are 32-bit)", max_total_number)
                            : std::string{});
            check_value(r, n, r.key("n"),
                        count > 0 && (pre_size == 0 || post_size == 0) ? "needs non-empty pre and post" : std::string{});
            p.connectivity = fixed_total_number_connector{count};
            break;
        }
        default: {
            connection_checks cc{pre_size, post_size,
                                 [&](double w) { return checks.weight(w); },
                                 [&](double d) { return checks.delay(d); }};
            if (r.has("file") && r.has("connections")) {
                r.fail("file", "give either connections or file, not both");
            }
            list_connector list;
            if (auto file = r.find("file")) {
                list.entries = read_connection_csv(ctx, *file, r.key("file"), cc);
            }
            else if (r.has("connections")) {
                list = read_inline_list(r, cc);
            }
            else {
                r.fail("connections", "required key is missing (or give file = \"conn.csv\")");
            }
            p.connectivity = std::move(list);
        }
        }

        if (auto w = r.find("weight_na")) {
            p.weight = read_weight(r, *w, checks);
        }
        else {
            // A list that gives every weight needs no default weight.
            auto list = std::get_if<list_connector>(&p.connectivity);
            bool all_given = list && std::all_of(list->entries.begin(), list->entries.end(),
                                                 [](const auto& x) { return x.weight.has_value(); });
            if (!all_given) (void)r.required("weight_na");
        }
        if (e.scale.scaled()) scale_projection(r, e, p);
        e.projections.push_back(std::move(p));
    }
}

}  // namespace detail
}  // namespace plasticore
