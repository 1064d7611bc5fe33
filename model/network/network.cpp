#include "network/network.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
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

// How many draws a redrawn normal may take before the projection is refused: a bound that
// leaves so little of the distribution is a mistake in the file, not a distribution.
constexpr int max_redraws = 10000;

double draw_bounded_normal(const bounded_normal& d, std::mt19937_64& rng, const std::string& projection,
                           const char* what) {
    if (!d.redraw) return std::clamp(d.mean + d.sd * random::standard_normal(rng), d.low, d.high);
    for (int k = 0; k < max_redraws; ++k) {
        const double x = d.mean + d.sd * random::standard_normal(rng);
        if (x >= d.low && x <= d.high) return x;
    }
    throw std::invalid_argument("projection '" + projection + "': " + what + " normal(" + std::to_string(d.mean) +
                                ", " + std::to_string(d.sd) + ") fell outside its redraw bounds " +
                                std::to_string(max_redraws) + " times in a row");
}

double draw_weight(const weight_init& w, std::mt19937_64& rng, const std::string& projection) {
    return std::visit(
        [&](const auto& k) -> double {
            using kind = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<kind, constant_weight>) return k.value;
            else if constexpr (std::is_same_v<kind, uniform_weight>)
                return k.low + (k.high - k.low) * random::uniform01(rng);
            else return draw_bounded_normal(k, rng, projection, "weight");
        },
        w);
}

// A uniform index in [0, n), n < 2^31: uniform01 has 53 random bits, so the bias is below 2^-22.
std::uint32_t draw_index(std::mt19937_64& rng, int n) {
    const auto i = static_cast<std::uint32_t>(random::uniform01(rng) * static_cast<double>(n));
    return std::min(i, static_cast<std::uint32_t>(n - 1));
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
    // Its own stream, so that drawn delays leave the weights of every other file unchanged.
    auto delays = random::make_stream(ex.simulation.seed, "delays", pr.name);
    const std::uint32_t delay = to_delay_steps(pr.delay, ex.simulation.dt, pr.name);
    auto add = [&](int i, int j) {
        const double w = draw_weight(pr.weight, weights, pr.name);
        const std::uint32_t d =
            pr.delay_distribution
                ? to_delay_steps(draw_bounded_normal(*pr.delay_distribution, delays, pr.name, "delay"),
                                 ex.simulation.dt, pr.name)
                : delay;
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), d, w});
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
            else if constexpr (std::is_same_v<kind, fixed_total_number_connector>) {
                if (c.n > 0 && (n_pre <= 0 || n_post <= 0))
                    throw std::invalid_argument("projection '" + pr.name + "': fixed_total_number between empty groups");
                out.reserve(static_cast<std::size_t>(c.n));
                for (std::int64_t s = 0; s < c.n; ++s) {
                    const std::uint32_t i = draw_index(connect, n_pre);
                    add(static_cast<int>(i), static_cast<int>(draw_index(connect, n_post)));
                }
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

// The table of one projection from its synapses in creation order: a counting sort by pre
// (stable), then each row by delay then post, stable within equal keys, which is the order
// of a stable sort of all synapses by (pre, delay, post) at the cost of sorting rows only.
synapse_table make_table(std::vector<raw_synapse> syn, int n_pre, int n_post, bool with_columns) {
    synapse_table t;
    t.n_pre = n_pre;
    t.n_post = n_post;
    const std::size_t n = syn.size();
    t.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    t.column_start.assign(static_cast<std::size_t>(n_post) + 1, 0);
    for (const raw_synapse& r: syn) {
        t.max_delay = std::max(t.max_delay, r.delay);
        ++t.row_start[r.pre + 1];
        ++t.column_start[r.post + 1];
    }
    std::partial_sum(t.row_start.begin(), t.row_start.end(), t.row_start.begin());
    std::partial_sum(t.column_start.begin(), t.column_start.end(), t.column_start.begin());

    // The synapses moved into their rows (creation order within a row), then each row sorted
    // where it lies: the sort touches one row's contiguous memory, not the whole list.
    struct in_row {
        std::uint64_t key;  // delay << 32 | post
        double weight;
    };
    std::vector<in_row> rows(n);
    {
        std::vector<std::uint32_t> fill(t.row_start.begin(), t.row_start.end() - 1);
        for (const raw_synapse& r: syn)
            rows[fill[r.pre]++] = {std::uint64_t{r.delay} << 32 | r.post, r.weight};
    }
    std::vector<raw_synapse>().swap(syn);
    for (std::size_t i = 0; i < static_cast<std::size_t>(n_pre); ++i)
        std::stable_sort(rows.begin() + t.row_start[i], rows.begin() + t.row_start[i + 1],
                         [](const in_row& a, const in_row& b) { return a.key < b.key; });

    t.post.resize(n);
    t.weight.resize(n);
    t.row_segment_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n_pre); ++i) {
        t.row_segment_start[i] = static_cast<std::uint32_t>(t.segments.size());
        for (std::uint32_t s = t.row_start[i]; s < t.row_start[i + 1]; ++s) {
            const auto delay = static_cast<std::uint32_t>(rows[s].key >> 32);
            t.post[s] = static_cast<std::uint32_t>(rows[s].key);
            t.weight[s] = rows[s].weight;
            if (s == t.row_start[i] || t.segments.back().delay != delay) t.segments.push_back({s, s, delay});
            t.segments.back().end = s + 1;
        }
    }
    t.row_segment_start[static_cast<std::size_t>(n_pre)] = static_cast<std::uint32_t>(t.segments.size());
    t.segments.shrink_to_fit();
    std::vector<in_row>().swap(rows);
    if (with_columns) {
        t.column_synapse.resize(n);
        std::vector<std::uint32_t> fill(t.column_start.begin(), t.column_start.end() - 1);
        for (std::size_t s = 0; s < n; ++s) t.column_synapse[fill[t.post[s]]++] = static_cast<std::uint32_t>(s);
    }
    return t;
}

}  // namespace

std::uint32_t synapse_table::pre_of(std::size_t s) const {
    const auto row = std::upper_bound(row_start.begin(), row_start.end(), static_cast<std::uint32_t>(s));
    return static_cast<std::uint32_t>(row - row_start.begin() - 1);
}

std::uint32_t synapse_table::delay_of(std::size_t s) const {
    const auto seg = std::upper_bound(segments.begin(), segments.end(), static_cast<std::uint32_t>(s),
                                      [](std::uint32_t x, const row_segment& g) { return x < g.end; });
    return seg->delay;
}

network build_network(const experiment& ex, unsigned threads) {
    network net;
    const std::size_t n_proj = ex.projections.size();
    net.projections.resize(n_proj);
    // Each projection draws from its own streams: any thread may build any projection. A
    // failure is reported for the first failing projection in file order, as a serial build would.
    std::vector<std::exception_ptr> failure(n_proj);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next++) < n_proj;) {
            try {
                const projection& pr = ex.projections[k];
                const int n_pre = size_of(ex, pr.pre);
                const int n_post = size_of(ex, pr.post);
                net.projections[k] = make_table(create_synapses(ex, pr, n_pre, n_post), n_pre, n_post,
                                                plasticity::is_plastic(pr.plasticity));
            }
            catch (...) {
                failure[k] = std::current_exception();
            }
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const auto n_threads = static_cast<std::size_t>(std::min<std::size_t>(threads ? threads : hardware, std::max<std::size_t>(n_proj, 1)));
    std::vector<std::thread> helpers;
    for (std::size_t h = 1; h < n_threads; ++h) helpers.emplace_back(work);
    work();
    for (auto& h: helpers) h.join();
    for (const auto& f: failure) if (f) std::rethrow_exception(f);
    net.initial_v.resize(ex.populations.size());
    for (std::size_t p = 0; p < ex.populations.size(); ++p) {
        const population& pop = ex.populations[p];
        if (pop.lif.v_init_sd <= 0) continue;
        auto rng = random::make_stream(ex.simulation.seed, "v_init", pop.name);
        auto& v = net.initial_v[p];
        v.resize(static_cast<std::size_t>(pop.size));
        for (double& x: v) x = pop.lif.v_init + pop.lif.v_init_sd * random::standard_normal(rng);
    }
    return net;
}

}  // namespace plasticore
