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

// f(pre, post, entry) for every synapse of pr in creation order (pre-major, post-minor for
// generated connectors; file order for lists, with entry the list's row, else nullptr). Only
// the connectivity stream is drawn here: the weights and delays have streams of their own, so
// the connections can be enumerated twice (count, then fill) without a stored copy.
template <class F>
void for_each_connection(const experiment& ex, const projection& pr, int n_pre, int n_post, F&& f) {
    auto connect = random::make_stream(ex.simulation.seed, "connectivity", pr.name);
    const list_connector::entry* none = nullptr;
    std::visit(
        [&](const auto& c) {
            using kind = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<kind, all_to_all_connector>) {
                for (int i = 0; i < n_pre; ++i) for (int j = 0; j < n_post; ++j) f(i, j, none);
            }
            else if constexpr (std::is_same_v<kind, one_to_one_connector>) {
                for (int i = 0; i < std::min(n_pre, n_post); ++i) f(i, i, none);
            }
            else if constexpr (std::is_same_v<kind, fixed_probability_connector>) {
                for (int i = 0; i < n_pre; ++i)
                    for (int j = 0; j < n_post; ++j)
                        if (random::uniform01(connect) < c.p) f(i, j, none);
            }
            else if constexpr (std::is_same_v<kind, fixed_total_number_connector>) {
                if (c.n > 0 && (n_pre <= 0 || n_post <= 0))
                    throw std::invalid_argument("projection '" + pr.name + "': fixed_total_number between empty groups");
                for (std::int64_t s = 0; s < c.n; ++s) {
                    const std::uint32_t i = draw_index(connect, n_pre);
                    f(static_cast<int>(i), static_cast<int>(draw_index(connect, n_post)), none);
                }
            }
            else {
                for (const auto& e: c.entries) f(e.pre, e.post, &e);
            }
        },
        pr.connectivity);
}

// The table of one projection, built where it lies: a first pass over the connections counts
// each row and column; a second pass draws each synapse's weight and delay (in creation order,
// from their own streams) and puts it at the end of its row; then each row is sorted by delay
// then post, stable within equal keys, which is the order of a stable sort of all synapses by
// (pre, delay, post). Besides the table, only the delays (4 bytes a synapse) and one row are
// held while building (docs/network.md, "Storage").
synapse_table make_table(const experiment& ex, const projection& pr, int n_pre, int n_post, bool with_columns) {
    const std::uint32_t fixed_delay = to_delay_steps(pr.delay, ex.simulation.dt, pr.name);
    synapse_table t;
    t.n_pre = n_pre;
    t.n_post = n_post;
    t.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    t.column_start.assign(static_cast<std::size_t>(n_post) + 1, 0);
    for_each_connection(ex, pr, n_pre, n_post, [&](int i, int j, const list_connector::entry*) {
        ++t.row_start[static_cast<std::size_t>(i) + 1];
        ++t.column_start[static_cast<std::size_t>(j) + 1];
    });
    std::partial_sum(t.row_start.begin(), t.row_start.end(), t.row_start.begin());
    std::partial_sum(t.column_start.begin(), t.column_start.end(), t.column_start.begin());
    const std::size_t n = t.row_start.back();

    // The synapses put into their rows in creation order.
    t.post.resize(n);
    t.weight.resize(n);
    std::vector<std::uint32_t> delay(n);
    {
        auto weights = random::make_stream(ex.simulation.seed, "weights", pr.name);
        // Its own stream, so that drawn delays leave the weights of every other file unchanged.
        auto delays = random::make_stream(ex.simulation.seed, "delays", pr.name);
        std::vector<std::uint32_t> fill(t.row_start.begin(), t.row_start.end() - 1);
        for_each_connection(ex, pr, n_pre, n_post, [&](int i, int j, const list_connector::entry* e) {
            double w = draw_weight(pr.weight, weights, pr.name);
            std::uint32_t d =
                pr.delay_distribution
                    ? to_delay_steps(draw_bounded_normal(*pr.delay_distribution, delays, pr.name, "delay"),
                                     ex.simulation.dt, pr.name)
                    : fixed_delay;
            if (e && e->weight) w = *e->weight;
            if (e && e->delay) d = to_delay_steps(*e->delay, ex.simulation.dt, pr.name);
            const std::uint32_t s = fill[static_cast<std::size_t>(i)]++;
            t.post[s] = static_cast<std::uint32_t>(j);
            t.weight[s] = w;
            delay[s] = d;
            t.max_delay = std::max(t.max_delay, d);
        });
    }

    // Each row sorted where it lies, through a scratch copy of that row alone.
    struct in_row {
        std::uint64_t key;  // delay << 32 | post
        double weight;
    };
    std::vector<in_row> row;
    t.row_segment_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n_pre); ++i) {
        const std::uint32_t begin = t.row_start[i], end = t.row_start[i + 1];
        row.clear();
        for (std::uint32_t s = begin; s < end; ++s) row.push_back({std::uint64_t{delay[s]} << 32 | t.post[s], t.weight[s]});
        std::stable_sort(row.begin(), row.end(), [](const in_row& a, const in_row& b) { return a.key < b.key; });
        t.row_segment_start[i] = static_cast<std::uint32_t>(t.segments.size());
        for (std::uint32_t s = begin; s < end; ++s) {
            const in_row& r = row[s - begin];
            const auto d = static_cast<std::uint32_t>(r.key >> 32);
            t.post[s] = static_cast<std::uint32_t>(r.key);
            t.weight[s] = r.weight;
            if (s == begin || t.segments.back().delay != d) t.segments.push_back({s, s, d});
            t.segments.back().end = s + 1;
        }
    }
    t.row_segment_start[static_cast<std::size_t>(n_pre)] = static_cast<std::uint32_t>(t.segments.size());
    t.segments.shrink_to_fit();
    std::vector<std::uint32_t>().swap(delay);
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
                net.projections[k] = make_table(ex, pr, n_pre, n_post, plasticity::is_plastic(pr.plasticity));
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
