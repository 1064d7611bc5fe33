#include "network/network.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "experiment/time_steps.hpp"
#include "random/streams.hpp"

namespace plasticore {

namespace {

int size_of(const experiment& ex, const std::string& name) {
    for (const auto& p: ex.populations) if (p.name == name) return p.size;
    for (const auto& s: ex.sources) if (s.name == name) return s.size;
    throw std::invalid_argument("unknown population or source '" + name + "'");
}

std::uint32_t to_delay_steps(double delay_ms, double dt_ms, const std::string& projection) {
    try {
        return static_cast<std::uint32_t>(delay_steps(delay_ms, dt_ms));
    }
    catch (const std::domain_error& e) {
        throw std::invalid_argument("projection '" + projection + "': " + e.what());
    }
}

double draw_weight(const weight_init& w, std::mt19937_64& rng) {
    return std::visit(
        [&](const auto& k) -> double {
            using kind = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<kind, constant_weight>) return k.value;
            else if constexpr (std::is_same_v<kind, uniform_weight>)
                return k.low + (k.high - k.low) * random::uniform01(rng);
            else return std::clamp(k.mean + k.sd * random::standard_normal(rng), k.low, k.high);
        },
        w);
}

struct raw_synapse {
    std::uint32_t pre, post, delay;
    double weight;
};

// Synapses in creation order (pre-major, post-minor for generated connectors; file order for
// lists), which fixes the order in which initial weights are drawn.
std::vector<raw_synapse> create_synapses(const experiment& ex, const projection& pr, int n_pre,
                                         int n_post) {
    std::vector<raw_synapse> out;
    auto weights = random::make_stream(ex.simulation.seed, "weights", pr.name);
    auto connect = random::make_stream(ex.simulation.seed, "connectivity", pr.name);
    const std::uint32_t delay = to_delay_steps(pr.delay, ex.simulation.dt, pr.name);
    auto add = [&](int i, int j) {
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), delay,
                       draw_weight(pr.weight, weights)});
    };
    std::visit(
        [&](const auto& c) {
            using kind = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<kind, all_to_all_connector>) {
                for (int i = 0; i < n_pre; ++i) for (int j = 0; j < n_post; ++j) add(i, j);
            }
            else if constexpr (std::is_same_v<kind, one_to_one_connector>) {
                for (int i = 0; i < std::min(n_pre, n_post); ++i) add(i, i);
            }
            else if constexpr (std::is_same_v<kind, fixed_probability_connector>) {
                for (int i = 0; i < n_pre; ++i)
                    for (int j = 0; j < n_post; ++j)
                        if (random::uniform01(connect) < c.p) add(i, j);
            }
            else {
                for (const auto& e: c.entries) {
                    add(e.pre, e.post);
                    if (e.weight) out.back().weight = *e.weight;
                    if (e.delay) out.back().delay = to_delay_steps(*e.delay, ex.simulation.dt, pr.name);
                }
            }
        },
        pr.connectivity);
    return out;
}

synapse_table make_table(std::vector<raw_synapse> syn, int n_pre, int n_post) {
    std::stable_sort(syn.begin(), syn.end(), [](const raw_synapse& a, const raw_synapse& b) {
        if (a.pre != b.pre) return a.pre < b.pre;
        if (a.delay != b.delay) return a.delay < b.delay;
        return a.post < b.post;
    });
    synapse_table t;
    t.n_pre = n_pre;
    t.n_post = n_post;
    const std::size_t n = syn.size();
    t.pre.resize(n);
    t.post.resize(n);
    t.delay.resize(n);
    t.weight.resize(n);
    t.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    t.column_start.assign(static_cast<std::size_t>(n_post) + 1, 0);
    for (std::size_t s = 0; s < n; ++s) {
        t.pre[s] = syn[s].pre;
        t.post[s] = syn[s].post;
        t.delay[s] = syn[s].delay;
        t.weight[s] = syn[s].weight;
        t.max_delay = std::max(t.max_delay, syn[s].delay);
        ++t.row_start[syn[s].pre + 1];
        ++t.column_start[syn[s].post + 1];
    }
    std::partial_sum(t.row_start.begin(), t.row_start.end(), t.row_start.begin());
    std::partial_sum(t.column_start.begin(), t.column_start.end(), t.column_start.begin());
    t.row_segment_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n_pre); ++i) {
        t.row_segment_start[i] = static_cast<std::uint32_t>(t.segments.size());
        for (std::uint32_t s = t.row_start[i]; s < t.row_start[i + 1];) {
            std::uint32_t e = s;
            while (e < t.row_start[i + 1] && t.delay[e] == t.delay[s]) ++e;
            t.segments.push_back({s, e, t.delay[s]});
            s = e;
        }
    }
    t.row_segment_start[static_cast<std::size_t>(n_pre)] = static_cast<std::uint32_t>(t.segments.size());
    t.column_synapse.resize(n);
    std::vector<std::uint32_t> fill(t.column_start.begin(), t.column_start.end() - 1);
    for (std::size_t s = 0; s < n; ++s) t.column_synapse[fill[t.post[s]]++] = static_cast<std::uint32_t>(s);
    return t;
}

}  // namespace

network build_network(const experiment& ex) {
    network net;
    net.projections.reserve(ex.projections.size());
    for (const auto& pr: ex.projections) {
        const int n_pre = size_of(ex, pr.pre);
        const int n_post = size_of(ex, pr.post);
        net.projections.push_back(make_table(create_synapses(ex, pr, n_pre, n_post), n_pre, n_post));
    }
    return net;
}

}  // namespace plasticore
