#include "golden/simulator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "experiment/time_steps.hpp"
#include "math/flush_subnormals.hpp"
#include "math/lif_propagator.hpp"
#include "math/oscillation.hpp"
#include "golden/plasticity/plasticity_rule.hpp"
#include "math/scalar.hpp"
#include "random/poisson_counts.hpp"
#include "results/recording_plan.hpp"
#include "schedule/projection_team.hpp"
#include "schedule/step_schedule.hpp"

namespace plasticore::golden {

namespace {

template <typename Real>
struct population_state {
    math::lif_propagator<Real> prop;
    Real v_rest, v_reset, v_thresh, i_offset;
    int refractory_period = 0;  // [steps]
    std::vector<Real> v, i_e, i_i, bias;
    std::vector<int> refractory_left;
    std::vector<std::uint32_t> spiked;  // this step, ascending
    // Adaptive LIF (docs/semantics.md, "Adaptive LIF"); w and theta are empty for plain LIF.
    bool adaptive = false, intrinsic = false;
    Real adapt_b, theta_jump;
    std::vector<Real> w, theta;  // adaptation current [nA], threshold offset [mV]
    std::vector<Real> rate, theta_ip;  // intrinsic plasticity: rate trace [Hz], threshold offset [mV]
    // Poisson background (docs/semantics.md, "Poisson background"); none: nothing drawn.
    std::optional<random::poisson_counts> background;
    Real background_weight = Real(0);              // [nA] per background spike
    std::vector<std::uint64_t> background_state;   // per neuron: its counter-based stream

    population_state(const population& p, double dt, std::uint64_t seed):
        prop(math::make_lif_propagator<Real>(p.lif, dt)),
        v_rest(p.lif.v_rest), v_reset(p.lif.v_reset), v_thresh(p.lif.v_thresh), i_offset(p.lif.i_offset),
        refractory_period(refractory_steps(p.lif.t_ref, dt)),
        v(static_cast<std::size_t>(p.size), Real(p.lif.v_init)),
        i_e(static_cast<std::size_t>(p.size), Real(0)),
        i_i(static_cast<std::size_t>(p.size), Real(0)),
        bias(static_cast<std::size_t>(p.size), Real(0)),
        refractory_left(static_cast<std::size_t>(p.size), 0),
        adaptive(p.lif.adaptive()),
        intrinsic(p.lif.intrinsic()),
        adapt_b(p.lif.adapt_b),
        theta_jump(p.lif.theta_jump) {
        if (adaptive) {
            w.assign(static_cast<std::size_t>(p.size), Real(0));
            theta.assign(static_cast<std::size_t>(p.size), Real(0));
        }
        if (intrinsic) {
            rate.assign(static_cast<std::size_t>(p.size), Real(0));
            theta_ip.assign(static_cast<std::size_t>(p.size), Real(0));
        }
        if (p.background) {
            background.emplace(seed, p.name, p.background->rate_hz * dt * 1e-3);
            background_weight = Real(p.background->weight_na);
            background_state.resize(static_cast<std::size_t>(p.size));
            for (std::size_t k = 0; k < background_state.size(); ++k)
                background_state[k] = background->neuron_state(static_cast<std::uint32_t>(k));
        }
    }

    // End of step 4: the background spikes of step n into the excitatory currents, k w each.
    void add_background(std::int64_t n) {
        if (!background) return;
        for (std::size_t k = 0; k < background_state.size(); ++k)
            if (const std::uint32_t c = background->count_at(background_state[k], n)) i_e[k] += Real(c) * background_weight;
    }

    // Steps 1 and 2 of docs/semantics.md: exact integration over the step, then threshold.
    void integrate_and_threshold() {
        spiked.clear();
        const std::size_t n = v.size();
        if (adaptive) {
            integrate_adaptive();
            return;
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (refractory_left[k] > 0) {
                --refractory_left[k];  // membrane clamped; currents keep decaying below
            }
            else {
                v[k] = v_rest + prop.p22 * (v[k] - v_rest) + prop.p20 * (i_offset + bias[k]) +
                       prop.p21e * i_e[k] - prop.p21i * i_i[k];
                if (v[k] >= v_thresh) spiked.push_back(static_cast<std::uint32_t>(k));
            }
            i_e[k] *= prop.pe;
            i_i[k] *= prop.pi;
        }
    }

    // The adaptive neuron: w enters the membrane like I_i; w and theta decay over the step
    // (also while clamped), and the threshold compares v(t_{n+1}) with v_thresh + theta(t_{n+1}).
    void integrate_adaptive() {
        const std::size_t n = v.size();
        for (std::size_t k = 0; k < n; ++k) {
            const bool integrated = refractory_left[k] == 0;
            if (!integrated) {
                --refractory_left[k];
            }
            else {
                v[k] = v_rest + prop.p22 * (v[k] - v_rest) + prop.p20 * (i_offset + bias[k]) +
                       prop.p21e * i_e[k] - prop.p21i * i_i[k] - prop.p21w * w[k];
            }
            i_e[k] *= prop.pe;
            i_i[k] *= prop.pi;
            w[k] *= prop.pw;
            theta[k] *= prop.ptheta;
            Real threshold = v_thresh + theta[k];
            if (intrinsic) {
                theta_ip[k] += prop.ga * rate[k] - prop.dip;  // exact: a decays over the step
                rate[k] *= prop.pa;
                threshold += theta_ip[k];
            }
            if (integrated && v[k] >= threshold) spiked.push_back(static_cast<std::uint32_t>(k));
        }
    }

    void reset() {
        for (std::uint32_t k: spiked) {
            v[k] = v_reset;
            refractory_left[k] = refractory_period;
        }
        if (!adaptive) return;
        for (std::uint32_t k: spiked) {
            w[k] += adapt_b;
            theta[k] += theta_jump;
        }
        if (intrinsic)
            for (std::uint32_t k: spiked) rate[k] += prop.a_jump;
    }
};

template <typename Real>
struct projection_state {
    const synapse_table* table = nullptr;
    std::uint32_t post_population = 0;
    bool inhibitory = false;
    bool transmit_after_update = false;  // projection::transmit (docs/semantics.md, step 4)
    bool moves_between_events = false;   // the rule's weights change between its events (before_transmission)
    std::int64_t period = 0;             // a periodic rule's period [steps]; 0: none
    // A rule's weights are its own copy; static synapses in double precision transmit the
    // network's weights without one (`weight` empty; docs/network.md, "Storage").
    std::vector<Real> weight;
    const Real* transmitted = nullptr;  // weight.data() or the network's weights
    std::size_t synapses = 0;
    std::unique_ptr<plasticity_rule<Real>> rule;
    // Delay line: ring[n % ring.size()] holds the row segments arriving at step n; `now` is
    // that slot for the current step (kept incrementally: no division per spike).
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> ring;
    std::size_t now = 0;

    void enqueue(std::uint32_t pre) {
        for (std::uint32_t g = table->row_segment_start[pre]; g < table->row_segment_start[pre + 1]; ++g) {
            const auto& seg = table->segments[g];
            std::size_t slot = now + seg.delay;  // delay < ring.size()
            if (slot >= ring.size()) slot -= ring.size();
            ring[slot].emplace_back(seg.begin, seg.end);
        }
    }
    void advance() {
        if (++now == ring.size()) now = 0;
    }
};

template <typename Real>
projection_state<Real> make_projection_state(const experiment& ex, std::size_t index,
                                             const synapse_table& t) {
    const projection& pr = ex.projections[index];
    projection_state<Real> ps;
    ps.table = &t;
    for (std::size_t p = 0; p < ex.populations.size(); ++p)
        if (ex.populations[p].name == pr.post) ps.post_population = static_cast<std::uint32_t>(p);
    ps.inhibitory = pr.receptor == receptor_kind::inhibitory;
    ps.rule = make_rule<Real>(pr, t, ex.simulation.dt);
    ps.synapses = t.size();
    if constexpr (std::is_same_v<Real, double>) {
        if (!ps.rule) ps.transmitted = t.weight.data();
    }
    if (!ps.transmitted) {
        ps.weight.reserve(t.size());
        for (double w: t.weight) ps.weight.emplace_back(w);
        ps.transmitted = ps.weight.data();
    }
    ps.transmit_after_update = ps.rule && pr.transmit == transmit_order::after_update;
    ps.moves_between_events = ps.rule && ps.rule->moves_between_events();
    ps.period = ps.rule ? ps.rule->period_steps() : 0;
    ps.ring.resize(t.max_delay + 1);
    return ps;
}

// The weights of a projection as they are at t_step [nA].
template <typename Real>
std::vector<double> weights_of(const projection_state<Real>& pr, std::int64_t step) {
    std::vector<double> out;
    out.reserve(pr.synapses);
    if (!pr.rule) {
        for (std::size_t s = 0; s < pr.synapses; ++s) out.push_back(to_double(pr.transmitted[s]));
        return out;
    }
    std::vector<Real> w(pr.weight.size());
    pr.rule->weights_at(step, pr.weight.data(), w.data(), w.size());
    for (const auto& v: w) out.push_back(to_double(v));
    return out;
}

}  // namespace

template <typename Real>
run_result run(const experiment& ex, const stimulus& stim, const network& net,
               const run_options& options) {
    // Decayed currents become exact zeros, not subnormals (only double: 50-digit arithmetic is
    // software and has no subnormal penalty).
    std::optional<math::flush_subnormals_guard> flush;
    if constexpr (std::is_same_v<Real, double>) flush.emplace();
    const auto wall_start = std::chrono::steady_clock::now();
    const double dt = ex.simulation.dt;
    const std::int64_t n_steps = step_count(ex.simulation);
    const std::size_t n_pop = ex.populations.size();
    const std::size_t n_src = ex.sources.size();

    std::vector<population_state<Real>> pops;
    pops.reserve(n_pop);
    for (const auto& p: ex.populations) pops.emplace_back(p, dt, ex.simulation.seed);
    for (std::size_t p = 0; p < pops.size() && p < net.initial_v.size(); ++p)
        for (std::size_t k = 0; k < net.initial_v[p].size(); ++k) pops[p].v[k] = Real(net.initial_v[p][k]);

    // Groups are populations [0, n_pop) then sources [n_pop, n_pop + n_src).
    auto group_of = [&](const std::string& name) -> std::size_t {
        for (std::size_t p = 0; p < n_pop; ++p) if (ex.populations[p].name == name) return p;
        for (std::size_t s = 0; s < n_src; ++s) if (ex.sources[s].name == name) return n_pop + s;
        return n_pop + n_src;
    };
    std::vector<projection_state<Real>> projs;
    std::vector<std::vector<std::size_t>> outgoing(n_pop + n_src);
    projs.reserve(ex.projections.size());
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        projs.push_back(make_projection_state<Real>(ex, k, net.projections[k]));
        outgoing[group_of(ex.projections[k].pre)].push_back(k);
    }
    // Delivery on several threads only without rules: a rule's events are not shared out.
    std::vector<std::uint32_t> post_population_of;
    std::vector<std::size_t> synapses_of;
    for (const auto& pr: projs) {
        post_population_of.push_back(pr.post_population);
        synapses_of.push_back(pr.synapses);
    }
    const bool any_rule = std::any_of(projs.begin(), projs.end(), [](const auto& pr) { return pr.rule != nullptr; });
    schedule::projection_team team(any_rule ? 1u : options.threads, post_population_of, synapses_of);

    run_result res;
    res.model = "golden";
    res.dt = dt;
    res.steps = n_steps;
    res.seed = ex.simulation.seed;
    std::vector<int> recorded_as(n_pop + n_src, -1);  // group -> index in spike_groups
    for (const auto& name: ex.record.spikes) {
        recorded_as[group_of(name)] = static_cast<int>(res.spike_groups.size());
        res.spike_groups.push_back(name);
    }
    std::vector<std::uint64_t> spike_count(n_pop + n_src, 0);

    // Stimulation: the bias of a neuron changes at the start or stop step of a block, and in
    // every step while an oscillating block is active.
    std::vector<std::int64_t> bias_changes;
    std::vector<std::pair<std::int64_t, std::int64_t>> oscillating;  // [first, end) steps
    for (const auto& st: ex.stimulations) {
        bias_changes.push_back(time_to_step(st.start, dt));
        if (st.stop) bias_changes.push_back(time_to_step(*st.stop, dt));
        if (st.oscillating())
            oscillating.emplace_back(time_to_step(st.start, dt), st.stop ? time_to_step(*st.stop, dt) : n_steps);
    }
    std::sort(bias_changes.begin(), bias_changes.end());
    bias_changes.erase(std::unique(bias_changes.begin(), bias_changes.end()), bias_changes.end());
    std::size_t next_bias_change = 0;
    auto oscillating_in = [&](std::int64_t n) {
        for (const auto& [first, end]: oscillating) if (n >= first && n < end) return true;
        return false;
    };
    auto apply_bias = [&](std::int64_t n) {  // the sum of the active blocks, in file order
        for (auto& ps: pops) std::fill(ps.bias.begin(), ps.bias.end(), Real(0));
        for (const auto& st: ex.stimulations) {
            const std::int64_t first = time_to_step(st.start, dt);
            if (n < first || (st.stop && n >= time_to_step(*st.stop, dt))) continue;
            auto& ps = pops[group_of(st.population)];
            const Real amp = st.oscillating()
                                 ? math::oscillation<Real>(st.amplitude, *st.frequency, st.phase, dt, n - first)
                                 : Real(st.amplitude);
            if (st.neurons.empty()) for (auto& b: ps.bias) b += amp;
            else for (int k: st.neurons) ps.bias[static_cast<std::size_t>(k)] += amp;
        }
    };

    const recording_plan plan = make_recording_plan(ex);
    std::vector<std::size_t> source_cursor(n_src, 0);
    const std::int64_t progress_every = std::max<std::int64_t>(1, n_steps / 200);

    // Modulator events: for each source, the projections whose rule listens to it.
    std::vector<std::vector<std::size_t>> modulated(n_src);
    for (std::size_t k = 0; k < ex.projections.size(); ++k)
        if (auto name = plasticity::modulator_source(ex.projections[k].plasticity))
            modulated[group_of(*name) - n_pop].push_back(k);
    std::vector<std::size_t> first_of_step(n_src, 0);  // this step's first spike of each source
    const bool any_modulated = std::any_of(modulated.begin(), modulated.end(), [](const auto& m) { return !m.empty(); });

    for (std::int64_t n = 0; n < n_steps; ++n) {
        schedule::run_step([&](auto phase_c) {
            constexpr schedule::phase phase = decltype(phase_c)::value;  // a switch on a constant
            switch (phase) {
            case schedule::phase::begin_step:
                // Recording sees the state at the start of the step.
                for (const auto& probe: plan.state) {
                    if (n % probe.every != 0) continue;
                    const auto& ps = pops[probe.population];
                    for (std::uint32_t k: probe.neurons)
                        res.state.push_back({n, probe.population, k, to_double(ps.v[k]), to_double(ps.i_e[k]), to_double(ps.i_i[k])});
                }
                for (const auto& probe: plan.weights) {
                    if (n % probe.every == 0)
                        res.snapshots.push_back({n, probe.projection, weights_of(projs[probe.projection], n)});
                }
                if (next_bias_change < bias_changes.size() && bias_changes[next_bias_change] == n) {
                    apply_bias(n);
                    ++next_bias_change;
                }
                else if (!oscillating.empty() && oscillating_in(n)) {
                    apply_bias(n);
                }
                break;
            case schedule::phase::neuron_update:
                for (auto& ps: pops) ps.integrate_and_threshold();
                break;
            case schedule::phase::spike_dispatch:
                for (std::size_t p = 0; p < n_pop; ++p) {
                    spike_count[p] += pops[p].spiked.size();
                    for (std::size_t k: outgoing[p])
                        for (std::uint32_t j: pops[p].spiked) projs[k].enqueue(j);
                }
                for (std::size_t s = 0; s < n_src; ++s) {
                    const auto& train = stim.sources[s];
                    std::size_t& c = source_cursor[s];
                    first_of_step[s] = c;
                    for (; c < train.steps.size() && train.steps[c] == n; ++c) {
                        ++spike_count[n_pop + s];
                        for (std::size_t k: outgoing[n_pop + s]) projs[k].enqueue(train.channels[c]);
                    }
                }
                break;
            case schedule::phase::arrivals:
                team.for_each([&](std::size_t k) {
                    auto& pr = projs[k];
                    auto& arrivals = pr.ring[pr.now];
                    auto& target = pr.inhibitory ? pops[pr.post_population].i_i : pops[pr.post_population].i_e;
                    for (const auto& [b, e]: arrivals) {
                        if (pr.moves_between_events) pr.rule->before_transmission(n, b, e, pr.weight.data());
                        if (pr.transmit_after_update) pr.rule->on_pre(n, b, e, pr.weight.data());
                        for (std::uint32_t syn = b; syn < e; ++syn) target[pr.table->post[syn]] += pr.transmitted[syn];
                        if (pr.rule && !pr.transmit_after_update) pr.rule->on_pre(n, b, e, pr.weight.data());
                    }
                    arrivals.clear();
                });
                break;
            case schedule::phase::input_fold:  // transmission added into the currents directly
                for (auto& ps: pops) ps.add_background(n);
                break;
            case schedule::phase::modulators:
                for (std::size_t s = 0; any_modulated && s < n_src; ++s) {
                    if (modulated[s].empty()) continue;
                    const auto& train = stim.sources[s];
                    for (std::size_t c = first_of_step[s]; c < source_cursor[s]; ++c)
                        for (std::size_t k: modulated[s])
                            projs[k].rule->on_modulator(n, train.amounts[c], projs[k].weight.data());
                }
                break;
            case schedule::phase::post_plasticity:
                // After every presynaptic event of the step.
                for (auto& pr: projs) {
                    if (!pr.rule) continue;
                    for (std::uint32_t j: pops[pr.post_population].spiked) pr.rule->on_post(n, j, pr.weight.data());
                    pr.rule->end_of_step(n, pr.weight.data());
                }
                break;
            case schedule::phase::periodic:
                // After every event of the step, at the last step of each period.
                for (auto& pr: projs)
                    if (pr.period > 0 && (n + 1) % pr.period == 0) pr.rule->periodic(n, pr.weight.data());
                break;
            case schedule::phase::end_step:
                for (auto& ps: pops) ps.reset();
                for (auto& pr: projs) pr.advance();
                for (std::size_t p = 0; p < n_pop; ++p) {
                    if (recorded_as[p] < 0) continue;
                    for (std::uint32_t j: pops[p].spiked)
                        res.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as[p]), j});
                }
                for (std::size_t s = 0; s < n_src; ++s) {
                    if (recorded_as[n_pop + s] < 0) continue;
                    const auto& train = stim.sources[s];
                    for (std::size_t c = first_of_step[s]; c < source_cursor[s]; ++c)
                        res.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as[n_pop + s]), train.channels[c]});
                }
                break;
            }
        });
        if (options.progress && (n + 1) % progress_every == 0) options.progress(n + 1, n_steps);
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
    for (auto& pr: projs) res.final_weights.push_back(weights_of(pr, n_steps));
    std::uint64_t merged = 0;
    for (const auto& t: stim.sources) merged += t.merged_in_step;
    res.counters["stimulus_spikes_merged_in_step"] = merged;
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return res;
}

template run_result run<double>(const experiment&, const stimulus&, const network&, const run_options&);
template run_result run<high_precision>(const experiment&, const stimulus&, const network&, const run_options&);

}  // namespace plasticore::golden
