#include "chip/chip_model.hpp"

#include <systemc>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "chip/chip_stepper.hpp"
#include "chip/mapper.hpp"
#include "chip/router.hpp"
#include "core/systemc_errors.hpp"
#include "fixed/engine.hpp"

namespace plasticore::chip {

using namespace sc_core;

namespace {

// Packets of one step on their way to one core.
struct inbound {
    std::uint64_t expected = 0;  // copies routed here (less those dropped on the way)
    std::uint64_t received = 0;  // copies written into this core's delay lines
    std::uint64_t done = 0;      // cycle the last of them was written
};

struct core_figures {
    std::uint64_t ticks = 0, busy_total = 0, busy_max = 0;
    std::int64_t margin_min = INT64_MAX;  // real time: min over ticks of (slot end - tick end)
    std::uint64_t overruns = 0;           // ticks that ended after their slot's end
    std::uint64_t late_arrival_ticks = 0, arrival_stall_cycles = 0;  // ticks delayed by packets
    std::uint64_t drop_sync_stall_cycles = 0;  // "drop": waiting for every core's packets of the last step
    std::uint64_t packets_sent = 0, packets_received = 0, delay_write_cycles = 0, end = 0;
    std::uint64_t spikes = 0, synaptic_events = 0, row_segments = 0;
    std::uint64_t neuron_busy = 0, synapse_busy = 0, fold_busy = 0, post_busy = 0;
};

// State shared by the cores: the one engine behind its stepper, the work of the steps begun
// and not yet taken by every core, the packets in flight to each core.
struct chip_context {
    const experiment& ex;
    const placement& pl;
    chip_stepper& stepper;
    const core::core_config& cfg;
    sc_time period;
    std::uint64_t budget = 0;  // [cycles] per tick
    bool realtime = true, drop_mode = false;
    std::int64_t steps = 0;
    std::vector<std::uint32_t> active;  // cores holding slices

    std::int64_t begun = -1, ended = -1;  // last step begun / ended in the engine
    std::deque<std::vector<core_step_work>> work;  // steps [work_base, begun]
    std::deque<std::uint32_t> taken;               // cores that have taken each of those steps
    std::int64_t work_base = 0;
    std::deque<std::vector<char>> dropped;  // "drop": per step begun and not ended, per event
    std::deque<std::uint32_t> senders_done;  // "drop": cores done sending, per step not ended
    std::unique_ptr<sc_event> step_ended;  // made in the run's SystemC context

    std::vector<std::unordered_map<std::int64_t, inbound>> in;  // per core, per step
    std::vector<std::unique_ptr<sc_event>> in_event;            // per core: a packet arrived or dropped
    std::vector<std::uint64_t> writer_free;                     // per core [cycles]
    std::vector<core_figures> fig;
    router* net = nullptr;
    std::function<void(std::int64_t, std::int64_t)> progress;

    chip_context(const experiment& x, const placement& p, chip_stepper& s): ex(x), pl(p), stepper(s), cfg(x.core) {}

    std::uint64_t now() const { return sc_time_stamp().value() / period.value(); }
    sc_time cycles(std::uint64_t n) const { return period * static_cast<double>(n); }

    // Step n's work for core c, beginning the step in the engine if no core has yet.
    const core_step_work& work_for(std::int64_t n, std::uint32_t c) {
        while (begun < n) {
            if (drop_mode && ended < begun) {  // the engine waits for step begun's packets
                const std::uint64_t from = now();
                while (ended < begun) wait(*step_ended);
                fig[c].drop_sync_stall_cycles += now() - from;
                continue;
            }
            work.emplace_back();
            taken.push_back(0);
            stepper.begin(begun + 1, work.back());
            ++begun;
            if (!drop_mode) ended = begun;  // the stepper has enqueued and ended the step too
            if (drop_mode) {
                dropped.emplace_back(stepper.events(), char{0});
                senders_done.push_back(0);
            }
            // Every copy of every packet is expected at its targets.
            for (const auto& cw: work.back())
                for (const packet& p: cw.packets) {
                    const int r = match_route(pl.table, p.key);
                    if (r < 0) continue;
                    for (std::uint32_t t: pl.table[static_cast<std::size_t>(r)].targets) ++in[t][begun].expected;
                }
        }
        return work[static_cast<std::size_t>(n - work_base)][c];
    }
    void taken_by_all_done(std::int64_t n) {
        if (++taken[static_cast<std::size_t>(n - work_base)] < active.size()) return;
        while (!taken.empty() && taken.front() == active.size() && work_base <= ended) {
            work.pop_front();
            taken.pop_front();
            ++work_base;
        }
    }
    // "drop": core c has sent (or lost) every packet of step n; the last core ends the step.
    void sent(std::int64_t n) {
        if (!drop_mode) return;
        const std::size_t i = static_cast<std::size_t>(n - (ended + 1));
        if (++senders_done[i] < active.size() || n != ended + 1) return;
        while (!senders_done.empty() && senders_done.front() == active.size()) {
            stepper.end(ended + 1, dropped.front());
            dropped.pop_front();
            senders_done.pop_front();
            ++ended;
        }
        step_ended->notify();
    }
    void lost(const packet& p) {
        if (drop_mode) dropped[static_cast<std::size_t>(p.step - (ended + 1))][p.event] = 1;
        const int r = match_route(pl.table, p.key);
        if (r < 0) return;
        for (std::uint32_t t: pl.table[static_cast<std::size_t>(r)].targets) {
            --in[t][p.step].expected;
            in_event[t]->notify();
        }
    }
    // The router delivers a copy to core t at cycle `arrival`: its delay-line writer queues it.
    void deliver(std::uint32_t t, const packet& p, std::uint64_t arrival) {
        const std::uint64_t cost = std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(cfg.dispatch_cycles) +
                   stepper.segments_on(t, p.group, p.neuron) * static_cast<std::uint64_t>(cfg.delay_write_cycles));
        writer_free[t] = std::max(arrival, writer_free[t]) + cost;
        fig[t].delay_write_cycles += cost;
        ++fig[t].packets_received;
        inbound& ib = in[t][p.step];
        ++ib.received;
        ib.done = std::max(ib.done, writer_free[t]);
        in_event[t]->notify();
    }
};

// One core's tick controller: tick n starts at max(n * budget (real time), end of tick n - 1,
// the cycle the last packet of step n - 1 for this core was written: the arrival contract,
// docs/chip.md), then the neuron update, the packets out (aer_cycles each), the synapse phase,
// the fold and the post unit, back to back.
SC_MODULE(chip_core) {
    chip_context* c = nullptr;
    std::uint32_t id = 0;

    SC_CTOR(chip_core) { SC_THREAD(run); }

    void run() {
        core_figures& f = c->fig[id];
        const std::int64_t progress_every = std::max<std::int64_t>(1, c->steps / 200);
        for (std::int64_t n = 0; n < c->steps; ++n) {
            const std::uint64_t slot = c->realtime ? static_cast<std::uint64_t>(n) * c->budget : 0;
            std::uint64_t ready = 0;
            if (n > 0) {
                inbound* ib = &c->in[id][n - 1];
                while (ib->received < ib->expected) {
                    wait(*c->in_event[id]);
                    ib = &c->in[id][n - 1];
                }
                ready = ib->done;
                c->in[id].erase(n - 1);
            }
            const std::uint64_t t = c->now(), earliest = std::max(t, slot);
            if (ready > earliest) {
                ++f.late_arrival_ticks;
                f.arrival_stall_cycles += ready - earliest;
            }
            const std::uint64_t start = std::max(earliest, ready);
            if (start > t) wait(c->cycles(start - t));
            const core_step_work& w = c->work_for(n, id);
            const std::uint64_t tick_start = c->now();  // later than start only when waiting for a drop decision
            const std::vector<packet> packets = w.packets;
            const std::uint64_t rest = w.synapse_cycles + w.fold_cycles + w.post_cycles;
            f.neuron_busy += w.neuron_cycles;
            f.synapse_busy += w.synapse_cycles;
            f.fold_busy += w.fold_cycles;
            f.post_busy += w.post_cycles;
            f.spikes += w.spikes;
            f.synaptic_events += w.synaptic_events;
            f.row_segments += w.row_segments;
            if (w.neuron_cycles) wait(c->cycles(w.neuron_cycles));
            for (const packet& p: packets) {
                wait(c->cycles(static_cast<std::uint64_t>(c->cfg.aer_cycles)));
                ++f.packets_sent;
                if (!c->net->send(p)) c->lost(p);
            }
            c->sent(n);
            c->taken_by_all_done(n);
            if (rest) wait(c->cycles(rest));
            const std::uint64_t end = c->now(), busy = end - tick_start;
            ++f.ticks;
            f.busy_total += busy;
            f.busy_max = std::max(f.busy_max, busy);
            const std::uint64_t slot_end = static_cast<std::uint64_t>(n + 1) * c->budget;
            if (c->realtime) {
                f.margin_min = std::min(f.margin_min, static_cast<std::int64_t>(slot_end) - static_cast<std::int64_t>(end));
                if (end > slot_end) ++f.overruns;
            }
            f.end = end;
            if (c->progress && id == c->active.front() && (n + 1) % progress_every == 0) c->progress(n + 1, c->steps);
        }
    }
};

// A fresh SystemC context per run (see core::run): one process may run the chip many times.
void fresh_context() {
    sc_curr_simcontext = new sc_simcontext;
    sc_default_global_context = sc_curr_simcontext;
}

double ratio(std::uint64_t a, std::uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

nlohmann::json report(const chip_context& c, const chip_config& k, const router& r, std::uint64_t total) {
    using nlohmann::json;
    json j;
    j["cores"] = k.cores;
    j["cores_used"] = c.pl.cores_used();
    j["neurons_per_core"] = k.neurons_per_core;
    j["synapse_words_per_core"] = k.synapse_words_per_core;
    j["clock_mhz"] = c.cfg.clock_mhz;
    j["mode"] = c.realtime ? "realtime" : "accelerated";
    j["tick_budget_cycles"] = c.budget;
    j["total_cycles"] = total;
    j["identical_to_fixed"] = r.stats().dropped == 0 && r.stats().misses == 0;
    j["placement"] = c.pl.describe();
    json slices = json::array();
    for (const slice& s: c.pl.slices)
        slices.push_back({{"group", c.pl.group_names[s.group]}, {"first", s.first}, {"size", s.size}, {"core", s.core},
                          {"routed", s.routed}, {"key", s.key}});
    j["slices"] = slices;
    json per_core = json::array();
    std::uint64_t spikes_routed = 0;
    for (std::uint32_t id: c.active) {
        const core_figures& f = c.fig[id];
        const core_load& load = c.pl.cores[id];
        json o = {{"core", id},
                  {"neurons", load.neurons},
                  {"synapse_words", load.synapse_words},
                  {"busy_cycles_total", f.busy_total},
                  {"busy_cycles_max", f.busy_max},
                  {"busy_share_mean", ratio(f.busy_total, f.ticks * c.budget)},
                  {"busy_share_max", ratio(f.busy_max, c.budget)},
                  {"overrun_ticks", f.overruns},
                  {"late_arrival_ticks", f.late_arrival_ticks},
                  {"arrival_stall_cycles", f.arrival_stall_cycles},
                  {"drop_sync_stall_cycles", f.drop_sync_stall_cycles},
                  {"packets_sent", f.packets_sent},
                  {"packets_received", f.packets_received},
                  {"delay_write_cycles", f.delay_write_cycles},
                  {"spikes", f.spikes},
                  {"synaptic_events", f.synaptic_events},
                  {"row_segments", f.row_segments},
                  {"busy_cycles", {{"neuron", f.neuron_busy}, {"synapse", f.synapse_busy}, {"fold", f.fold_busy}, {"post", f.post_busy}}},
                  {"link_to_router_utilisation", ratio(r.to_router_busy()[id], total)},
                  {"link_from_router_utilisation", ratio(r.from_router_busy()[id], total)}};
        o["realtime_margin_cycles_min"] = c.realtime && f.ticks ? json(f.margin_min) : json(nullptr);
        per_core.push_back(o);
        spikes_routed += f.packets_sent;
    }
    j["per_core"] = per_core;
    const router_stats& s = r.stats();
    j["router"] = {{"table_entries", c.pl.table.size()},
                   {"table_capacity", k.router_table_entries},
                   {"cycles_per_packet", k.router_cycles_per_packet},
                   {"queue_depth", k.router_queue_depth},
                   {"full", k.router_full == router_full_policy::drop ? "drop" : "wait"},
                   {"packets_sent", spikes_routed},
                   {"packets", s.packets},
                   {"hits", s.hits},
                   {"misses", s.misses},
                   {"deliveries", s.deliveries},
                   {"dropped", s.dropped},
                   {"stall_cycles", s.stall_cycles},
                   {"queue_high_water", s.queue_high_water},
                   {"busy_cycles", s.busy_cycles},
                   {"utilisation", ratio(s.busy_cycles, total)}};
    std::uint64_t in_max = 0, out_max = 0;
    for (std::uint32_t id: c.active) {
        in_max = std::max(in_max, r.to_router_busy()[id]);
        out_max = std::max(out_max, r.from_router_busy()[id]);
    }
    j["links"] = {{"latency_cycles", k.link_latency_cycles},
                  {"cycles_per_packet", k.link_cycles_per_packet},
                  {"to_router_utilisation_max", ratio(in_max, total)},
                  {"from_router_utilisation_max", ratio(out_max, total)}};
    return j;
}

}  // namespace

run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options) {
    const auto wall_start = std::chrono::steady_clock::now();
    const placement pl = map_network(ex, net, ex.chip);
    fixed::engine eng(ex, stim, net, ex.hardware);
    const bool drop_mode = ex.chip.router_full == router_full_policy::drop;
    chip_stepper stepper(eng, ex, net, pl, drop_mode);
    chip_context c(ex, pl, stepper);
    c.drop_mode = drop_mode;
    c.steps = eng.steps();
    c.budget = static_cast<std::uint64_t>(std::llround(ex.simulation.dt * ex.core.clock_mhz * 1000.0));
    c.realtime = ex.core.mode == core::tick_mode::realtime;
    for (std::size_t i = 0; i < pl.cores.size(); ++i)
        if (!pl.cores[i].slices.empty()) c.active.push_back(static_cast<std::uint32_t>(i));
    const std::size_t cores = pl.cores.size();
    c.in.resize(cores);
    c.writer_free.assign(cores, 0);
    c.fig.assign(cores, core_figures{});
    c.progress = options.progress;

    const std::lock_guard<std::mutex> lock(core::systemc_kernel_mutex());
    fresh_context();
    c.period = sc_time(1.0 / ex.core.clock_mhz, SC_US);
    sc_report_handler::set_actions(SC_INFO, SC_DO_NOTHING);
    nlohmann::json chip_json;
    {
        for (std::size_t i = 0; i < cores; ++i) c.in_event.push_back(std::make_unique<sc_event>());
        c.step_ended = std::make_unique<sc_event>();
        router r("router", ex.chip, pl.table, c.period, cores,
                 [&c](std::uint32_t t, const packet& p, std::uint64_t arrival) { c.deliver(t, p, arrival); });
        c.net = &r;
        std::vector<std::unique_ptr<chip_core>> modules;
        for (std::uint32_t id: c.active) {
            modules.push_back(std::make_unique<chip_core>(("core" + std::to_string(id)).c_str()));
            modules.back()->c = &c;
            modules.back()->id = id;
        }
        if (eng.steps() > 0 && !c.active.empty()) core::run_translating_systemc_errors([] { sc_start(); });
        else if (drop_mode) {
            for (std::int64_t n = 0; n < eng.steps(); ++n) {  // nothing placed: no core takes a step
                std::vector<core_step_work> w;
                stepper.begin(n, w);
                stepper.end(n, std::vector<char>(stepper.events(), char{0}));
            }
        }
        else
            for (std::int64_t n = 0; n < eng.steps(); ++n) {
                std::vector<core_step_work> w;
                stepper.begin(n, w);
            }
        if (drop_mode && c.ended + 1 < eng.steps() && !c.active.empty())
            throw std::logic_error("chip: the run ended before every step did");
        std::uint64_t total = 0;
        for (std::uint32_t id: c.active) total = std::max(total, c.fig[id].end);
        chip_json = report(c, ex.chip, r, total);
        c.in_event.clear();
        c.step_ended.reset();
    }
    eng.flush();
    run_result res = eng.finish();
    res.model = "chip";
    res.chip_report = chip_json.dump();
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return res;
}

}  // namespace plasticore::chip
