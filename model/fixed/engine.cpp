#include "fixed/engine.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "experiment/time_steps.hpp"
#include "fixed/host_constant.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {

std::int64_t every_steps(double interval_ms, double dt) { return interval_steps(interval_ms, dt); }

}  // namespace

population_state::population_state(const population& p, double dt, const hardware_config& h, neuron_counters& c):
    dp(p.lif, dt, h, p.name),
    v(static_cast<std::size_t>(p.size), dp.v_from_mv(p.lif.v_init)),
    i_e(static_cast<std::size_t>(p.size), 0),
    i_i(static_cast<std::size_t>(p.size), 0),
    i_ext(static_cast<std::size_t>(p.size), dp.external_current(p.lif.i_offset, c)),
    i_ext_base(i_ext),
    refractory(static_cast<std::size_t>(p.size), 0),
    slot_e(static_cast<std::size_t>(p.size), 0),
    slot_i(static_cast<std::size_t>(p.size), 0),
    bias(static_cast<std::size_t>(p.size), 0.0) {
    if (dp.adaptive()) {
        w.assign(static_cast<std::size_t>(p.size), 0);
        theta.assign(static_cast<std::size_t>(p.size), 0);
    }
    if (dp.intrinsic()) {
        rate.assign(static_cast<std::size_t>(p.size), 0);
        theta_ip.assign(static_cast<std::size_t>(p.size), 0);
    }
}

double engine::assumed_rate(std::size_t group) const {
    if (group < n_pop_) return hw_.input_rate_hz;
    const std::size_t s = group - n_pop_;
    const spike_source& src = ex_.sources[s];
    if (const auto* p = std::get_if<poisson_source>(&src.kind)) return p->rate;
    if (const auto* r = std::get_if<regular_source>(&src.kind)) return r->rate;
    // Other sources: their mean rate over the run, from the generated trains.
    const double seconds = static_cast<double>(n_steps_) * dt_ * 1e-3;
    if (src.size <= 0 || seconds <= 0) return 0.0;
    return static_cast<double>(stim_.sources[s].steps.size()) / (static_cast<double>(src.size) * seconds);
}

std::vector<projection_input> engine::bank_inputs(std::size_t p, bool inhibitory, const std::vector<double>& w_top,
                                                  const network& net) const {
    std::vector<projection_input> out;
    for (std::size_t k = 0; k < projs_.size(); ++k) {
        if (projs_[k].post_population != p || projs_[k].inhibitory != inhibitory || w_top[k] <= 0) continue;
        const synapse_table& t = net.projections[k];
        projection_input in;
        in.weight_top = w_top[k];
        const double n = static_cast<double>(t.size());
        double w = 0, w2 = 0, d = 0, d2 = 0;
        for (std::size_t s = 0; s < t.size(); ++s) {
            w += t.weight[s];
            w2 += t.weight[s] * t.weight[s];
        }
        for (const row_segment& g: t.segments) {  // integer sums: exact in any order
            const double m = g.end - g.begin;
            d += m * g.delay;
            d2 += m * static_cast<double>(g.delay) * g.delay;
        }
        if (n > 0) {
            in.weight_mean = w / n;
            in.weight_var = std::max(0.0, w2 / n - in.weight_mean * in.weight_mean);
            in.delay_var = std::max(0.0, d2 / n - (d / n) * (d / n));
        }
        for (int j = 0; j < t.n_post; ++j)
            in.fan_in = std::max<std::size_t>(in.fan_in, t.column_start[j + 1] - t.column_start[j]);
        in.rate_hz = assumed_rate(group_of(ex_.projections[k].pre));
        out.push_back(in);
    }
    const auto& bg = ex_.populations[p].background;
    if (!inhibitory && bg && bg->rate_hz > 0) {
        // The background as U channels of rate R / U, U the count that a step exceeds with
        // probability below 2^-32: the Poisson bound sees its mean and variance, and the
        // all-spike bound U w is not below what a step brings but with that probability.
        const double lambda = bg->rate_hz * dt_ * 1e-3;
        long u = 1;
        while (1.0 - poisson_cdf(u, lambda) >= 0x1.0p-32) ++u;
        projection_input in;
        in.weight_mean = in.weight_top = bg->weight_na;
        in.fan_in = static_cast<std::size_t>(u);
        in.rate_hz = bg->rate_hz / static_cast<double>(u);
        out.push_back(in);
    }
    return out;
}

std::size_t engine::group_of(const std::string& name) const {
    for (std::size_t p = 0; p < n_pop_; ++p) if (ex_.populations[p].name == name) return p;
    for (std::size_t s = 0; s < n_src_; ++s) if (ex_.sources[s].name == name) return n_pop_ + s;
    return n_pop_ + n_src_;
}

engine::engine(const experiment& ex, const stimulus& stim, const network& net, const hardware_config& hw):
    ex_(ex),
    stim_(stim),
    hw_(hw),
    dt_(ex.simulation.dt),
    n_steps_(step_count(ex.simulation)),
    n_pop_(ex.populations.size()),
    n_src_(ex.sources.size()),
    slot_max_((std::uint64_t{1} << hw.ring_buffer_bits) - 1),
    neuron_rng_(fp::stream_seed(ex.simulation.seed, hw.seed_unit)) {
    const double dt = dt_;
    pops_.reserve(n_pop_);
    for (const auto& p: ex.populations) pops_.emplace_back(p, dt, hw, ncount_);
    for (std::size_t p = 0; p < n_pop_ && p < net.initial_v.size(); ++p)
        for (std::size_t k = 0; k < net.initial_v[p].size(); ++k) pops_[p].v[k] = pops_[p].dp.v_from_mv(net.initial_v[p][k]);

    // Projections: weight scales, then the slot scale of each (population, receptor): as fine
    // as the finest incoming weight LSB, coarse enough that every largest weight fits a slot.
    projs_.resize(ex.projections.size());
    outgoing_.resize(n_pop_ + n_src_);
    for (const auto& ps: pops_) res_.warnings.insert(res_.warnings.end(), ps.dp.warnings().begin(), ps.dp.warnings().end());
    std::vector<double> projs_w_top(ex.projections.size(), 0.0);  // largest weight of each projection [nA]
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        const plasticore::projection& pr = ex.projections[k];
        const synapse_table& t = net.projections[k];
        projection_state& ps = projs_[k];
        ps.table = &t;
        ps.post_population = static_cast<std::uint32_t>(group_of(pr.post));
        ps.inhibitory = pr.receptor == receptor_kind::inhibitory;
        double w_top = 0.0;
        for (double w: t.weight) w_top = std::max(w_top, w);
        if (const auto b = plasticity::bounds(pr.plasticity)) w_top = std::max(w_top, b->w_max);
        ps.scale = weight_scale{hw.weight_bits, choose_weight_shift(w_top, hw.weight_bits)};
        projs_w_top[k] = w_top;
        auto quantize_into = [&](auto& stored) {
            stored.reserve(t.size());
            for (double w: t.weight)
                stored.push_back(static_cast<typename std::decay_t<decltype(stored)>::value_type>(
                    ps.scale.quantize(w, weight_init_count_)));
        };
        if (plasticity::is_plastic(pr.plasticity)) quantize_into(ps.weight);
        else if (hw.weight_bits <= 16) quantize_into(ps.weight16);
        else quantize_into(ps.weight32);
        outgoing_[group_of(pr.pre)].push_back(k);
    }
    for (std::size_t p = 0; p < n_pop_; ++p) {
        const auto& bg = ex.populations[p].background;
        const bool background = bg && bg->rate_hz > 0;
        // The background's weight, stored as a projection's (weight_bits, its own LSB 2^k nA).
        const weight_scale bg_scale{hw.weight_bits, background ? choose_weight_shift(bg->weight_na, hw.weight_bits) : 0};
        for (int receptor = 0; receptor < 2; ++receptor) {
            std::vector<int> shifts;  // of the projections that send something (weight_scale.hpp)
            for (std::size_t k = 0; k < projs_.size(); ++k)
                if (projs_[k].post_population == p && int(projs_[k].inhibitory) == receptor && projs_w_top[k] > 0)
                    shifts.push_back(projs_[k].scale.k);
            if (receptor == 0 && background) shifts.push_back(bg_scale.k);
            const int k_slot = hw.input_shift == input_shift_rule::expected_input
                                   ? expected_input_slot_shift(
                                         expected_input_bound(bank_inputs(p, receptor == 1, projs_w_top, net), dt,
                                                              hw.input_sigma),
                                         hw.ring_buffer_bits)
                                   : choose_slot_shift(shifts, hw.ring_buffer_bits, hw.weight_bits);
            (receptor ? pops_[p].k_slot_i : pops_[p].k_slot_e) = k_slot;
            for (std::size_t k = 0; k < projs_.size(); ++k) {
                auto& ps = projs_[k];
                if (ps.post_population != p || int(ps.inhibitory) != receptor) continue;
                if (projs_w_top[k] <= 0) ps.scale.k = k_slot;
                ps.slot_shift = ps.scale.k - k_slot;
                warn_if_degenerate(projs_w_top[k], hw.current_format, constant_role::value,
                                   "projection '" + ex.projections[k].name + "': largest weight [nA]",
                                   "current_format", res_.warnings);
            }
            if (receptor == 0 && background) {
                population_state& ps = pops_[p];
                ps.background.emplace(ex.simulation.seed, ex.populations[p].name, bg->rate_hz * dt * 1e-3);
                ps.background_state.resize(ps.v.size());
                for (std::size_t j = 0; j < ps.v.size(); ++j)
                    ps.background_state[j] = ps.background->neuron_state(static_cast<std::uint32_t>(j));
                // Into slot units exactly as projection_state::to_slot moves a weight.
                const std::int64_t raw = bg_scale.quantize(bg->weight_na, weight_init_count_);
                const int shift = bg_scale.k - k_slot;
                ps.background_slot = shift >= 0 ? static_cast<std::uint64_t>(raw) << shift
                                                 : static_cast<std::uint64_t>((raw + (std::int64_t{1} << (-shift - 1))) >> -shift);
                warn_if_degenerate(bg->weight_na, hw.current_format, constant_role::value,
                                   "population '" + ex.populations[p].name + "': background_weight_na",
                                   "current_format", res_.warnings);
            }
        }
    }
    for (std::size_t k = 0; k < projs_.size(); ++k) {
        const plasticore::projection& pr = ex.projections[k];
        const synapse_table& t = net.projections[k];
        projection_state& ps = projs_[k];
        ps.ring.resize(t.max_delay + 1);
        try {
            const kernel_setup setup{t, ps.scale, dt, hw,
                                     fp::stream_seed(ex.simulation.seed, hw.seed_unit + 1 + static_cast<std::uint32_t>(k)),
                                     pr.transmit == transmit_order::after_update};
            ps.kernel = make_kernel(pr.plasticity, setup);
            std::visit(
                [&](const auto& kernel) {
                    if constexpr (!std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>)
                        for (const auto& w: kernel.unit().warnings())
                            res_.warnings.push_back("projection '" + pr.name + "': " + w);
                },
                ps.kernel);
        }
        catch (const std::invalid_argument& err) {
            throw std::invalid_argument("projection '" + pr.name + "': " + err.what());
        }
    }
    modulated_.resize(n_src_);
    for (std::size_t k = 0; k < ex.projections.size(); ++k)
        if (auto name = plasticity::modulator_source(ex.projections[k].plasticity))
            modulated_[group_of(*name) - n_pop_].push_back(k);

    res_.model = "fixed";
    res_.precision = describe(hw);
    res_.dt = dt;
    res_.steps = n_steps_;
    res_.seed = ex.simulation.seed;
    recorded_as_.assign(n_pop_ + n_src_, -1);
    for (const auto& name: ex.record.spikes) {
        recorded_as_[group_of(name)] = static_cast<int>(res_.spike_groups.size());
        res_.spike_groups.push_back(name);
    }
    spike_count_.assign(n_pop_ + n_src_, 0);

    for (std::size_t q = 0; q < ex.stimulations.size(); ++q) {
        const auto& st = ex.stimulations[q];
        bias_changes_.push_back(time_to_step(st.start, dt));
        if (st.stop) bias_changes_.push_back(time_to_step(*st.stop, dt));
        if (!st.oscillating()) continue;
        const std::int64_t first = time_to_step(st.start, dt);
        const std::int64_t end = st.stop ? time_to_step(*st.stop, dt) : n_steps_;
        // Throws std::invalid_argument naming the block if its amplitude does not fit.
        oscillators_.push_back({q, group_of(st.population), first, end,
                                sine_oscillator(st.amplitude, *st.frequency, st.phase, dt, first, hw, st.name,
                                                res_.warnings)});
    }
    if (!oscillators_.empty()) sine_table_ = make_sine_table(hw);
    std::sort(bias_changes_.begin(), bias_changes_.end());
    bias_changes_.erase(std::unique(bias_changes_.begin(), bias_changes_.end()), bias_changes_.end());

    for (const auto& rec: ex.record.state) state_every_.push_back(every_steps(rec.interval, dt));
    for (const auto& rec: ex.record.weights) weight_every_.push_back(rec.interval > 0.0 ? every_steps(rec.interval, dt) : 0);
    source_cursor_.assign(n_src_, 0);
    first_of_step_.assign(n_src_, 0);
    set_threads(1);
}

void engine::apply_bias(std::int64_t n) {  // host: the external current of every neuron
    for (auto& ps: pops_) std::fill(ps.bias.begin(), ps.bias.end(), 0.0);
    for (const auto& st: ex_.stimulations) {
        if (st.oscillating()) continue;  // the generators' part: apply_oscillators
        if (n < time_to_step(st.start, dt_) || (st.stop && n >= time_to_step(*st.stop, dt_))) continue;
        auto& ps = pops_[group_of(st.population)];
        if (st.neurons.empty()) for (auto& b: ps.bias) b += st.amplitude;
        else for (int k: st.neurons) ps.bias[static_cast<std::size_t>(k)] += st.amplitude;
    }
    for (std::size_t p = 0; p < n_pop_; ++p) {
        auto& ps = pops_[p];
        for (std::size_t k = 0; k < ps.bias.size(); ++k)
            ps.i_ext_base[k] = ps.dp.external_current(ex_.populations[p].lif.i_offset + ps.bias[k], ncount_);
        ps.i_ext = ps.i_ext_base;
    }
    if (!oscillators_.empty()) apply_oscillators(n);
}

bool engine::oscillating_in(std::int64_t n) const {
    for (const auto& o: oscillators_) if (n >= o.first && n < o.end) return true;
    return false;
}

// The generators of the active oscillating blocks, in file order, each added (exact, fitted
// by current_overflow) to the external current of its neurons.
void engine::apply_oscillators(std::int64_t n) {
    for (auto& ps: pops_) ps.i_ext = ps.i_ext_base;
    for (const auto& o: oscillators_) {
        if (n < o.first || n >= o.end) continue;
        auto& ps = pops_[o.population];
        const fp::format& cf = hw_.current_format;
        const fp::result_spec sum{cf, fp::rounding::floor, hw_.current_overflow};
        const std::int64_t i = o.generator.current_at(n, sine_table_, ncount_.i_ext, &neuron_rng_);
        auto add = [&](std::size_t k) { ps.i_ext[k] = fp::add({ps.i_ext[k], cf}, {i, cf}, sum, ncount_.i_ext).raw; };
        const auto& neurons = ex_.stimulations[o.stimulation].neurons;
        if (neurons.empty()) for (std::size_t k = 0; k < ps.i_ext.size(); ++k) add(k);
        else for (int k: neurons) add(static_cast<std::size_t>(k));
    }
}

// Weights [nA] as if every synapse were brought up to step n now (the rule's kernel does it
// on scratch copies: the run's weights, streams and counters are untouched).
std::vector<double> engine::weights_na(projection_state& ps, std::int64_t n) {
    std::vector<std::int64_t> stored(ps.synapses());
    ps.with_stored_weights([&](const auto* w) { std::copy(w, w + stored.size(), stored.begin()); });
    std::visit(
        [&](const auto& kernel) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>)
                kernel.weights_at(n, ps.weight.data(), stored.data());
        },
        ps.kernel);
    std::vector<double> out(stored.size());
    for (std::size_t s = 0; s < out.size(); ++s) out[s] = ps.scale.to_na(stored[s]);
    return out;
}

void engine::begin_step(std::int64_t n) {
    step_ = n;
    // 0: record the state at the start of the step.
    for (std::size_t q = 0; q < ex_.record.state.size(); ++q) {
        const auto& rec = ex_.record.state[q];
        if (n % state_every_[q] != 0) continue;
        const std::size_t p = group_of(rec.population);
        const auto& ps = pops_[p];
        auto sample = [&](std::size_t k) {
            res_.state.push_back({n, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(k),
                                  ps.dp.v_to_mv(ps.v[k]), ps.dp.i_to_na(ps.i_e[k]), ps.dp.i_to_na(ps.i_i[k])});
        };
        if (rec.neurons.empty()) for (std::size_t k = 0; k < ps.v.size(); ++k) sample(k);
        else for (int k: rec.neurons) sample(static_cast<std::size_t>(k));
    }
    for (std::size_t q = 0; q < ex_.record.weights.size(); ++q) {
        const auto& rec = ex_.record.weights[q];
        if (weight_every_[q] == 0 || n % weight_every_[q] != 0) continue;
        for (std::size_t k = 0; k < ex_.projections.size(); ++k) {
            if (ex_.projections[k].name != rec.projection) continue;
            res_.snapshots.push_back({n, static_cast<std::uint32_t>(k), weights_na(projs_[k], n)});
        }
    }
    if (next_bias_change_ < bias_changes_.size() && bias_changes_[next_bias_change_] == n) {
        apply_bias(n);
        ++next_bias_change_;
    }
    else if (!oscillators_.empty() && oscillating_in(n)) {
        apply_oscillators(n);
    }
}

std::size_t engine::neuron_phase() {
    // 1-2: the neuron-update unit, populations in order, neurons ascending.
    if (neuron_team_->threads() > 1) {
        neuron_team_->for_each([&](std::size_t p) { update_population(pops_[p], team_ncount_[p]); });
        std::size_t updates = 0;
        for (std::size_t p = 0; p < pops_.size(); ++p) {
            add_counters(ncount_, team_ncount_[p]);
            team_ncount_[p] = {};
            updates += pops_[p].v.size();
        }
        return updates;
    }
    std::size_t updates = 0;
    for (auto& ps: pops_) updates += update_population(ps, ncount_);
    return updates;
}

std::size_t engine::update_population(population_state& ps, neuron_counters& count) {
    {
        ps.spiked.clear();
        const std::size_t size = ps.v.size();
        // The product rounding is resolved once per population, not in every product.
        fp::detail::with_rounding(ps.dp.product_rounding(), [&](auto mode) {
            constexpr fp::rounding R = decltype(mode)::value;
            if (ps.dp.adaptive()) {
                std::int64_t none = 0;  // rate and theta_ip of a population without intrinsic plasticity
                const bool ip = ps.dp.intrinsic();
                for (std::size_t k = 0; k < size; ++k) {
                    if (ps.dp.step_adaptive_as<R>(ps.v[k], ps.i_e[k], ps.i_i[k], ps.w[k], ps.theta[k],
                                                  ip ? ps.rate[k] : none, ip ? ps.theta_ip[k] : none,
                                                  ps.refractory[k], ps.i_ext[k], count, &neuron_rng_))
                        ps.spiked.push_back(static_cast<std::uint32_t>(k));
                }
                return;
            }
            for (std::size_t k = 0; k < size; ++k) {
                if (ps.dp.step_as<R>(ps.v[k], ps.i_e[k], ps.i_i[k], ps.refractory[k], ps.i_ext[k], count,
                                     &neuron_rng_))
                    ps.spiked.push_back(static_cast<std::uint32_t>(k));
            }
        });
        return size;
    }
}

void engine::collect_spikes(std::int64_t n, std::vector<aer_event>& out) {
    for (std::size_t p = 0; p < n_pop_; ++p) {
        spike_count_[p] += pops_[p].spiked.size();
        if (outgoing_[p].empty()) continue;
        for (std::uint32_t j: pops_[p].spiked) out.push_back({static_cast<std::uint32_t>(p), j});
    }
    for (std::size_t s = 0; s < n_src_; ++s) {
        const auto& train = stim_.sources[s];
        std::size_t& c = source_cursor_[s];
        first_of_step_[s] = c;
        const bool routed = !outgoing_[n_pop_ + s].empty();
        for (; c < train.steps.size() && train.steps[c] == n; ++c) {
            ++spike_count_[n_pop_ + s];
            if (routed) out.push_back({static_cast<std::uint32_t>(n_pop_ + s), train.channels[c]});
        }
    }
}

bool engine::modulators_pending() const {
    for (std::size_t s = 0; s < n_src_; ++s)
        if (!modulated_[s].empty() && source_cursor_[s] > first_of_step_[s]) return true;
    return false;
}

bool engine::spikes_pending(std::int64_t n) const {
    for (const auto& ps: pops_) if (!ps.spiked.empty()) return true;
    for (std::size_t s = 0; s < n_src_; ++s) {
        const auto& train = stim_.sources[s];
        if (source_cursor_[s] < train.steps.size() && train.steps[source_cursor_[s]] == n) return true;
    }
    return false;
}

std::size_t engine::enqueue(const aer_event& e) {
    // 3: a spike enters the delay lines of every outgoing projection.
    std::size_t written = 0;
    for (std::size_t k: outgoing_[e.group]) {
        projection_state& ps = projs_[k];
        for (std::uint32_t g = ps.table->row_segment_start[e.neuron]; g < ps.table->row_segment_start[e.neuron + 1]; ++g) {
            std::size_t slot = ps.ring_now + ps.table->segments[g].delay;  // delay < ring size
            if (slot >= ps.ring.size()) slot -= ps.ring.size();
            ps.ring[slot].push_back(g);
            ++written;
        }
    }
    return written;
}

void engine::set_threads(unsigned threads) {
    const bool all_static = std::none_of(projs_.begin(), projs_.end(), [](const projection_state& p) { return p.plastic(); });
    std::vector<std::uint32_t> post_population;
    std::vector<std::size_t> synapses;
    for (const auto& pr: projs_) {
        post_population.push_back(pr.post_population);
        synapses.push_back(pr.synapses());
    }
    team_ = std::make_unique<schedule::projection_team>(all_static ? threads : 1u, post_population, synapses);
    team_ring_count_.assign(projs_.size(), {});
    // Populations update independently unless stochastic rounding draws from the shared stream
    // (in neuron order): then on one thread.
    const bool independent = std::none_of(pops_.begin(), pops_.end(), [](const population_state& p) {
        return p.dp.product_rounding() == fp::rounding::stochastic;
    });
    std::vector<std::uint32_t> population;
    std::vector<std::size_t> neurons;
    for (std::size_t p = 0; p < pops_.size(); ++p) {
        population.push_back(static_cast<std::uint32_t>(p));
        neurons.push_back(pops_[p].v.size());
    }
    neuron_team_ = std::make_unique<schedule::projection_team>(independent ? threads : 1u, population, neurons);
    team_ncount_.assign(pops_.size(), {});
    team_background_count_.assign(pops_.size(), {});
}

void engine::add_counters(neuron_counters& into, const neuron_counters& c) {
    into.v += c.v;
    into.i_e += c.i_e;
    into.i_i += c.i_i;
    into.i_ext += c.i_ext;
    into.w += c.w;
    into.theta += c.theta;
    into.rate += c.rate;
    into.theta_ip += c.theta_ip;
}

void engine::static_synapse_phase() {
    team_->for_each([&](std::size_t k) {
        const auto& a = arrivals(k);
        if (a.empty()) return;
        begin_arrivals(k);
        for (std::uint32_t g: a) deliver_static(projs_[k], g, team_ring_count_[k]);
        end_arrivals(k);
    });
    for (auto& c: team_ring_count_) {
        ring_count_ += c;
        c = {};
    }
}

void engine::add_background(population_state& ps, std::int64_t n, fp::overflow_counter& count) const {
    // k background spikes of one neuron enter its slot as one write of k x the weight's slot
    // value: the sum of k arrivals of the weight, saturated (or wrapped) and counted once.
    const std::uint64_t w = ps.background_slot;
    const std::uint64_t k_fits = w == 0 ? ~std::uint64_t{0} : slot_max_ / w;  // largest k with k w <= slot_max
    for (std::size_t j = 0; j < ps.background_state.size(); ++j) {
        const std::uint32_t k = ps.background->count_at(ps.background_state[j], n);
        if (k == 0) continue;
        if (k <= k_fits) {
            add_to_slot(ps.slot_e[j], k * w, slot_max_, hw_.ring_buffer_overflow, count);
        }
        else if (hw_.ring_buffer_overflow == fp::overflow_mode::saturate) {
            ps.slot_e[j] = slot_max_;
            ++count.saturations;
        }
        else {
            ps.slot_e[j] = (ps.slot_e[j] + k * w) & slot_max_;  // modulo 2^64, then 2^bits
            ++count.wraps;
        }
    }
    ps.input_e = true;
}

std::size_t engine::fold_inputs(std::size_t* bank_neurons) {
    // End of the synapse phase: the background, then input slots into the currents.
    if (neuron_team_->threads() > 1) {
        neuron_team_->for_each([&](std::size_t p) {
            if (pops_[p].has_background()) add_background(pops_[p], step_, team_background_count_[p]);
        });
        for (auto& c: team_background_count_) {
            ring_count_ += c;
            c = {};
        }
    }
    else {
        for (auto& ps: pops_)
            if (ps.has_background()) add_background(ps, step_, ring_count_);
    }
    std::size_t banks = 0, neurons = 0;
    for (auto& ps: pops_) {
        for (int receptor = 0; receptor < 2; ++receptor) {
            bool& flag = receptor ? ps.input_i : ps.input_e;
            if (!flag) continue;
            flag = false;
            auto& slots = receptor ? ps.slot_i : ps.slot_e;
            auto& current = receptor ? ps.i_i : ps.i_e;
            auto& counter = receptor ? ncount_.i_i : ncount_.i_e;
            const int k_slot = receptor ? ps.k_slot_i : ps.k_slot_e;
            for (std::size_t k = 0; k < slots.size(); ++k) {
                if (slots[k] == 0) continue;
                ps.dp.add_input(current[k], slots[k], k_slot, counter, &neuron_rng_);
                slots[k] = 0;
            }
            ++banks;
            neurons += slots.size();
        }
    }
    if (bank_neurons) *bank_neurons = neurons;
    return banks;
}

void engine::end_step(std::int64_t n) {
    // 6: reset.
    for (auto& ps: pops_) {
        for (std::uint32_t k: ps.spiked) ps.dp.reset(ps.v[k], ps.refractory[k]);
        if (ps.dp.adaptive())
            for (std::uint32_t k: ps.spiked) ps.dp.reset_adaptation(ps.w[k], ps.theta[k], ncount_);
        if (ps.dp.intrinsic())
            for (std::uint32_t k: ps.spiked) ps.dp.reset_rate(ps.rate[k], ncount_);
    }

    for (std::size_t p = 0; p < n_pop_; ++p) {
        if (recorded_as_[p] < 0) continue;
        for (std::uint32_t j: pops_[p].spiked)
            res_.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as_[p]), j});
    }
    for (std::size_t s = 0; s < n_src_; ++s) {
        if (recorded_as_[n_pop_ + s] < 0) continue;
        const auto& train = stim_.sources[s];
        for (std::size_t c = first_of_step_[s]; c < source_cursor_[s]; ++c)
            res_.spikes.push_back({n, static_cast<std::uint32_t>(recorded_as_[n_pop_ + s]), train.channels[c]});
    }
    first_of_step_ = source_cursor_;  // a step whose spikes are never collected has none
    for (auto& pr: projs_) pr.ring_now = pr.ring_now + 1 == pr.ring.size() ? 0 : pr.ring_now + 1;
}

run_result engine::finish() {
    run_result res = std::move(res_);
    std::sort(res.spikes.begin(), res.spikes.end(), [](const spike_event& a, const spike_event& b) {
        if (a.step != b.step) return a.step < b.step;
        if (a.group != b.group) return a.group < b.group;
        return a.neuron < b.neuron;
    });
    for (std::size_t p = 0; p < n_pop_; ++p)
        res.counts.push_back({ex_.populations[p].name, true, ex_.populations[p].size, spike_count_[p]});
    for (std::size_t s = 0; s < n_src_; ++s)
        res.counts.push_back({ex_.sources[s].name, false, ex_.sources[s].size, spike_count_[n_pop_ + s]});
    for (auto& pr: projs_) {
        std::vector<double> w(pr.synapses());
        pr.with_stored_weights([&](const auto* stored) {
            for (std::size_t s = 0; s < w.size(); ++s) w[s] = pr.scale.to_na(static_cast<std::int64_t>(stored[s]));
        });
        res.final_weights.push_back(std::move(w));
    }

    auto& c = res.counters;
    auto put = [&](const std::string& name, const fp::overflow_counter& oc) {
        c[name + "_saturations"] += oc.saturations;
        c[name + "_wraps"] += oc.wraps;
    };
    put("v", ncount_.v);
    put("i_e", ncount_.i_e);
    put("i_i", ncount_.i_i);
    put("i_ext", ncount_.i_ext);
    put("ring_buffer", ring_count_);
    // Adaptive LIF only, so plain-LIF summaries keep their keys.
    if (std::any_of(pops_.begin(), pops_.end(), [](const population_state& ps) { return ps.dp.adaptive(); })) {
        put("adaptation_w", ncount_.w);
        put("threshold_theta", ncount_.theta);
        put("ip_rate", ncount_.rate);
        put("ip_threshold", ncount_.theta_ip);
    }
    c["weight_init_saturations"] = weight_init_count_.saturations;
    c["weight_clip_max"] = 0;
    c["weight_clip_min"] = 0;
    c["weight_update_saturations"] = 0;
    c["pre_trace_saturations"] = 0;
    c["pre_trace_wraps"] = 0;
    c["post_trace_saturations"] = 0;
    c["post_trace_wraps"] = 0;
    c["post_history_overflow"] = 0;
    for (const auto& pr: projs_)
        std::visit(
            [&](const auto& kernel) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>) kernel.add_counters(c);
            },
            pr.kernel);
    std::uint64_t merged = 0;
    for (const auto& t: stim_.sources) merged += t.merged_in_step;
    c["stimulus_spikes_merged_in_step"] = merged;
    return res;
}

}  // namespace plasticore::fixed
