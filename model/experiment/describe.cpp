#include <experiment/describe.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <experiment/lookup.hpp>
#include <experiment/time_steps.hpp>

namespace plasticore {

namespace {
std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const auto& s: items) out += (out.empty()? "": separator) + s;
    return out;
}

std::string neuron_set(const std::vector<int>& neurons) {
    if (neurons.empty()) return "all neurons";
    std::vector<std::string> items;
    for (int n: neurons) items.push_back(std::to_string(n));
    return "neurons [" + join(items) + "]";
}

std::string ms_or_end(const std::optional<double>& t) {
    return t? fmt::format("{} ms", *t): std::string("the end");
}

// Spikes of a periodic train from `first` every `period` ms, before `end` ms.
double periodic_count(double first, double period, double end) {
    if (end <= first) return 0;
    return std::floor((end - first) / period - 1e-9) + 1;
}

struct source_text {
    const simulation_params& sim;
    int size;

    std::string operator()(const poisson_source& s) const {
        double end = std::min(s.stop.value_or(sim.duration), sim.duration);
        double expected = std::max(0.0, end - s.start) * s.rate / 1000.0 * size;
        if (!s.on) {
            return fmt::format("poisson {} Hz from {} ms to {}, ~{:.0f} spikes expected", s.rate,
                               s.start, ms_or_end(s.stop), expected);
        }
        expected *= *s.on / (*s.on + *s.off);
        return fmt::format("poisson {} Hz from {} ms to {}, gated {} ms on / {} ms off, ~{:.0f} spikes expected",
                           s.rate, s.start, ms_or_end(s.stop), *s.on, *s.off, expected);
    }
    std::string operator()(const regular_source& s) const {
        double end = std::min(s.stop.value_or(sim.duration), sim.duration);
        double count = periodic_count(s.phase, 1000.0 / s.rate, end) * size;
        return fmt::format("regular {} Hz, first spike at {} ms, until {}, {:.0f} spikes", s.rate,
                           s.phase, ms_or_end(s.stop), count);
    }
    std::string operator()(const explicit_source& s) const {
        std::size_t total = 0, inside = 0;
        for (const auto& channel: s.times) {
            total += channel.size();
            inside += static_cast<std::size_t>(std::count_if(
                channel.begin(), channel.end(), [&](double t) { return t < sim.duration; }));
        }
        return fmt::format("explicit spike times, {} spikes ({} before the end of the run)",
                           total, inside);
    }
    std::string operator()(const pairing_source& s) const {
        std::vector<std::string> dts;
        for (double d: s.dt_pair) dts.push_back(fmt::format("{}", d));
        if (dts.size() > 8) dts = {dts.front(), "...", dts.back()};
        return fmt::format("pairing ({} stream), dt_pair [{}] ms, {} pairs at {} Hz from {} ms, "
                           "lead {} ms, {} spikes",
                           s.stream == pairing_source::stream_kind::pre? "pre": "post", join(dts),
                           s.n_pairs, s.frequency, s.start, s.lead,
                           static_cast<long long>(s.n_pairs) * size);
    }
    std::string operator()(const theta_burst_source& s) const {
        double count = 0;
        double burst_period = 1000.0 / s.burst_frequency;
        for (int b = 0; b < s.n_bursts; ++b) {
            double first = s.start + b * burst_period;
            if (first >= sim.duration) break;
            count += std::min<double>(s.pulses, periodic_count(first, 1000.0 / s.intra_burst_frequency,
                                                               sim.duration));
        }
        return fmt::format("theta burst, {} bursts of {} pulses at {} Hz, bursts at {} Hz from {} "
                           "ms, {:.0f} spikes in the run",
                           s.n_bursts, s.pulses, s.intra_burst_frequency, s.burst_frequency,
                           s.start, count * size);
    }
    std::string operator()(const reward_source& s) const {
        if (s.times.empty()) {
            double end = std::min(s.stop.value_or(sim.duration), sim.duration);
            return fmt::format("reward events, poisson {} Hz from {} ms to {}, amount {} /s each, ~{:.0f} expected",
                               s.rate, s.start, ms_or_end(s.stop), s.amount,
                               std::max(0.0, end - s.start) * s.rate / 1000.0);
        }
        const auto inside = std::count_if(s.times.begin(), s.times.end(), [&](double t) { return t < sim.duration; });
        return fmt::format("reward events at {} explicit times ({} before the end of the run), {}", s.times.size(),
                           inside, s.amounts.empty() ? fmt::format("amount {} /s each", s.amount)
                                                     : std::string("amounts per event"));
    }
};

std::string connector_text(const projection& p, const experiment& e) {
    long long pre = source_or_population_size(e, p.pre);
    long long post = find_population(e, p.post)->size;
    struct visitor {
        long long pre, post;
        std::string operator()(const all_to_all_connector&) const {
            return fmt::format("all_to_all ({} synapses)", pre * post);
        }
        std::string operator()(const one_to_one_connector&) const {
            return fmt::format("one_to_one ({} synapses)", pre);
        }
        std::string operator()(const fixed_probability_connector& c) const {
            return fmt::format("fixed_probability p = {} (~{:.0f} synapses)", c.p,
                               c.p * static_cast<double>(pre * post));
        }
        std::string operator()(const list_connector& c) const {
            return fmt::format("list ({} synapses)", c.entries.size());
        }
        std::string operator()(const fixed_total_number_connector& c) const {
            return fmt::format("fixed_total_number ({} synapses)", c.n);
        }
    };
    return std::visit(visitor{pre, post}, p.connectivity);
}

std::string weight_text(const weight_init& w) {
    struct visitor {
        std::string operator()(const constant_weight& c) const {
            return fmt::format("{} nA", c.value);
        }
        std::string operator()(const uniform_weight& u) const {
            return fmt::format("uniform [{}, {}] nA", u.low, u.high);
        }
        std::string operator()(const normal_weight& n) const {
            return fmt::format("normal mean {} sd {} {} [{}, {}] nA", n.mean, n.sd,
                               n.redraw ? "redrawn outside" : "clipped to", n.low, n.high);
        }
    };
    return std::visit(visitor{}, w);
}

std::string plasticity_text(const plasticity_rule& rule) { return plasticity::text(rule); }
}  // namespace

std::string describe(const experiment& e) {
    const auto& sim = e.simulation;
    std::string out = fmt::format("experiment {}\n", e.source_path);
    out += fmt::format("simulation: dt {} ms, duration {} ms ({} steps), seed {}\n", sim.dt,
                       sim.duration, step_count(sim), sim.seed);

    if (e.scale.scaled())
        out += fmt::format("scale: neurons x {}, in-degrees x {} (sizes, synapse numbers, static weights and the "
                           "compensating DC below are scaled already)\n",
                           e.scale.neurons, e.scale.in_degrees);
    out += fmt::format("populations ({}):\n", e.populations.size());
    for (const auto& p: e.populations) {
        const auto& l = p.lif;
        out += fmt::format(
            "  {}: {} LIF neurons; tau_m {} ms, c_m {} nF, v_rest {} mV, v_reset {} mV, "
            "v_thresh {} mV, v_init {} mV, t_ref {} ms ({} steps), tau_syn_e {} ms, "
            "tau_syn_i {} ms, i_offset {} nA\n",
            p.name, p.size, l.tau_m, l.c_m, l.v_rest, l.v_reset, l.v_thresh, l.v_init, l.t_ref,
            refractory_steps(l.t_ref, sim.dt), l.tau_syn_e, l.tau_syn_i, l.i_offset);
        if (l.adapt_b != 0.0 || l.theta_jump != 0.0)
            out += fmt::format("    adaptive: adaptation current +{} nA per spike, tau_w {} ms; threshold "
                               "+{} mV per spike, tau_theta {} ms\n",
                               l.adapt_b, l.tau_w, l.theta_jump, l.tau_theta);
        if (l.intrinsic())
            out += fmt::format("    intrinsic plasticity: threshold drift {} mV per s per Hz towards {} Hz, "
                               "rate trace tau {} ms\n",
                               l.ip_eta, l.ip_target, l.ip_tau);
        if (e.scale.neurons != 1.0) out += fmt::format("    {} neurons at full size\n", p.full_size);
        if (p.background)
            out += fmt::format("    Poisson background: {} Hz onto each neuron ({} spikes per step on average), "
                               "{} nA each into I_e\n",
                               p.background->rate_hz, p.background->rate_hz * sim.dt * 1e-3, p.background->weight_na);
    }

    out += fmt::format("sources ({}):\n", e.sources.size());
    for (const auto& s: e.sources) {
        out += fmt::format("  {}: {} channels; {}\n", s.name, s.size,
                           std::visit(source_text{sim, s.size}, s.kind));
    }

    out += fmt::format("projections ({}):\n", e.projections.size());
    for (const auto& p: e.projections) {
        out += fmt::format("  {}: {} -> {}, {}, {}, weight {}, delay {} ms ({} steps), {}\n",
                           p.name, p.pre, p.post, connector_text(p, e),
                           p.receptor == receptor_kind::excitatory? "excitatory": "inhibitory",
                           weight_text(p.weight), p.delay, delay_steps(p.delay, sim.dt),
                           plasticity_text(p.plasticity));
        if (const auto& d = p.delay_distribution) {
            out += fmt::format("    delays per synapse: normal mean {} sd {} ms, {} [{}, {}] ms, rounded to steps\n",
                               d->mean, d->sd, d->redraw ? "redrawn outside" : "clipped to", d->low, d->high);
        }
    }

    out += fmt::format("stimulations ({}):\n", e.stimulations.size());
    for (const auto& s: e.stimulations) {
        if (s.oscillating()) {
            out += fmt::format("  {}: {} nA peak at {} Hz, phase {} deg (tACS-like) into {} of {}, from {} ms to {}\n",
                               s.name, s.amplitude, *s.frequency, s.phase, neuron_set(s.neurons), s.population,
                               s.start, ms_or_end(s.stop));
            continue;
        }
        out += fmt::format("  {}: {} nA ({}) into {} of {}, from {} ms to {}\n", s.name,
                           s.amplitude, s.amplitude >= 0? "anodal-like": "cathodal-like",
                           neuron_set(s.neurons), s.population, s.start, ms_or_end(s.stop));
    }

    out += "record:\n";
    out += fmt::format("  spikes of: {}\n",
                       e.record.spikes.empty()? std::string("nothing"): join(e.record.spikes));
    for (const auto& s: e.record.state) {
        out += fmt::format("  state of {} of {}, {}\n", neuron_set(s.neurons), s.population,
                           s.interval > 0? fmt::format("every {} ms", s.interval)
                                         : std::string("every step"));
    }
    for (const auto& w: e.record.weights) {
        out += fmt::format("  weights of {}, {}\n", w.projection,
                           w.interval > 0? fmt::format("every {} ms", w.interval)
                                         : std::string("final only"));
    }
    if (e.record.final_weights != final_weights_rows::all) {
        std::vector<std::string> written;
        for (std::size_t k = 0; k < e.projections.size(); ++k)
            if (writes_final_weights(e, k)) written.push_back(e.projections[k].name);
        out += fmt::format("  final weights in weights.csv of: {}\n", written.empty()? std::string("nothing"): join(written));
    }
    for (const auto& a: e.stdp_windows) {
        out += fmt::format("analysis: stdp_window of {} against dt_pair of {}\n", a.projection,
                           a.pairing_source);
    }
    return out;
}

}  // namespace plasticore
