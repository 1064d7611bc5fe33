#include "fixed/simulator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "experiment/time_steps.hpp"
#include "fixed/neuron_datapath.hpp"
#include "fixed/post_history.hpp"
#include "fixed/stdp_unit.hpp"
#include "fixed/weight_scale.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {

std::int64_t every_steps(double interval_ms, double dt) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(interval_ms / dt)));
}

struct population_state {
    neuron_datapath dp;
    std::vector<std::int64_t> v, i_e, i_i, i_ext;  // raw: v_format, current_format
    std::vector<std::int32_t> refractory;
    std::vector<std::uint64_t> slot_e, slot_i;     // synaptic input slots [2^k_slot_x nA]
    std::vector<double> bias;                      // host side [nA]
    std::vector<std::uint32_t> spiked;             // this step, ascending
    int k_slot_e = 0, k_slot_i = 0;
    bool input_e = false, input_i = false;         // a slot was written this step

    population_state(const population& p, double dt, const hardware_config& h, neuron_counters& c):
        dp(p.lif, dt, h, p.name),
        v(static_cast<std::size_t>(p.size), dp.v_from_mv(p.lif.v_init)),
        i_e(static_cast<std::size_t>(p.size), 0),
        i_i(static_cast<std::size_t>(p.size), 0),
        i_ext(static_cast<std::size_t>(p.size), dp.external_current(p.lif.i_offset, c)),
        refractory(static_cast<std::size_t>(p.size), 0),
        slot_e(static_cast<std::size_t>(p.size), 0),
        slot_i(static_cast<std::size_t>(p.size), 0),
        bias(static_cast<std::size_t>(p.size), 0.0) {}
};

struct row_segment {
    std::uint32_t begin, end, delay;
};

struct projection_state {
    const synapse_table* table = nullptr;
    std::uint32_t post_population = 0;
    bool inhibitory = false;
    weight_scale scale;
    int slot_shift = 0;  // weight -> slot units: << slot_shift, or >> -slot_shift rounded half up
    std::vector<std::int64_t> weight;  // stored n-bit magnitudes
    std::vector<std::uint32_t> row_segment_start;
    std::vector<row_segment> segments;
    std::vector<std::vector<std::uint32_t>> ring;  // segment ids arriving at step n % size
    std::size_t ring_now = 0;                      // n % ring.size()
    // Plastic projections: the unit, row-segment headers and the post-spike history.
    std::optional<stdp_unit> unit;
    std::vector<std::int64_t> pre_trace;     // per segment, trace format, after its last arrival
    std::vector<std::int64_t> last_arrival;  // per segment, step, -1 = none yet
    std::optional<post_history> history;
    std::uint64_t post_history_overflow = 0;

    std::uint64_t to_slot(std::int64_t w) const {
        if (slot_shift >= 0) return static_cast<std::uint64_t>(w) << slot_shift;
        const int r = -slot_shift;
        return static_cast<std::uint64_t>((w + (std::int64_t{1} << (r - 1))) >> r);
    }
};

// Deferred potentiation: the post spikes of j with step in [from, to), each potentiating the
// working weight w with the pre trace x (its value at step `from`) decayed to the spike's step.
// Returns the number of transactions; counts a replay that lost spikes to history overflow.
std::size_t replay(stdp_unit& unit, const post_history& h, std::uint32_t j, std::int64_t& w,
                   std::int64_t x, std::int64_t from, std::int64_t to, std::uint64_t& overflow) {
    const std::size_t count = h.count(j);
    std::size_t i = count;
    while (i > 0 && h.step_at(h.slot(j, i - 1)) >= from) --i;
    if (i == 0 && h.dropped_step(j) >= from) ++overflow;
    std::size_t done = 0;
    for (; i < count; ++i) {
        const std::size_t s = h.slot(j, i);
        const std::int64_t step = h.step_at(s);
        if (step >= to) break;
        w = unit.update({w, x, step - from, stdp_kind::potentiate}).weight;
        ++done;
    }
    return done;
}

void add_to_slot(std::uint64_t& slot, std::uint64_t add, std::uint64_t slot_max, fp::overflow_mode mode,
                 fp::overflow_counter& c) {
    std::uint64_t s = slot + add;
    if (s > slot_max) {
        if (mode == fp::overflow_mode::saturate) {
            s = slot_max;
            ++c.saturations;
        }
        else {
            s &= slot_max;
            ++c.wraps;
        }
    }
    slot = s;
}

}  // namespace

run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options) {
    return run(ex, stim, net, ex.hardware, options);
}

run_result run(const experiment& ex, const stimulus& stim, const network& net, const hardware_config& hw,
               const run_options& options) {
    const auto wall_start = std::chrono::steady_clock::now();
    const double dt = ex.simulation.dt;
    const std::int64_t n_steps = step_count(ex.simulation);
    const std::size_t n_pop = ex.populations.size();
    const std::size_t n_src = ex.sources.size();
    const std::uint64_t slot_max = (std::uint64_t{1} << hw.ring_buffer_bits) - 1;

    neuron_counters ncount;
    fp::overflow_counter ring_count, weight_init_count;
    fp::xorshift32 neuron_rng(fp::stream_seed(ex.simulation.seed, hw.seed_unit));

    std::vector<population_state> pops;
    pops.reserve(n_pop);
    for (const auto& p: ex.populations) pops.emplace_back(p, dt, hw, ncount);

    auto group_of = [&](const std::string& name) -> std::size_t {
        for (std::size_t p = 0; p < n_pop; ++p) if (ex.populations[p].name == name) return p;
        for (std::size_t s = 0; s < n_src; ++s) if (ex.sources[s].name == name) return n_pop + s;
        return n_pop + n_src;
    };

    // Projections: weight scales, then the slot scale of each (population, receptor): as fine
    // as the finest incoming weight LSB, coarse enough that every largest weight fits a slot.
    std::vector<projection_state> projs(ex.projections.size());
    std::vector<std::vector<std::size_t>> outgoing(n_pop + n_src);
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        const projection& pr = ex.projections[k];
        const synapse_table& t = net.projections[k];
        projection_state& ps = projs[k];
        ps.table = &t;
        ps.post_population = static_cast<std::uint32_t>(group_of(pr.post));
        ps.inhibitory = pr.receptor == receptor_kind::inhibitory;
        double w_top = 0.0;
        for (double w: t.weight) w_top = std::max(w_top, w);
        if (const auto* stdp = std::get_if<stdp_pair_params>(&pr.plasticity)) w_top = std::max(w_top, stdp->w_max);
        ps.scale = weight_scale{hw.weight_bits, choose_weight_shift(w_top, hw.weight_bits)};
        ps.weight.reserve(t.size());
        for (double w: t.weight) ps.weight.push_back(ps.scale.quantize(w, weight_init_count));
        outgoing[group_of(pr.pre)].push_back(k);
    }
    for (std::size_t p = 0; p < n_pop; ++p) {
        for (int receptor = 0; receptor < 2; ++receptor) {
            bool any = false;
            int k_min = 0, k_max = 0;
            for (auto& ps: projs) {
                if (ps.post_population != p || int(ps.inhibitory) != receptor) continue;
                k_min = any ? std::min(k_min, ps.scale.k) : ps.scale.k;
                k_max = any ? std::max(k_max, ps.scale.k) : ps.scale.k;
                any = true;
            }
            const int k_slot = std::max(k_min, k_max - (hw.ring_buffer_bits - hw.weight_bits));
            (receptor ? pops[p].k_slot_i : pops[p].k_slot_e) = k_slot;
            for (auto& ps: projs)
                if (ps.post_population == p && int(ps.inhibitory) == receptor) ps.slot_shift = ps.scale.k - k_slot;
        }
    }
    for (std::size_t k = 0; k < projs.size(); ++k) {
        const projection& pr = ex.projections[k];
        const synapse_table& t = net.projections[k];
        projection_state& ps = projs[k];
        ps.row_segment_start.assign(static_cast<std::size_t>(t.n_pre) + 1, 0);
        for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(t.n_pre); ++i) {
            ps.row_segment_start[i] = static_cast<std::uint32_t>(ps.segments.size());
            for (std::uint32_t s = t.row_start[i]; s < t.row_start[i + 1];) {
                std::uint32_t e = s;
                while (e < t.row_start[i + 1] && t.delay[e] == t.delay[s]) ++e;
                ps.segments.push_back({s, e, t.delay[s]});
                s = e;
            }
        }
        ps.row_segment_start[static_cast<std::size_t>(t.n_pre)] = static_cast<std::uint32_t>(ps.segments.size());
        ps.ring.resize(t.max_delay + 1);
        if (const auto* stdp = std::get_if<stdp_pair_params>(&pr.plasticity)) {
            try {
                ps.unit.emplace(*stdp, ps.scale, dt, hw,
                                fp::stream_seed(ex.simulation.seed, hw.seed_unit + 1 + static_cast<std::uint32_t>(k)));
            }
            catch (const std::invalid_argument& err) {
                throw std::invalid_argument("projection '" + pr.name + "': " + err.what());
            }
            ps.pre_trace.assign(ps.segments.size(), 0);
            ps.last_arrival.assign(ps.segments.size(), -1);
            ps.history.emplace(static_cast<std::size_t>(t.n_post), hw.post_history);
        }
    }

    run_result res;
    res.model = "fixed";
    res.precision = describe(hw);
    res.dt = dt;
    res.steps = n_steps;
    res.seed = ex.simulation.seed;
    std::vector<int> recorded_as(n_pop + n_src, -1);
    for (const auto& name: ex.record.spikes) {
        recorded_as[group_of(name)] = static_cast<int>(res.spike_groups.size());
        res.spike_groups.push_back(name);
    }
    std::vector<std::uint64_t> spike_count(n_pop + n_src, 0);

    std::vector<std::int64_t> bias_changes;
    for (const auto& st: ex.stimulations) {
        bias_changes.push_back(time_to_step(st.start, dt));
        if (st.stop) bias_changes.push_back(time_to_step(*st.stop, dt));
    }
    std::sort(bias_changes.begin(), bias_changes.end());
    bias_changes.erase(std::unique(bias_changes.begin(), bias_changes.end()), bias_changes.end());
    std::size_t next_bias_change = 0;
    auto apply_bias = [&](std::int64_t n) {  // host: the external current of every neuron
        for (auto& ps: pops) std::fill(ps.bias.begin(), ps.bias.end(), 0.0);
        for (const auto& st: ex.stimulations) {
            if (n < time_to_step(st.start, dt) || (st.stop && n >= time_to_step(*st.stop, dt))) continue;
            auto& ps = pops[group_of(st.population)];
            if (st.neurons.empty()) for (auto& b: ps.bias) b += st.amplitude;
            else for (int k: st.neurons) ps.bias[static_cast<std::size_t>(k)] += st.amplitude;
        }
        for (std::size_t p = 0; p < n_pop; ++p) {
            auto& ps = pops[p];
            for (std::size_t k = 0; k < ps.bias.size(); ++k)
                ps.i_ext[k] = ps.dp.external_current(ex.populations[p].lif.i_offset + ps.bias[k], ncount);
        }
    };

    // Weights [nA] as if every pending post spike before step n were replayed now, computed on
    // a scratch copy of the unit: the run's weights, streams and counters are untouched.
    auto weights_na = [&](projection_state& ps, std::int64_t n) {
        std::vector<double> out(ps.weight.size());
        if (!ps.unit) {
            for (std::size_t s = 0; s < out.size(); ++s) out[s] = ps.scale.to_na(ps.weight[s]);
            return out;
        }
        stdp_unit scratch = *ps.unit;
        std::uint64_t ignored = 0;
        for (std::size_t g = 0; g < ps.segments.size(); ++g) {
            for (std::uint32_t s = ps.segments[g].begin; s < ps.segments[g].end; ++s) {
                std::int64_t w = scratch.load(ps.weight[s]);
                std::int64_t stored = ps.weight[s];
                if (ps.last_arrival[g] >= 0 &&
                    replay(scratch, *ps.history, ps.table->post[s], w, ps.pre_trace[g], ps.last_arrival[g], n, ignored) > 0)
                    stored = scratch.write_back(w);
                out[s] = ps.scale.to_na(stored);
            }
        }
        return out;
    };

    std::vector<std::int64_t> state_every, weight_every;
    for (const auto& rec: ex.record.state) state_every.push_back(every_steps(rec.interval, dt));
    for (const auto& rec: ex.record.weights) weight_every.push_back(rec.interval > 0.0 ? every_steps(rec.interval, dt) : 0);
    std::vector<std::size_t> source_cursor(n_src, 0);
    const std::int64_t progress_every = std::max<std::int64_t>(1, n_steps / 200);

    for (std::int64_t n = 0; n < n_steps; ++n) {
        // 0: record the state at the start of the step.
        for (std::size_t q = 0; q < ex.record.state.size(); ++q) {
            const auto& rec = ex.record.state[q];
            if (n % state_every[q] != 0) continue;
            const std::size_t p = group_of(rec.population);
            const auto& ps = pops[p];
            auto sample = [&](std::size_t k) {
                res.state.push_back({n, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(k),
                                     ps.dp.v_to_mv(ps.v[k]), ps.dp.i_to_na(ps.i_e[k]), ps.dp.i_to_na(ps.i_i[k])});
            };
            if (rec.neurons.empty()) for (std::size_t k = 0; k < ps.v.size(); ++k) sample(k);
            else for (int k: rec.neurons) sample(static_cast<std::size_t>(k));
        }
        for (std::size_t q = 0; q < ex.record.weights.size(); ++q) {
            const auto& rec = ex.record.weights[q];
            if (weight_every[q] == 0 || n % weight_every[q] != 0) continue;
            for (std::size_t k = 0; k < ex.projections.size(); ++k) {
                if (ex.projections[k].name != rec.projection) continue;
                res.snapshots.push_back({n, static_cast<std::uint32_t>(k), weights_na(projs[k], n)});
            }
        }
        if (next_bias_change < bias_changes.size() && bias_changes[next_bias_change] == n) {
            apply_bias(n);
            ++next_bias_change;
        }

        // 1-2: the neuron-update unit, populations in order, neurons ascending.
        for (auto& ps: pops) {
            ps.spiked.clear();
            const std::size_t size = ps.v.size();
            for (std::size_t k = 0; k < size; ++k) {
                if (ps.dp.step(ps.v[k], ps.i_e[k], ps.i_i[k], ps.refractory[k], ps.i_ext[k], ncount, &neuron_rng))
                    ps.spiked.push_back(static_cast<std::uint32_t>(k));
            }
        }

        // 3: spikes enter the delay lines.
        auto enqueue = [&](projection_state& ps, std::uint32_t pre) {
            for (std::uint32_t g = ps.row_segment_start[pre]; g < ps.row_segment_start[pre + 1]; ++g) {
                std::size_t slot = ps.ring_now + ps.segments[g].delay;  // delay < ring size
                if (slot >= ps.ring.size()) slot -= ps.ring.size();
                ps.ring[slot].push_back(g);
            }
        };
        for (std::size_t p = 0; p < n_pop; ++p) {
            spike_count[p] += pops[p].spiked.size();
            for (std::size_t k: outgoing[p])
                for (std::uint32_t j: pops[p].spiked) enqueue(projs[k], j);
        }
        for (std::size_t s = 0; s < n_src; ++s) {
            const auto& train = stim.sources[s];
            std::size_t& c = source_cursor[s];
            for (; c < train.steps.size() && train.steps[c] == n; ++c) {
                ++spike_count[n_pop + s];
                for (std::size_t k: outgoing[n_pop + s]) enqueue(projs[k], train.channels[c]);
            }
        }

        // 4: arrivals. Plastic rows: replay, transmit, depress, write back; then the pre trace.
        for (auto& pr: projs) {
            auto& arrivals = pr.ring[pr.ring_now];
            if (arrivals.empty()) continue;
            auto& post = pops[pr.post_population];
            auto& slots = pr.inhibitory ? post.slot_i : post.slot_e;
            (pr.inhibitory ? post.input_i : post.input_e) = true;
            const std::uint32_t* post_of = pr.table->post.data();
            if (!pr.unit) {
                for (std::uint32_t g: arrivals)
                    for (std::uint32_t s = pr.segments[g].begin; s < pr.segments[g].end; ++s)
                        add_to_slot(slots[post_of[s]], pr.to_slot(pr.weight[s]), slot_max, hw.ring_buffer_overflow, ring_count);
            }
            else {
                stdp_unit& unit = *pr.unit;
                const post_history& hist = *pr.history;
                for (std::uint32_t g: arrivals) {
                    const std::int64_t last = pr.last_arrival[g];
                    const std::int64_t x_pre = pr.pre_trace[g];
                    for (std::uint32_t s = pr.segments[g].begin; s < pr.segments[g].end; ++s) {
                        const std::uint32_t j = post_of[s];
                        std::int64_t w = unit.load(pr.weight[s]);
                        std::size_t updates = 0;
                        if (last >= 0) updates = replay(unit, hist, j, w, x_pre, last, n, pr.post_history_overflow);
                        add_to_slot(slots[j], pr.to_slot(unit.transmitted(w)), slot_max, hw.ring_buffer_overflow, ring_count);
                        if (hist.has_spiked(j)) {
                            w = unit.update({w, hist.last_trace(j), n - hist.last_step(j), stdp_kind::depress}).weight;
                            ++updates;
                        }
                        if (updates > 0) pr.weight[s] = unit.write_back(w);
                    }
                    pr.pre_trace[g] = unit.pre_trace_after_arrival(x_pre, last >= 0 ? n - last : 0);
                    pr.last_arrival[g] = n;
                }
            }
            arrivals.clear();
        }
        // End of the synapse phase: input slots into the currents.
        for (auto& ps: pops) {
            for (int receptor = 0; receptor < 2; ++receptor) {
                bool& flag = receptor ? ps.input_i : ps.input_e;
                if (!flag) continue;
                flag = false;
                auto& slots = receptor ? ps.slot_i : ps.slot_e;
                auto& current = receptor ? ps.i_i : ps.i_e;
                auto& counter = receptor ? ncount.i_i : ncount.i_e;
                const int k_slot = receptor ? ps.k_slot_i : ps.k_slot_e;
                for (std::size_t k = 0; k < slots.size(); ++k) {
                    if (slots[k] == 0) continue;
                    ps.dp.add_input(current[k], slots[k], k_slot, counter, &neuron_rng);
                    slots[k] = 0;
                }
            }
        }

        // 5: postsynaptic spikes update the post trace and enter the history.
        for (auto& pr: projs) {
            if (!pr.unit) continue;
            for (std::uint32_t j: pops[pr.post_population].spiked) {
                post_history& hist = *pr.history;
                const std::int64_t x = hist.has_spiked(j)
                                           ? pr.unit->post_trace_after_spike(hist.last_trace(j), n - hist.last_step(j))
                                           : pr.unit->post_trace_after_spike(0, 0);
                hist.push(j, n, x);
            }
        }
        // 6: reset.
        for (auto& ps: pops)
            for (std::uint32_t k: ps.spiked) ps.dp.reset(ps.v[k], ps.refractory[k]);

        for (std::size_t p = 0; p < n_pop; ++p) {
            if (recorded_as[p] < 0) continue;
            for (std::uint32_t j: pops[p].spiked)
                res.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as[p]), j});
        }
        for (std::size_t s = 0; s < n_src; ++s) {
            if (recorded_as[n_pop + s] < 0) continue;
            const auto& train = stim.sources[s];
            std::size_t first = source_cursor[s];
            while (first > 0 && train.steps[first - 1] == n) --first;
            for (std::size_t c = first; c < source_cursor[s]; ++c)
                res.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as[n_pop + s]), train.channels[c]});
        }
        for (auto& pr: projs) pr.ring_now = pr.ring_now + 1 == pr.ring.size() ? 0 : pr.ring_now + 1;
        if (options.progress && (n + 1) % progress_every == 0) options.progress(n + 1, n_steps);
    }

    // Flush: replay every synapse's pending post spikes so the final weights include them.
    for (auto& pr: projs) {
        if (!pr.unit) continue;
        for (std::size_t g = 0; g < pr.segments.size(); ++g) {
            if (pr.last_arrival[g] < 0) continue;
            for (std::uint32_t s = pr.segments[g].begin; s < pr.segments[g].end; ++s) {
                std::int64_t w = pr.unit->load(pr.weight[s]);
                if (replay(*pr.unit, *pr.history, pr.table->post[s], w, pr.pre_trace[g], pr.last_arrival[g],
                           n_steps, pr.post_history_overflow) > 0)
                    pr.weight[s] = pr.unit->write_back(w);
            }
        }
    }

    std::sort(res.spikes.begin(), res.spikes.end(), [](const spike_event& a, const spike_event& b) {
        if (a.step != b.step) return a.step < b.step;
        if (a.group != b.group) return a.group < b.group;
        return a.neuron < b.neuron;
    });
    for (std::size_t p = 0; p < n_pop; ++p)
        res.counts.push_back({ex.populations[p].name, true, ex.populations[p].size, spike_count[p]});
    for (std::size_t s = 0; s < n_src; ++s)
        res.counts.push_back({ex.sources[s].name, false, ex.sources[s].size, spike_count[n_pop + s]});
    for (auto& pr: projs) {
        std::vector<double> w(pr.weight.size());
        for (std::size_t s = 0; s < w.size(); ++s) w[s] = pr.scale.to_na(pr.weight[s]);
        res.final_weights.push_back(std::move(w));
    }

    auto& c = res.counters;
    auto put = [&](const std::string& name, const fp::overflow_counter& oc) {
        c[name + "_saturations"] += oc.saturations;
        c[name + "_wraps"] += oc.wraps;
    };
    put("v", ncount.v);
    put("i_e", ncount.i_e);
    put("i_i", ncount.i_i);
    put("i_ext", ncount.i_ext);
    put("ring_buffer", ring_count);
    c["weight_init_saturations"] = weight_init_count.saturations;
    c["weight_clip_max"] = 0;
    c["weight_clip_min"] = 0;
    c["weight_update_saturations"] = 0;
    c["pre_trace_saturations"] = 0;
    c["pre_trace_wraps"] = 0;
    c["post_trace_saturations"] = 0;
    c["post_trace_wraps"] = 0;
    c["post_history_overflow"] = 0;
    for (const auto& pr: projs) {
        if (!pr.unit) continue;
        const stdp_counters& sc = pr.unit->counters();
        c["weight_clip_max"] += sc.weight_clip_max;
        c["weight_clip_min"] += sc.weight_clip_min;
        c["weight_update_saturations"] += sc.weight_update.saturations;
        put("pre_trace", sc.pre_trace);
        put("post_trace", sc.post_trace);
        c["post_history_overflow"] += pr.post_history_overflow;
    }
    std::uint64_t merged = 0;
    for (const auto& t: stim.sources) merged += t.merged_in_step;
    c["stimulus_spikes_merged_in_step"] = merged;
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return res;
}

}  // namespace plasticore::fixed
