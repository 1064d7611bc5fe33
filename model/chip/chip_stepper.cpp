#include "chip/chip_stepper.hpp"

#include <algorithm>

#include "core/core_model.hpp"
#include "schedule/step_schedule.hpp"

namespace plasticore::chip {

namespace {
// x * num / den rounded down, without overflow for our sizes.
std::uint32_t share(std::uint32_t x, std::uint32_t num, std::uint32_t den) {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(x) * num / den);
}
}  // namespace

chip_stepper::chip_stepper(fixed::engine& e, const experiment& ex, const network& net, const placement& pl,
                           bool defer_enqueue):
    e_(e), ex_(ex), net_(net), pl_(pl), cfg_(ex.core), defer_(defer_enqueue) {
    const std::size_t cores = pl.cores.size();
    periodic_synapses_.assign(cores, 0);
    plastic_core_.assign(cores, 0);
    outgoing_.resize(pl.group_names.size());
    for (std::size_t k = 0; k < ex.projections.size(); ++k) {
        const auto& pr = ex.projections[k];
        std::uint32_t pre = 0, post = 0;
        for (std::size_t g = 0; g < pl.group_names.size(); ++g) {
            if (pl.group_names[g] == pr.pre) pre = static_cast<std::uint32_t>(g);
            if (pl.group_names[g] == pr.post) post = static_cast<std::uint32_t>(g);
        }
        post_group_.push_back(post);
        outgoing_[pre].push_back(k);
        const bool periodic = std::visit(
            [](const auto& kernel) { return fixed::is_periodic_kernel<std::decay_t<decltype(kernel)>>::value; },
            e.projection(k).kernel);
        for (std::uint32_t j: net.projections[k].post) {
            const std::uint32_t c = pl.slice_of(post, j).core;
            if (e.projection(k).plastic()) plastic_core_[c] = 1;
            if (periodic) {
                ++periodic_synapses_[c];
                ++periodic_total_;
            }
        }
    }
}

void chip_stepper::parts_of(std::size_t k, const row_segment& seg, std::vector<part>& out) const {
    out.clear();
    const auto& post = net_.projections[k].post;
    const auto b = post.begin() + seg.begin, en = post.begin() + seg.end;
    for (std::uint32_t s: pl_.group_slices[post_group_[k]]) {
        const slice& sl = pl_.slices[s];
        const auto lo = std::lower_bound(b, en, sl.first), hi = std::lower_bound(lo, en, sl.first + sl.size);
        if (hi != lo) out.push_back({sl.core, static_cast<std::uint32_t>(hi - lo)});
    }
}

std::uint64_t chip_stepper::segments_on(std::uint32_t core, std::uint32_t group, std::uint32_t neuron) const {
    std::uint64_t n = 0;
    for (std::size_t k: outgoing_[group]) {
        const synapse_table& t = net_.projections[k];
        for (std::uint32_t g = t.row_segment_start[neuron]; g < t.row_segment_start[neuron + 1]; ++g) {
            const row_segment& seg = t.segments[g];
            for (std::uint32_t s: pl_.group_slices[post_group_[k]]) {
                const slice& sl = pl_.slices[s];
                if (sl.core != core) continue;
                const auto b = t.post.begin() + seg.begin, en = t.post.begin() + seg.end;
                const auto lo = std::lower_bound(b, en, sl.first);
                if (lo != en && *lo < sl.first + sl.size) {
                    ++n;
                    break;
                }
            }
        }
    }
    return n;
}

void chip_stepper::begin(std::int64_t n, std::vector<core_step_work>& out) {
    const std::size_t cores = pl_.cores.size();
    out.assign(cores, core_step_work{});
    fixed::direct_exec exec;
    const auto u = [](auto x) { return static_cast<std::uint64_t>(x); };
    auto split_evenly = [&](std::uint64_t total, const std::vector<std::uint64_t>& weight, std::uint64_t weight_sum,
                            std::uint64_t core_step_work::*field) {
        // Proportional to weight, the rounding remainder to the first core with weight.
        if (total == 0 || weight_sum == 0) return;
        std::uint64_t given = 0;
        std::size_t first = cores;
        for (std::size_t c = 0; c < cores; ++c) {
            if (weight[c] == 0) continue;
            if (first == cores) first = c;
            const std::uint64_t x = total * weight[c] / weight_sum;
            out[c].*field += x;
            given += x;
        }
        out[first].*field += total - given;
    };
    // The phases in contract order (model/schedule), as fixed::run calls them.
    schedule::run_step([&](auto phase_c) {
        constexpr schedule::phase p = decltype(phase_c)::value;
        switch (p) {
        case schedule::phase::begin_step: e_.begin_step(n); break;
        case schedule::phase::neuron_update: {
            e_.neuron_phase();
            for (std::size_t c = 0; c < cores; ++c) {
                bool any = false;
                for (std::uint32_t s: pl_.cores[c].slices) {
                    const slice& sl = pl_.slices[s];
                    if (sl.group >= e_.population_count()) continue;  // spike sources: no update
                    any = true;
                    out[c].neuron_cycles += core::neuron_cycles(cfg_, sl.size);
                }
                if (any) out[c].neuron_cycles += u(cfg_.neuron_pipeline_depth);
            }
            break;
        }
        case schedule::phase::spike_dispatch:
            events_.clear();
            e_.collect_spikes(n, events_);
            for (std::size_t i = 0; i < events_.size(); ++i) {
                const fixed::aer_event& ev = events_[i];
                const slice& sl = pl_.slice_of(ev.group, ev.neuron);
                ++out[sl.core].spikes;
                if (sl.routed) {
                    packet pk;
                    pk.key = sl.key | (ev.neuron - sl.first);
                    pk.source_core = sl.core;
                    pk.step = n;
                    pk.group = ev.group;
                    pk.neuron = ev.neuron;
                    pk.event = static_cast<std::uint32_t>(i);
                    out[sl.core].packets.push_back(pk);
                }
                if (!defer_) e_.enqueue(ev);
            }
            break;
        case schedule::phase::arrivals:
            // synapse_phase(n), segment by segment, each charged to the cores of its synapses.
            for (std::size_t k = 0; k < e_.projection_count(); ++k) {
                const auto& a = e_.arrivals(k);
                if (a.empty()) continue;
                e_.begin_arrivals(k);
                for (std::uint32_t g: a) {
                    const fixed::segment_work w = e_.process_segment(k, g, n, exec);
                    parts_of(k, e_.projection(k).table->segments[g], parts_);
                    std::uint32_t total = 0;
                    for (const part& pt: parts_) total += pt.synapses;
                    for (std::size_t i = 0; i < parts_.size(); ++i) {
                        // A cut segment: its plasticity work shared by synapse count, the
                        // rounding remainder to the first part (docs/chip.md).
                        fixed::segment_work sub = w;
                        if (parts_.size() > 1) {
                            const std::uint32_t x = parts_[i].synapses;
                            sub.synapses = x;
                            sub.replayed = share(w.replayed, x, total);
                            sub.depressions = share(w.depressions, x, total);
                            sub.write_backs = share(w.write_backs, x, total);
                            sub.extra_ops = share(w.extra_ops, x, total);
                            if (i == 0) {
                                std::uint32_t r = 0, d = 0, wb = 0, eo = 0;
                                for (const part& pt: parts_) {
                                    r += share(w.replayed, pt.synapses, total);
                                    d += share(w.depressions, pt.synapses, total);
                                    wb += share(w.write_backs, pt.synapses, total);
                                    eo += share(w.extra_ops, pt.synapses, total);
                                }
                                sub.replayed += w.replayed - r;
                                sub.depressions += w.depressions - d;
                                sub.write_backs += w.write_backs - wb;
                                sub.extra_ops += w.extra_ops - eo;
                            }
                        }
                        core_step_work& cw = out[parts_[i].core];
                        cw.synapse_cycles += core::segment_cycles(cfg_, sub);
                        cw.synaptic_events += sub.synapses;
                        ++cw.row_segments;
                    }
                }
                e_.end_arrivals(k);
            }
            break;
        case schedule::phase::input_fold: {
            std::vector<std::uint64_t> neurons(cores, 0);
            for (std::size_t pop = 0; pop < e_.population_count(); ++pop) {
                const auto& ps = e_.population_at(pop);
                const std::uint64_t banks = u(ps.input_e || ps.has_background()) + u(ps.input_i);
                if (banks == 0) continue;
                for (std::uint32_t s: pl_.group_slices[pop]) neurons[pl_.slices[s].core] += banks * pl_.slices[s].size;
            }
            e_.fold_inputs();
            const std::uint64_t lanes = u(cfg_.lanes);
            for (std::size_t c = 0; c < cores; ++c)
                out[c].fold_cycles += (neurons[c] + lanes - 1) / lanes * u(cfg_.fold_cycles);
            break;
        }
        case schedule::phase::modulators: {
            // Each core holding plastic synapses keeps its own copy of the modulator entries.
            const std::uint64_t pushes = e_.modulator_phase(n, exec);
            for (std::size_t c = 0; c < cores; ++c)
                if (plastic_core_[c]) out[c].post_cycles += pushes * u(cfg_.post_cycles);
            break;
        }
        case schedule::phase::post_plasticity:
            // post_phase(n), entry by entry, each charged to the core of its post neuron.
            for (std::size_t k = 0; k < e_.projection_count(); ++k) {
                if (!e_.projection(k).plastic()) continue;
                const std::uint32_t post = post_group_[k];
                for (std::uint32_t j: e_.population_at(post).spiked) {
                    const std::size_t pushes = e_.with_kernel(k, [&](auto& kernel) { return kernel.on_post(j, n, exec, k); });
                    out[pl_.slice_of(post, j).core].post_cycles += u(pushes) * u(cfg_.post_cycles);
                }
            }
            break;
        case schedule::phase::periodic: {
            // Sweeps over every synapse of a periodic rule: shared by where those synapses are.
            const fixed::periodic_work w = e_.periodic_phase(n, exec);
            split_evenly(core::sweep_cycles(cfg_, w), periodic_synapses_, periodic_total_, &core_step_work::synapse_cycles);
            break;
        }
        case schedule::phase::end_step:
            if (!defer_) e_.end_step(n);
            break;
        }
    });
}

void chip_stepper::end(std::int64_t n, const std::vector<char>& dropped) {
    // Only the delay lines of later steps are written, so enqueueing after the synapse, post
    // and periodic phases of step n changes nothing but which spikes arrive.
    for (std::size_t i = 0; i < events_.size(); ++i)
        if (!dropped[i]) e_.enqueue(events_[i]);
    e_.end_step(n);
}

}  // namespace plasticore::chip
