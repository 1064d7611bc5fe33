#include "stimulus/stimulus.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "random/streams.hpp"

namespace plasticore {

namespace {

// Spikes of each channel in ascending order, before merging into one train.
using channel_spikes = std::vector<std::vector<std::int64_t>>;

void add_times(std::vector<std::int64_t>& out, double t_ms, double dt, const std::string& source) {
    if (t_ms < 0.0) {
        throw std::invalid_argument("source '" + source + "': a spike falls at t = " +
                                    std::to_string(t_ms) + " ms, before the start of the run");
    }
    out.push_back(time_to_step(t_ms, dt));
}

// Bernoulli spikes with probability p in every step, drawn as geometric gaps between spikes:
// the same process as one draw per step, at a cost proportional to the number of spikes.
void poisson_channel(std::vector<std::int64_t>& out, std::mt19937_64& rng, double p,
                     std::int64_t first, std::int64_t end) {
    if (p <= 0.0) return;
    if (p >= 1.0) {
        for (std::int64_t s = first; s < end; ++s) out.push_back(s);
        return;
    }
    const double log_q = std::log1p(-p);
    std::int64_t step = first - 1;
    for (;;) {
        const double gap = std::floor(std::log1p(-random::uniform01(rng)) / log_q);
        if (gap >= static_cast<double>(end - step)) return;
        step += 1 + static_cast<std::int64_t>(gap);
        if (step >= end) return;
        out.push_back(step);
    }
}

channel_spikes channel_times(const experiment& ex, const spike_source& src, std::int64_t n_steps) {
    const double dt = ex.simulation.dt;
    const auto n = static_cast<std::size_t>(src.size);
    channel_spikes ch(n);
    std::visit(
        [&](const auto& k) {
            using kind = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<kind, poisson_source>) {
                auto rng = random::make_stream(ex.simulation.seed, "stimulus", src.name);
                const std::int64_t first = time_to_step(k.start, dt);
                const std::int64_t end = k.stop ? std::min(n_steps, time_to_step(*k.stop, dt)) : n_steps;
                const double p = k.rate * dt * 1e-3;
                if (!k.on) {
                    for (auto& c: ch) poisson_channel(c, rng, p, first, end);
                }
                else {
                    // Gated: the windows [start + i (on + off), start + i (on + off) + on), per channel.
                    for (auto& c: ch) {
                        for (std::int64_t i = 0;; ++i) {
                            const double t0 = k.start + static_cast<double>(i) * (*k.on + *k.off);
                            const std::int64_t w0 = time_to_step(t0, dt);
                            if (w0 >= end) break;
                            poisson_channel(c, rng, p, w0, std::min(end, time_to_step(t0 + *k.on, dt)));
                        }
                    }
                }
            }
            else if constexpr (std::is_same_v<kind, regular_source>) {
                if (k.rate <= 0.0) return;
                const double period = 1000.0 / k.rate;
                const double stop = k.stop ? *k.stop : ex.simulation.duration;
                for (auto& c: ch) {
                    for (std::int64_t i = 0;; ++i) {
                        const double t = k.phase + static_cast<double>(i) * period;
                        if (t >= stop || time_to_step(t, dt) >= n_steps) break;
                        add_times(c, t, dt, src.name);
                    }
                }
            }
            else if constexpr (std::is_same_v<kind, explicit_source>) {
                for (std::size_t c = 0; c < n && c < k.times.size(); ++c) {
                    for (double t: k.times[c]) add_times(ch[c], t, dt, src.name);
                }
            }
            else if constexpr (std::is_same_v<kind, pairing_source>) {
                const double period = 1000.0 / k.frequency;
                for (std::size_t c = 0; c < n; ++c) {
                    const double offset = k.stream == pairing_source::stream_kind::pre
                                              ? 0.0 : k.dt_pair[c] - k.lead;
                    for (int i = 0; i < k.n_pairs; ++i) {
                        add_times(ch[c], k.start + i * period + offset, dt, src.name);
                    }
                }
            }
            else if constexpr (std::is_same_v<kind, reward_source>) {
                // Built with their amounts by reward_train(); nothing here.
            }
            else if constexpr (std::is_same_v<kind, theta_burst_source>) {
                const double burst_period = 1000.0 / k.burst_frequency;
                const double pulse_period = 1000.0 / k.intra_burst_frequency;
                for (auto& c: ch) {
                    for (int b = 0; b < k.n_bursts; ++b) {
                        for (int p = 0; p < k.pulses; ++p) {
                            add_times(c, k.start + b * burst_period + p * pulse_period, dt, src.name);
                        }
                    }
                }
            }
        },
        src.kind);
    return ch;
}

// Merges per-channel spikes into one train ordered by (step, channel) with a counting sort
// over steps: linear in spikes plus steps, where a comparison sort of a 1.5-million-spike
// Poisson input would dominate a short run.
spike_train merge_channels(channel_spikes& ch, std::int64_t n_steps) {
    spike_train train;
    std::size_t total = 0;
    for (auto& c: ch) {
        std::sort(c.begin(), c.end());  // explicit times may come unordered across pairs
        const auto last = std::unique(c.begin(), c.end());
        train.merged_in_step += static_cast<std::uint64_t>(c.end() - last);
        c.erase(last, c.end());
        c.erase(std::remove_if(c.begin(), c.end(),
                               [&](std::int64_t s) { return s < 0 || s >= n_steps; }),
                c.end());
        total += c.size();
    }
    std::vector<std::uint32_t> start(static_cast<std::size_t>(n_steps) + 1, 0);
    for (const auto& c: ch) {
        for (std::int64_t s: c) ++start[static_cast<std::size_t>(s) + 1];
    }
    for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    train.steps.resize(total);
    train.channels.resize(total);
    for (std::size_t c = 0; c < ch.size(); ++c) {
        for (std::int64_t s: ch[c]) {
            const std::uint32_t at = start[static_cast<std::size_t>(s)]++;
            train.steps[at] = s;
            train.channels[at] = static_cast<std::uint32_t>(c);
        }
    }
    return train;
}

// The events of a reward source with their amounts, one channel; events in one step merged
// with their amounts summed.
spike_train reward_train(const experiment& ex, const spike_source& src, const reward_source& k,
                         std::int64_t n_steps) {
    const double dt = ex.simulation.dt;
    std::vector<std::pair<std::int64_t, double>> events;
    if (!k.times.empty()) {
        for (std::size_t i = 0; i < k.times.size(); ++i)
            events.emplace_back(time_to_step(k.times[i], dt), k.amounts.empty() ? k.amount : k.amounts[i]);
    }
    else {
        auto rng = random::make_stream(ex.simulation.seed, "stimulus", src.name);
        const std::int64_t first = time_to_step(k.start, dt);
        const std::int64_t end = k.stop ? std::min(n_steps, time_to_step(*k.stop, dt)) : n_steps;
        std::vector<std::int64_t> steps;
        poisson_channel(steps, rng, k.rate * dt * 1e-3, first, end);
        for (std::int64_t s: steps) events.emplace_back(s, k.amount);
    }
    spike_train train;
    for (const auto& [step, amount]: events) {
        if (step < 0 || step >= n_steps) continue;
        if (!train.steps.empty() && train.steps.back() == step) {
            train.amounts.back() += amount;
            ++train.merged_in_step;
            continue;
        }
        train.steps.push_back(step);
        train.channels.push_back(0);
        train.amounts.push_back(amount);
    }
    return train;
}

}  // namespace

stimulus generate_stimulus(const experiment& ex) {
    const std::int64_t n_steps = step_count(ex.simulation);
    if (n_steps >= std::numeric_limits<std::uint32_t>::max()) {
        throw std::invalid_argument("simulation: " + std::to_string(n_steps) +
                                    " steps exceed the 2^32 - 1 that spike trains index");
    }
    stimulus out;
    out.sources.reserve(ex.sources.size());
    for (const auto& src: ex.sources) {
        if (const auto* reward = std::get_if<reward_source>(&src.kind)) {
            out.sources.push_back(reward_train(ex, src, *reward, n_steps));
            continue;
        }
        auto ch = channel_times(ex, src, n_steps);
        out.sources.push_back(merge_channels(ch, n_steps));
    }
    return out;
}

}  // namespace plasticore
