#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <experiment/csv_files.hpp>
#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
// Keys every source has; each kind adds its own.
const std::vector<std::string_view> common_keys = {"name", "kind", "size"};

std::vector<std::string_view> with_common(std::vector<std::string_view> keys) {
    keys.insert(keys.begin(), common_keys.begin(), common_keys.end());
    return keys;
}

int required_size(const table_reader& r) {
    int size = r.integer("size");
    r.check(size > 0, "size", "must be > 0");
    return size;
}

// A Poisson source spikes in each step with probability rate * dt, which must be a probability.
void check_rate(const table_reader& r, std::string_view key, double rate_hz, double dt_ms) {
    r.check(rate_hz * dt_ms / 1000.0 <= 1.0, key,
            fmt::format("rate * dt is a spike probability per step and must be <= 1 (dt_ms = {}, so at most {} Hz)",
                        dt_ms, 1000.0 / dt_ms));
}

void check_start_stop(const table_reader& r, std::string_view start_key, double start,
                      const std::optional<double>& stop) {
    r.check(start >= 0, start_key, "must be >= 0");
    if (stop) r.check(*stop > start, "stop_ms", fmt::format("must be after {} ({})", start_key, start));
}

source_kind read_poisson(const table_reader& r, const experiment& e, int& size) {
    r.allow_only(with_common({"rate_hz", "start_ms", "stop_ms", "on_ms", "off_ms"}));
    size = required_size(r);
    poisson_source s;
    s.rate = r.number("rate_hz");
    r.check(s.rate >= 0, "rate_hz", "must be >= 0");
    check_rate(r, "rate_hz", s.rate, e.simulation.dt);
    s.start = r.number_or("start_ms", s.start);
    s.stop = r.optional_number("stop_ms");
    check_start_stop(r, "start_ms", s.start, s.stop);
    s.on = r.optional_number("on_ms");
    s.off = r.optional_number("off_ms");
    if (s.on) {
        r.check(*s.on > 0, "on_ms", "must be > 0");
        r.check(s.off.has_value(), "on_ms", "needs off_ms (a gated source is on for on_ms, then off for off_ms)");
    }
    if (s.off) {
        r.check(*s.off > 0, "off_ms", "must be > 0");
        r.check(s.on.has_value(), "off_ms", "needs on_ms (a gated source is on for on_ms, then off for off_ms)");
    }
    return s;
}

source_kind read_regular(const table_reader& r, const experiment&, int& size) {
    r.allow_only(with_common({"rate_hz", "phase_ms", "stop_ms"}));
    size = required_size(r);
    regular_source s;
    s.rate = r.number("rate_hz");
    r.check(s.rate > 0, "rate_hz", "must be > 0");
    s.phase = r.number_or("phase_ms", s.phase);
    s.stop = r.optional_number("stop_ms");
    check_start_stop(r, "phase_ms", s.phase, s.stop);
    return s;
}

source_kind read_explicit(const table_reader& r, const experiment&, int& size) {
    r.allow_only(with_common({"times_ms", "file"}));
    // Two times in one step are legal: the models merge them and count the merge.
    spike_time_check check = [](std::optional<double> previous, double t) -> std::string {
        if (t < 0) return "spike times must be >= 0";
        if (previous && t <= *previous) {
            return fmt::format("spike times must be ascending (previous {})", *previous);
        }
        return {};
    };
    explicit_source s;
    auto times = r.find("times_ms");
    auto file = r.find("file");
    if (times && file) r.fail("file", "give either times_ms or file, not both");
    if (file) {
        size = required_size(r);
        s.times = read_spike_csv(r.ctx(), *file, r.key("file"), size, check);
        return s;
    }
    if (!times) r.fail("times_ms", "required key is missing (or give file = \"spikes.csv\")");
    const auto& channels = to_array(r.ctx(), *times, r.key("times_ms"));
    for (std::size_t c = 0; c < channels.size(); ++c) {
        std::string channel_key = fmt::format("{}[{}]", r.key("times_ms"), c);
        const auto& list = to_array(r.ctx(), *channels.get(c), channel_key);
        std::vector<double> channel_times;
        for (std::size_t k = 0; k < list.size(); ++k) {
            std::string key = fmt::format("{}[{}]", channel_key, k);
            double t = to_number(r.ctx(), *list.get(k), key);
            std::optional<double> previous;
            if (!channel_times.empty()) previous = channel_times.back();
            auto problem = check(previous, t);
            if (!problem.empty()) fail_at(r.ctx(), *list.get(k), key, problem);
            channel_times.push_back(t);
        }
        s.times.push_back(std::move(channel_times));
    }
    r.check(!s.times.empty(), "times_ms", "needs at least one channel, e.g. [[1.0, 2.0]]");
    size = static_cast<int>(s.times.size());
    if (r.has("size")) {
        int given = r.integer("size");
        r.check(given == size, "size",
                fmt::format("does not match the {} channels of times_ms", size));
    }
    return s;
}

std::vector<double> read_dt_pairs(const table_reader& r) {
    const toml::node& node = r.required("dt_pair_ms");
    std::string key = r.key("dt_pair_ms");
    std::vector<double> values;
    if (auto list = node.as_array()) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            values.push_back(to_number(r.ctx(), *list->get(i), fmt::format("{}[{}]", key, i)));
        }
        if (values.empty()) fail_at(r.ctx(), node, key, "must not be empty");
    }
    else if (auto range = node.as_table()) {
        table_reader rr(r.ctx(), *range, key);
        rr.allow_only({"from", "to", "step"});
        double from = rr.number("from"), to = rr.number("to"), step = rr.number("step");
        rr.check(step > 0, "step", "must be > 0");
        rr.check(to >= from, "to", fmt::format("must be >= from ({})", from));
        // Inclusive range; the tolerance keeps `to` despite decimal rounding of the steps.
        double span = (to - from) / step;
        rr.check(span < 1e6, "step", "gives more than a million values");
        auto n = static_cast<int>(std::floor(span + 1e-9)) + 1;
        for (int k = 0; k < n; ++k) values.push_back(from + k * step);
    }
    else {
        values.push_back(to_number(r.ctx(), node, key));
    }
    return values;
}

source_kind read_pairing(const table_reader& r, const experiment&, int& size) {
    r.allow_only(with_common({"stream", "dt_pair_ms", "n_pairs", "frequency_hz", "start_ms",
                              "lead_ms"}));
    pairing_source s;
    s.stream = r.choice("stream", {"pre", "post"}) == 0? pairing_source::stream_kind::pre
                                                         : pairing_source::stream_kind::post;
    s.dt_pair = read_dt_pairs(r);
    size = static_cast<int>(s.dt_pair.size());
    if (r.has("size")) {
        r.check(r.integer("size") == size, "size",
                fmt::format("does not match the {} values of dt_pair_ms", size));
    }
    s.n_pairs = r.integer_or("n_pairs", s.n_pairs);
    r.check(s.n_pairs >= 1, "n_pairs", "must be >= 1");
    s.frequency = r.number_or("frequency_hz", s.frequency);
    r.check(s.frequency > 0, "frequency_hz", "must be > 0");
    s.start = r.number_or("start_ms", s.start);
    r.check(s.start >= 0, "start_ms", "must be >= 0");
    s.lead = r.number_or("lead_ms", s.lead);
    r.check(s.lead >= 0, "lead_ms", "must be >= 0");
    if (s.stream == pairing_source::stream_kind::post) {
        // Post spikes come dt_pair - lead after each pair start: none may fall before t = 0.
        double earliest = s.start + *std::min_element(s.dt_pair.begin(), s.dt_pair.end()) - s.lead;
        r.check(earliest >= 0, "start_ms",
                fmt::format("the first post spike, start_ms + min(dt_pair_ms) - lead_ms, falls at "
                            "{} ms, before the run starts: start_ms must be at least {}",
                            earliest, s.start - earliest));
    }
    return s;
}

source_kind read_theta_burst(const table_reader& r, const experiment&, int& size) {
    r.allow_only(with_common({"pulses", "intra_burst_hz", "burst_hz", "n_bursts", "start_ms"}));
    size = required_size(r);
    theta_burst_source s;
    s.pulses = r.integer_or("pulses", s.pulses);
    r.check(s.pulses >= 1, "pulses", "must be >= 1");
    s.intra_burst_frequency = r.number_or("intra_burst_hz", s.intra_burst_frequency);
    r.check(s.intra_burst_frequency > 0, "intra_burst_hz", "must be > 0");
    s.burst_frequency = r.number_or("burst_hz", s.burst_frequency);
    r.check(s.burst_frequency > 0, "burst_hz", "must be > 0");
    // A burst longer than the burst period would run into the next one.
    double burst_length = (s.pulses - 1) * 1000.0 / s.intra_burst_frequency;
    r.check(burst_length < 1000.0 / s.burst_frequency, "burst_hz",
            fmt::format("bursts overlap: {} pulses at intra_burst_hz = {} last {} ms, longer than "
                        "the burst period", s.pulses, s.intra_burst_frequency, burst_length));
    s.n_bursts = r.integer_or("n_bursts", s.n_bursts);
    r.check(s.n_bursts >= 1, "n_bursts", "must be >= 1");
    s.start = r.number_or("start_ms", s.start);
    r.check(s.start >= 0, "start_ms", "must be >= 0");
    return s;
}

// Reward events for modulated plasticity (one channel): explicit times, each with `amount` or
// its own entry of `amounts`, or Poisson at rate_hz between start_ms and stop_ms.
source_kind read_reward(const table_reader& r, const experiment& e, int& size) {
    r.allow_only(with_common({"times_ms", "amounts", "amount", "rate_hz", "start_ms", "stop_ms"}));
    size = 1;
    if (r.has("size")) r.check(r.integer("size") == 1, "size", "a reward source has one channel");
    reward_source s;
    s.amount = r.number_or("amount", s.amount);
    r.check(std::isfinite(s.amount), "amount", "must be a finite number [1/s]");
    if (auto times = r.find("times_ms")) {
        for (const char* k: {"rate_hz", "start_ms", "stop_ms"})
            r.check(!r.has(k), k, "only for Poisson rewards (without times_ms)");
        const auto& list = to_array(r.ctx(), *times, r.key("times_ms"));
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::string key = fmt::format("{}[{}]", r.key("times_ms"), k);
            const double t = to_number(r.ctx(), *list.get(k), key);
            if (t < 0) fail_at(r.ctx(), *list.get(k), key, "reward times must be >= 0");
            if (!s.times.empty() && t < s.times.back())
                fail_at(r.ctx(), *list.get(k), key, fmt::format("reward times must be ascending (previous {})", s.times.back()));
            s.times.push_back(t);
        }
        r.check(!s.times.empty(), "times_ms", "needs at least one time");
        if (auto amounts = r.find("amounts")) {
            r.check(!r.has("amount"), "amount", "give either amount or amounts, not both");
            const auto& a = to_array(r.ctx(), *amounts, r.key("amounts"));
            r.check(a.size() == s.times.size(), "amounts",
                    fmt::format("has {} values for {} times_ms", a.size(), s.times.size()));
            for (std::size_t k = 0; k < a.size(); ++k) {
                const std::string key = fmt::format("{}[{}]", r.key("amounts"), k);
                const double x = to_number(r.ctx(), *a.get(k), key);
                if (!std::isfinite(x)) fail_at(r.ctx(), *a.get(k), key, "must be a finite number [1/s]");
                s.amounts.push_back(x);
            }
        }
        return s;
    }
    r.check(!r.has("amounts"), "amounts", "only with times_ms");
    s.rate = r.number("rate_hz");
    r.check(s.rate >= 0, "rate_hz", "must be >= 0 (or give times_ms)");
    check_rate(r, "rate_hz", s.rate, e.simulation.dt);
    s.start = r.number_or("start_ms", s.start);
    s.stop = r.optional_number("stop_ms");
    check_start_stop(r, "start_ms", s.start, s.stop);
    return s;
}

using kind_reader = source_kind (*)(const table_reader&, const experiment&, int&);
struct kind_entry {
    std::string_view name;
    kind_reader read;
};
// Adding a source kind: one entry here, one reader above, one alternative in source_kind.
const kind_entry kinds[] = {
    {"poisson", read_poisson},         {"regular", read_regular},
    {"explicit", read_explicit},       {"pairing", read_pairing},
    {"theta_burst", read_theta_burst}, {"reward", read_reward},
};
}  // namespace

void parse_sources(const load_context& ctx, const toml::node& node, experiment& e) {
    auto tables = to_tables(ctx, node, "source");
    std::vector<std::string_view> kind_names;
    for (const auto& k: kinds) kind_names.push_back(k.name);
    const std::vector<std::string_view> all_keys = {
        "name", "kind", "size", "rate_hz", "start_ms", "stop_ms", "phase_ms", "times_ms", "file",
        "stream", "dt_pair_ms", "n_pairs", "frequency_hz", "lead_ms", "pulses", "intra_burst_hz",
        "burst_hz", "n_bursts", "amount", "amounts", "on_ms", "off_ms"};
    for (std::size_t i = 0; i < tables.size(); ++i) {
        table_reader r(ctx, *tables[i], fmt::format("source[{}]", i));
        // Typos first, against every kind's keys; each kind then rejects the others' keys.
        r.allow_only(all_keys);
        spike_source s;
        s.name = read_name(r);
        r.check(!is_neuron_group_name(e, s.name), "name",
                "duplicate name: a population or source is already called this");
        r.set_path(fmt::format("source '{}'", s.name));
        auto kind = r.choice("kind", kind_names);
        s.kind = kinds[kind].read(r, e, s.size);
        e.sources.push_back(std::move(s));
    }
}

}  // namespace detail
}  // namespace plasticore
