#include "resources/memory_estimate.hpp"

#include "plasticity/rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include <sys/resource.h>

#include <fmt/format.h>

#include "experiment/lookup.hpp"
#include "experiment/time_steps.hpp"

namespace plasticore {

namespace {

// Bytes of the data structures the layers build (model/stimulus, model/network, the layers'
// state); rounded up where a vector may hold spare capacity.
constexpr double bytes_per_generated_spike = 8 * 2;    // per-channel int64 times while generating (growth)
constexpr double bytes_per_train_spike = 12;           // step (int64) + channel (uint32)
constexpr double bytes_per_merge_step = 4;             // counting-sort offsets, one per step
constexpr double bytes_per_channel = 24;               // a channel's vector
constexpr double bytes_per_raw_synapse = 24 + 16;      // build_network's list, then its rows (transient)
constexpr double bytes_per_table_synapse = 12;         // post, weight
constexpr double bytes_per_column_synapse = 4;         // column index (projections with a rule)
constexpr double bytes_per_layer_weight = 8 + 8;       // double (golden) or raw (fixed), final weights
constexpr double bytes_per_high_weight = 48 + 8;       // cpp_bin_float_50, final weights
constexpr double bytes_per_delay_slot = 24;            // one arrival list per delay step
constexpr double bytes_per_segment = 16;               // row segment + its offsets
constexpr double bytes_per_neuron = 160;               // every layer's per-neuron state
constexpr double bytes_per_state_sample = 40;          // state_sample
constexpr double bytes_per_spike_event = 16;           // spike_event
constexpr double bytes_per_core_step = 16;             // the core's per-tick cycle figures

double steps_of(const experiment& ex) { return static_cast<double>(step_count(ex.simulation)); }

// Spike times a periodic train from `first` every `period` ms generates before `end` ms.
double periodic(double first, double period, double end) {
    if (!(end > first)) return 0;
    return std::floor((end - first) / period) + 1;
}

// Spikes a source generates before the duplicates in one step are merged, per channel.
double generated_per_channel(const experiment& ex, const spike_source& s) {
    const double duration = ex.simulation.duration;
    const double dt = ex.simulation.dt;
    struct visitor {
        double duration, dt, steps;
        double operator()(const poisson_source& k) const {
            const double end = std::min(duration, k.stop.value_or(duration));
            const double p = std::min(1.0, k.rate * dt * 1e-3);
            return std::max(0.0, (end - k.start) / dt) * p;
        }
        double operator()(const regular_source& k) const {
            const double end = std::min(duration, k.stop.value_or(duration));
            return periodic(k.phase, 1000.0 / k.rate, end);
        }
        double operator()(const explicit_source& k) const {
            double n = 0;
            for (const auto& c: k.times) n = std::max(n, static_cast<double>(c.size()));
            return n;
        }
        double operator()(const pairing_source& k) const { return k.n_pairs; }
        double operator()(const theta_burst_source& k) const {
            return static_cast<double>(k.n_bursts) * static_cast<double>(k.pulses);
        }
        double operator()(const reward_source& k) const {  // events and their amounts
            if (!k.times.empty()) return 2.0 * static_cast<double>(k.times.size());
            const double end = std::min(duration, k.stop.value_or(duration));
            return 2.0 * std::max(0.0, (end - k.start) / dt) * std::min(1.0, k.rate * dt * 1e-3);
        }
    };
    return std::visit(visitor{duration, dt, steps_of(ex)}, s.kind);
}

double synapse_count(const experiment& ex, const projection& p) {
    const double pre = source_or_population_size(ex, p.pre);
    const double post = find_population(ex, p.post)->size;
    struct visitor {
        double pre, post;
        double operator()(const all_to_all_connector&) const { return pre * post; }
        double operator()(const one_to_one_connector&) const { return std::min(pre, post); }
        double operator()(const fixed_probability_connector& c) const { return c.p * pre * post; }
        double operator()(const fixed_total_number_connector& c) const { return static_cast<double>(c.n); }
        double operator()(const list_connector& c) const { return static_cast<double>(c.entries.size()); }
    };
    return std::visit(visitor{pre, post}, p.connectivity);
}

// The largest number of synapses the connector can make (the 32-bit index limit applies to it).
double synapse_bound(const experiment& ex, const projection& p) {
    if (const auto* c = std::get_if<fixed_probability_connector>(&p.connectivity)) {
        return c->p > 0 ? static_cast<double>(source_or_population_size(ex, p.pre)) *
                              static_cast<double>(find_population(ex, p.post)->size)
                        : 0.0;
    }
    return synapse_count(ex, p);
}

double max_delay_steps_of(const experiment& ex, const projection& p) {
    double steps = static_cast<double>(nearest_steps(p.delay, ex.simulation.dt));
    if (const auto& d = p.delay_distribution) {
        // The bound, or 6 SDs above the mean when the bound is far (or infinite).
        const double top = std::min(d->high, d->mean + 6.0 * d->sd);
        steps = std::max(steps, static_cast<double>(nearest_steps(top, ex.simulation.dt)));
    }
    if (const auto* list = std::get_if<list_connector>(&p.connectivity)) {
        for (const auto& e: list->entries)
            if (e.delay) steps = std::max(steps, static_cast<double>(nearest_steps(*e.delay, ex.simulation.dt)));
    }
    return steps;
}

double layers_weight_bytes(const std::vector<std::string>& models) {
    double b = 0;
    for (const auto& m: models) b += m == "golden-high" ? bytes_per_high_weight : bytes_per_layer_weight;
    return b;
}

}  // namespace

double plasticity_state_bytes(const projection& p, double synapses, double row_segments, int n_post,
                              const fixed::hardware_config& hw) {
    // From the rule's declared state (model/plasticity/): golden keeps each presynaptic trace and a
    // last-update step per synapse, fixed per row segment (plus its last arrival and replayed-to
    // steps); per post neuron, the history entries (a step and the postsynaptic state, with room
    // for one derived word such as triplet's gain); per projection, the modulator history.
    const plasticity::rule_info* rule = plasticity::info(p.plasticity);
    if (!rule) return 0;
    double syn = 0, pre = 0, post = 0, proj = 0;
    for (const auto& s: rule->state) {
        switch (s.who) {
        case plasticity::owner::synapse: syn += s.name == "w" ? 0 : 1; break;
        case plasticity::owner::pre_row: pre += 1; break;
        case plasticity::owner::post_neuron: post += 1; break;
        case plasticity::owner::projection: proj += 1; break;
        }
    }
    const double per_synapse = 8.0 * (syn + pre + 1);
    const double per_segment = 8.0 * pre + 16.0;
    const double per_post = (8.0 + 8.0 * (post + 1)) * static_cast<double>(hw.post_history) + 8.0 * (post + 1);
    const double per_projection = proj * 16.0 * static_cast<double>(hw.modulator_history);
    return synapses * per_synapse + row_segments * per_segment + static_cast<double>(n_post) * per_post + per_projection;
}

memory_estimate estimate_memory(const experiment& ex, const std::vector<std::string>& models) {
    memory_estimate e;
    const double steps = steps_of(ex);
    const double n_models = static_cast<double>(models.size());
    auto add = [&](std::string what, double bytes) {
        if (bytes > 0) e.items.push_back({std::move(what), bytes});
    };
    const double index_limit = static_cast<double>(std::numeric_limits<std::uint32_t>::max());

    double neurons = 0;
    for (const auto& p: ex.populations) neurons += p.size;
    add(fmt::format("{:.3g} neurons", neurons), neurons * bytes_per_neuron * n_models);

    for (const auto& s: ex.sources) {
        const double per_channel = generated_per_channel(ex, s);
        const double generated = per_channel * s.size;
        const double kept = std::min(generated, steps * s.size);  // at most one spike per step
        if (kept > index_limit) {
            e.hard_limits.push_back(fmt::format("source '{}' would emit {:.3g} spikes, more than 2^32 - 1", s.name, kept));
        }
        add(fmt::format("source '{}': {:.3g} spikes", s.name, kept),
            generated * bytes_per_generated_spike + kept * bytes_per_train_spike + steps * bytes_per_merge_step +
                s.size * bytes_per_channel);
        if (std::find(ex.record.spikes.begin(), ex.record.spikes.end(), s.name) != ex.record.spikes.end())
            add(fmt::format("recorded spikes of '{}'", s.name), kept * bytes_per_spike_event * n_models);
    }

    for (const auto& p: ex.projections) {
        const double n = synapse_count(ex, p);
        if (synapse_bound(ex, p) > index_limit) {
            e.hard_limits.push_back(fmt::format("projection '{}' may have {:.3g} synapses, more than 2^32 - 1",
                                                p.name, synapse_bound(ex, p)));
        }
        const double n_pre = source_or_population_size(ex, p.pre);
        const int n_post = find_population(ex, p.post)->size;
        const double segments = std::min(n, n_pre * (std::holds_alternative<list_connector>(p.connectivity) ? 4.0 : 1.0));
        add(fmt::format("projection '{}': {:.3g} synapses", p.name, n),
            n * (bytes_per_raw_synapse + bytes_per_table_synapse +
                 (plasticity::is_plastic(p.plasticity) ? bytes_per_column_synapse : 0) + layers_weight_bytes(models)) +
                segments * bytes_per_segment + (n_pre + n_post) * 8);
        add(fmt::format("projection '{}': delay line of {:.3g} steps", p.name, max_delay_steps_of(ex, p)),
            (max_delay_steps_of(ex, p) + 1) * bytes_per_delay_slot * n_models);
        add(fmt::format("projection '{}': plasticity state", p.name),
            plasticity_state_bytes(p, n, segments, n_post, ex.hardware) * n_models);
    }

    for (const auto& r: ex.record.state) {
        const double count = r.neurons.empty() ? find_population(ex, r.population)->size : static_cast<double>(r.neurons.size());
        const double samples = std::floor(steps / static_cast<double>(interval_steps(r.interval, ex.simulation.dt))) + 1;
        add(fmt::format("state of '{}': {:.3g} samples", r.population, samples * count),
            samples * count * bytes_per_state_sample * n_models);
    }
    for (const auto& r: ex.record.weights) {
        const projection* p = find_projection(ex, r.projection);
        const double snapshots =
            r.interval > 0 ? std::floor(steps / static_cast<double>(interval_steps(r.interval, ex.simulation.dt))) + 1 : 0;
        add(fmt::format("weights of '{}': {:.3g} snapshots", r.projection, snapshots),
            snapshots * synapse_count(ex, *p) * 8 * n_models);
    }
    for (const auto& m: models) {
        if (m == "core" || m == "core-rtl") add(fmt::format("{}: per-tick figures", m), steps * bytes_per_core_step);
    }

    for (const auto& i: e.items) e.total_bytes += i.bytes;
    std::sort(e.items.begin(), e.items.end(), [](const memory_item& a, const memory_item& b) { return a.bytes > b.bytes; });
    return e;
}

std::optional<double> available_memory_bytes() {
    std::optional<double> best;
    auto take = [&](double b) { best = best ? std::min(*best, b) : b; };
    {
        std::ifstream in("/proc/meminfo");
        std::string key;
        double kib = 0;
        std::string unit;
        while (in >> key >> kib >> unit) {
            if (key == "MemAvailable:") {
                take(kib * 1024.0);
                break;
            }
        }
    }
    {
        std::ifstream max_in("/sys/fs/cgroup/memory.max"), cur_in("/sys/fs/cgroup/memory.current");
        std::string max_text;
        double current = 0;
        if (max_in >> max_text && max_text != "max" && cur_in >> current) {
            try {
                take(std::max(0.0, std::stod(max_text) - current));
            }
            catch (const std::exception&) {
                // an unreadable limit is no limit we can use
            }
        }
    }
    // A cap of one's own on a shared machine (the fuzz test sets it).
    if (const char* cap = std::getenv("PLASTICORE_MEMORY_LIMIT_MB")) {
        char* end = nullptr;
        const double mb = std::strtod(cap, &end);
        if (end != cap && *end == '\0' && mb > 0) take(mb * 1024.0 * 1024.0);
    }
    rlimit lim{};
    if (::getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) take(static_cast<double>(lim.rlim_cur));
    return best;
}

std::string format_bytes(double bytes) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 6) {
        bytes /= 1024.0;
        ++u;
    }
    if (u == 0) return fmt::format("{:.0f} bytes", bytes);
    return bytes < 1e6 ? fmt::format("{:.1f} {}", bytes, units[u]) : fmt::format("{:.3g} {}", bytes, units[u]);
}

std::string describe_memory(const memory_estimate& estimate, const std::optional<double>& available) {
    std::string out = fmt::format("memory: about {} needed", format_bytes(estimate.total_bytes));
    out += available ? fmt::format(", {} available\n", format_bytes(*available)) : std::string(" (available memory unknown)\n");
    for (std::size_t i = 0; i < estimate.items.size() && i < 5; ++i)
        out += fmt::format("  {}: {}\n", estimate.items[i].what, format_bytes(estimate.items[i].bytes));
    for (const auto& h: estimate.hard_limits) out += fmt::format("  cannot run: {}\n", h);
    if (available && estimate.total_bytes > *available)
        out += "  more than available: run refuses it unless given --allow-memory\n";
    return out;
}

void check_memory(const experiment& ex, const std::vector<std::string>& models, bool allow) {
    const memory_estimate estimate = estimate_memory(ex, models);
    if (!estimate.hard_limits.empty()) {
        throw memory_limit_error(fmt::format("{}: {}", ex.source_path, estimate.hard_limits.front()));
    }
    const auto available = available_memory_bytes();
    if (allow || !available || estimate.total_bytes <= *available) return;
    std::string largest;
    for (std::size_t i = 0; i < estimate.items.size() && i < 3; ++i)
        largest += fmt::format("{}{} ({})", i ? ", " : "", estimate.items[i].what, format_bytes(estimate.items[i].bytes));
    throw memory_limit_error(fmt::format(
        "{}: the run needs about {}, more than the {} available; largest: {}. Reduce the experiment, or pass "
        "--allow-memory to run anyway",
        ex.source_path, format_bytes(estimate.total_bytes), format_bytes(*available), largest));
}

}  // namespace plasticore
