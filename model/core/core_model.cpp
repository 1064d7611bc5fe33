#include "core/core_model.hpp"

#include <systemc>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/plasticity_socket.hpp"
#include "energy/energy_model.hpp"
#include "core/systemc_errors.hpp"
#include "experiment/time_steps.hpp"
#include "schedule/step_schedule.hpp"
#include "fixed/engine.hpp"

// libsystemc.so's main() calls sc_main(); programs with their own main() (the command line,
// pure C++ tests) never call it but must still resolve it. Test runners define a strong one.
extern "C" __attribute__((weak)) int sc_main(int, char*[]) { return 1; }

namespace plasticore::core {

using namespace sc_core;

std::uint64_t segment_cycles(const core_config& c, const fixed::segment_work& w, int socket_latency) {
    const std::uint64_t synapses = w.synapses, replayed = w.replayed, depressions = w.depressions,
                        write_backs = w.write_backs;
    const bool plastic = w.plastic;
    std::uint64_t t = static_cast<std::uint64_t>(c.row_fetch_cycles + c.sram_read_latency + c.pipeline_depth);
    t += synapses * static_cast<std::uint64_t>(c.synapse_cycles);
    t += replayed * static_cast<std::uint64_t>(c.history_cycles + socket_latency);
    t += depressions * static_cast<std::uint64_t>(c.depress_cycles + socket_latency);
    t += static_cast<std::uint64_t>(w.extra_ops) * static_cast<std::uint64_t>(c.plasticity_op_cycles + socket_latency);
    if (plastic) t += static_cast<std::uint64_t>(c.header_write_cycles);
    if (write_backs > 0) {
        if (c.sram_ports == 1) t += write_backs * static_cast<std::uint64_t>(c.sram_write_latency);
        else t += static_cast<std::uint64_t>(c.sram_write_latency);
    }
    return t;
}

std::uint64_t sweep_cycles(const core_config& c, const fixed::periodic_work& w, int socket_latency) {
    const auto u = [](auto x) { return static_cast<std::uint64_t>(x); };
    std::uint64_t t = u(w.segments) * u(c.row_fetch_cycles + c.sram_read_latency + c.pipeline_depth);
    t += u(w.synapses) * u(c.synapse_cycles);
    t += u(w.replayed) * u(c.history_cycles + socket_latency);
    t += u(w.neurons) * u(c.post_cycles);
    t += u(w.neuron_writes) * u(c.post_cycles);
    t += u(w.ops) * u(c.plasticity_op_cycles + socket_latency);
    t += (c.sram_ports == 1 ? u(w.write_backs) : u(w.segments)) * u(c.sram_write_latency);
    return t;
}

std::uint64_t neuron_cycles(const core_config& c, std::uint64_t n) {
    const std::uint64_t lanes = static_cast<std::uint64_t>(c.lanes);
    return (n + lanes - 1) / lanes * static_cast<std::uint64_t>(c.neuron_cycles);
}

namespace {

int bits_for(std::uint64_t values) {  // bits to index `values` distinct values (>= 1)
    int b = 1;
    while (b < 63 && (std::uint64_t{1} << b) < values) ++b;
    return b;
}

// An executor that counts every plasticity transaction by operation, then runs it with `inner`
// (the engine's own unit, or the installed socket).
template <class Inner>
struct counting_exec {
    Inner inner;
    std::uint64_t* counts;  // indexed by fixed::synapse_op
    template <class Unit>
    PLASTICORE_FX_INLINE fixed::synapse_response operator()(Unit& unit, std::size_t k, const fixed::synapse_request& r) const {
        ++counts[static_cast<std::size_t>(r.op)];
        return inner(unit, k, r);
    }
};

// State shared by the blocks: the engine, the configuration, the tick in flight, figures.
struct core_context {
    fixed::engine& e;
    const experiment& ex;
    const core_config& cfg;
    plasticity_socket* socket;
    bool external_socket;  // a socket other than the built-in C++ unit is installed
    sc_time period;
    std::int64_t n = 0;              // tick in flight
    std::uint64_t tick_cycles = 0;   // busy cycles of the tick in flight, summed by the blocks
    core_stats stats;
    std::vector<fixed::aer_event> events;
    std::vector<std::uint64_t> pop_time;  // FIFO: when each accepted event left the FIFO
    bool trace = false, tracing = false;  // VCD requested / inside its window now
    std::uint64_t sram_synapse_r = 0, sram_synapse_w = 0, header_r = 0, header_w = 0, hist_r = 0, hist_w = 0;
    std::uint64_t state_r = 0, state_w = 0, slot_rmw = 0, delay_w = 0, delay_r = 0, modulator_w = 0;
    std::uint64_t sine_r = 0;  // sine-table reads of the oscillating-bias generator

    core_context(fixed::engine& eng, const experiment& x, plasticity_socket* s):
        e(eng), ex(x), cfg(x.core), socket(s), external_socket(false) {}
};

// Architecturally visible signals, written only while a VCD window is open.
struct core_signals {
    sc_signal<std::uint64_t> tick{"tick"};
    sc_signal<bool> neuron_busy{"neuron_busy"}, aer_busy{"aer_busy"}, synapse_busy{"synapse_busy"},
        post_busy{"post_busy"};
    sc_signal<std::uint32_t> fifo_occupancy{"fifo_occupancy"}, spikes_out{"spikes_out"};
};

template <class T>
void put(core_context& c, sc_signal<T>& s, const T& v) {
    if (c.tracing) s.write(v);
}

// A block's work item takes t cycles, then `done` fires. Without a waveform the block just
// schedules `done` t cycles ahead (no extra context switch); with one it raises its busy
// signal for the t cycles.
void finish(core_context& c, sc_signal<bool>& busy, std::uint64_t t, sc_event& done) {
    if (t == 0) {
        done.notify();
        return;
    }
    if (!c.tracing) {
        done.notify(c.period * static_cast<double>(t));
        return;
    }
    busy.write(true);
    wait(c.period * static_cast<double>(t));
    busy.write(false);
    done.notify();
}

// Neuron-update engine: L lanes over the neurons in index order (lanes change cycles, never
// the order of the arithmetic), then, after the synapse phase, the input-slot fold.
SC_MODULE(neuron_engine) {
    core_context* c = nullptr;
    core_signals* sig = nullptr;
    sc_event start, *done_update = nullptr, *done_fold = nullptr;
    bool fold_phase = false;  // the request: the update of a tick, or its input-slot fold

    SC_CTOR(neuron_engine) { SC_THREAD(run); }

    void run() {
        for (;;) {
            wait(start);
            if (fold_phase) fold();
            else update();
        }
    }

    void update() {
        {
            c->e.neuron_phase();
            std::uint64_t t = static_cast<std::uint64_t>(c->cfg.neuron_pipeline_depth);
            // The oscillating-bias generator (one shared unit) evaluates each active block
            // before the update: phase add, sine-table read, amplitude product. The lanes add
            // its output into I_ext in flight, so the neurons cost no more.
            const std::uint64_t generators = c->e.oscillators_active(c->n);
            t += generators * static_cast<std::uint64_t>(c->cfg.oscillator_cycles);
            c->sine_r += generators;
            c->stats.oscillator_evaluations += generators;
            c->stats.oscillator_busy += generators * static_cast<std::uint64_t>(c->cfg.oscillator_cycles);
            std::uint32_t spikes = 0;
            for (std::size_t p = 0; p < c->e.population_count(); ++p) {
                const auto& ps = c->e.population_at(p);
                t += neuron_cycles(c->cfg, ps.v.size());
                c->state_r += ps.v.size();
                c->state_w += ps.v.size();
                spikes += static_cast<std::uint32_t>(ps.spiked.size());
            }
            c->stats.spikes_out += spikes;
            put(*c, sig->spikes_out, spikes);
            c->stats.neuron_busy += t;
            c->tick_cycles += t;
            finish(*c, sig->neuron_busy, t, *done_update);
        }
    }

    void fold() {
        {
            std::size_t neurons = 0;
            c->e.fold_inputs(&neurons);
            const std::uint64_t lanes = static_cast<std::uint64_t>(c->cfg.lanes);
            const std::uint64_t f = (neurons + lanes - 1) / lanes * static_cast<std::uint64_t>(c->cfg.fold_cycles);
            c->slot_rmw += neurons;
            c->stats.neuron_busy += f;
            c->tick_cycles += f;
            finish(*c, sig->neuron_busy, f, *done_fold);
        }
    }
};

// AER input: the sender pushes one event per aer_cycles into a FIFO of fifo_depth entries;
// the delay-line writer pops one and queues its row segments (dispatch_cycles +
// segments * delay_write_cycles, at least 1). Full FIFO: the sender stalls or the event drops.
SC_MODULE(aer_input) {
    core_context* c = nullptr;
    core_signals* sig = nullptr;
    sc_event start, *done = nullptr;

    SC_CTOR(aer_input) { SC_THREAD(run); }

    void run() {
        for (;;) {
            wait(start);
            c->events.clear();
            c->e.collect_spikes(c->n, c->events);
            const core_config& k = c->cfg;
            const std::size_t depth = static_cast<std::size_t>(k.fifo_depth);
            auto& pop = c->pop_time;
            pop.clear();
            std::uint64_t send = 0, writer_free = 0, high = 0;
            std::size_t popped_by_now = 0;  // accepted events popped at or before the last push
            for (const fixed::aer_event& ev: c->events) {
                ++c->stats.aer_events;
                std::uint64_t at = send;
                const std::size_t accepted = pop.size();
                if (accepted >= depth && pop[accepted - depth] > at) {  // full at `at`
                    if (k.fifo_full == fifo_full_policy::drop) {
                        ++c->stats.aer_dropped;
                        send = at + static_cast<std::uint64_t>(k.aer_cycles);
                        continue;
                    }
                    c->stats.backpressure_stall_cycles += pop[accepted - depth] - at;
                    at = pop[accepted - depth];
                }
                const std::uint64_t out = std::max(at, writer_free);
                const std::size_t segments = c->e.enqueue(ev);
                c->delay_w += segments;
                writer_free = out + std::max<std::uint64_t>(
                                        1, static_cast<std::uint64_t>(k.dispatch_cycles) +
                                               segments * static_cast<std::uint64_t>(k.delay_write_cycles));
                pop.push_back(out);
                while (popped_by_now < pop.size() && pop[popped_by_now] <= at) ++popped_by_now;
                // occupancy just after the push: accepted events not yet popped (this one
                // counts only when it waits, i.e. cannot leave in the cycle it arrives)
                const std::uint64_t occ = pop.size() - popped_by_now;
                high = std::max(high, occ);
                send = at + static_cast<std::uint64_t>(k.aer_cycles);
            }
            c->stats.fifo_high_water = std::max(c->stats.fifo_high_water, high);
            const std::uint64_t t = c->events.empty() ? 0 : std::max(writer_free, send);
            c->stats.aer_busy += t;
            c->tick_cycles += t;
            put(*c, sig->fifo_occupancy, static_cast<std::uint32_t>(high));
            finish(*c, sig->aer_busy, t, *done);
        }
    }
};

// Synapse pipeline: per arriving row segment a header fetch, one word per synapse, the
// replayed history through the plasticity socket, accumulation into the input slots,
// write-back of updated words and of the plastic header (segment_cycles()).
SC_MODULE(synapse_pipeline) {
    core_context* c = nullptr;
    core_signals* sig = nullptr;
    sc_event start, *done = nullptr;
    bool sweep = false;  // the request: this tick's arrivals, or its periodic sweeps

    SC_CTOR(synapse_pipeline) { SC_THREAD(run); }

    void run() {
        const counting_exec<socket_exec> exec{socket_exec{c->socket}, c->stats.transactions.data()};
        const counting_exec<fixed::direct_exec> direct{fixed::direct_exec{}, c->stats.transactions.data()};
        const int latency = c->socket->latency_cycles();
        for (;;) {
            wait(start);
            if (sweep) {
                this->periodic_sweep(exec, direct, latency);
                continue;
            }
            std::uint64_t t = 0;
            core_stats& s = c->stats;
            for (std::size_t k = 0; k < c->e.projection_count(); ++k) {
                const auto& a = c->e.arrivals(k);
                if (a.empty()) continue;
                c->e.begin_arrivals(k);
                for (std::uint32_t g: a) {
                    // The built-in C++ unit is bound at compile time (no call per update);
                    // an installed socket (RTL wrapper) gets one transaction per update.
                    const fixed::segment_work w = c->external_socket
                                                      ? c->e.process_segment(k, g, c->n, exec)
                                                      : c->e.process_segment(k, g, c->n, direct);
                    t += segment_cycles(c->cfg, w, latency);
                    if (c->cfg.sram_ports == 1) s.sram_port_stall_cycles += w.write_backs * static_cast<std::uint64_t>(c->cfg.sram_write_latency);
                    s.synaptic_events += w.synapses;
                    s.history_replayed += w.replayed;
                    s.depressions += w.depressions;
                    s.write_backs += w.write_backs;
                    s.plasticity_ops += w.extra_ops;
                    ++s.row_segments;
                    c->sram_synapse_r += w.synapses;
                    c->sram_synapse_w += w.write_backs;
                    c->slot_rmw += w.synapses;
                    ++c->delay_r;
                    if (w.plastic) {
                        ++s.plastic_segments;
                        ++c->header_r;
                        ++c->header_w;
                        c->hist_r += w.replayed + w.depressions;
                    }
                }
                c->e.end_arrivals(k);
            }
            s.synapse_busy += t;
            c->tick_cycles += t;
            finish(*c, sig->synapse_busy, t, *done);
        }
    }

    // Step 7: the periodic rules' sweeps over their synapse memories (sweep_cycles()).
    template <class Exec, class Direct>
    void periodic_sweep(const Exec& exec, const Direct& direct, int latency) {
        const fixed::periodic_work w = c->external_socket ? c->e.periodic_phase(c->n, exec)
                                                          : c->e.periodic_phase(c->n, direct);
        const std::uint64_t t = sweep_cycles(c->cfg, w, latency);
        core_stats& s = c->stats;
        s.periodic_sweeps += w.sweeps;
        s.periodic_synapses += w.synapses;
        s.periodic_busy += t;
        s.history_replayed += w.replayed;
        s.write_backs += w.write_backs;
        c->sram_synapse_r += w.synapses;
        c->sram_synapse_w += w.write_backs;
        c->header_r += w.segments;
        c->hist_r += w.neurons + w.replayed;
        c->hist_w += w.neuron_writes;
        if (c->cfg.sram_ports == 1) s.sram_port_stall_cycles += w.write_backs * static_cast<std::uint64_t>(c->cfg.sram_write_latency);
        s.synapse_busy += t;
        c->tick_cycles += t;
        finish(*c, sig->synapse_busy, t, *done);
    }
};

// Post unit: each post spike of a plastic projection's target updates the rule's post traces
// and enters that neuron's history; each modulator event enters its projections' modulator
// histories (post_cycles per entry written).
SC_MODULE(post_unit) {
    core_context* c = nullptr;
    core_signals* sig = nullptr;
    sc_event start, *done = nullptr;
    bool modulator_phase = false;  // the request: this step's modulator events, or its post spikes

    SC_CTOR(post_unit) { SC_THREAD(run); }

    void run() {
        const counting_exec<socket_exec> exec{socket_exec{c->socket}, c->stats.transactions.data()};
        const counting_exec<fixed::direct_exec> direct{fixed::direct_exec{}, c->stats.transactions.data()};
        for (;;) {
            wait(start);
            std::size_t pushes = 0;
            if (modulator_phase) {
                pushes = c->external_socket ? c->e.modulator_phase(c->n, exec) : c->e.modulator_phase(c->n, direct);
                c->modulator_w += pushes;
                c->stats.modulator_events += pushes;
            }
            else {
                pushes = c->external_socket ? c->e.post_phase(c->n, exec) : c->e.post_phase(c->n, direct);
                c->hist_w += pushes;
            }
            const std::uint64_t t = pushes * static_cast<std::uint64_t>(c->cfg.post_cycles);
            c->stats.post_busy += t;
            c->tick_cycles += t;
            finish(*c, sig->post_busy, t, *done);
        }
    }
};

// Tick controller: starts tick n at max(n * budget, end of tick n-1) in real time, at the end
// of tick n-1 when accelerated; sequences the blocks; detects overruns.
SC_MODULE(tick_controller) {
    core_context* c = nullptr;
    core_signals* sig = nullptr;
    neuron_engine* neuron = nullptr;
    aer_input* aer = nullptr;
    synapse_pipeline* syn = nullptr;
    post_unit* post = nullptr;
    sc_event updated, dispatched, synapsed, folded, posted;
    std::function<void(std::int64_t, std::int64_t)> progress;
    double vcd_from = 0, vcd_to = -1;  // [steps]

    SC_CTOR(tick_controller) { SC_THREAD(run); }

    void run() {
        const std::int64_t steps = c->e.steps();
        const std::uint64_t budget = c->stats.budget_cycles;
        const bool realtime = c->cfg.mode == tick_mode::realtime;
        const std::int64_t progress_every = std::max<std::int64_t>(1, steps / 200);
        std::uint64_t now = 0;  // cycles
        wait(SC_ZERO_TIME);     // every block reaches its first wait before the first notify
        c->stats.busy.reserve(static_cast<std::size_t>(steps));
        for (std::int64_t n = 0; n < steps; ++n) {
            const std::uint64_t slot = static_cast<std::uint64_t>(n) * budget;
            std::uint64_t idle = 0;  // real time: sleep until the tick, no clock edges
            if (realtime && now < slot) {
                idle = slot - now;
                now = slot;
            }
            if (realtime) c->stats.late_start_cycles += now - slot;
            const double nd = static_cast<double>(n);
            c->tracing = c->trace && nd >= vcd_from && (vcd_to < 0 || nd < vcd_to);
            c->n = n;
            c->tick_cycles = 0;
            if (idle > 0 && c->tracing) {
                wait(c->period * static_cast<double>(idle));
                idle = 0;
            }
            put(*c, sig->tick, static_cast<std::uint64_t>(n));
            // The phases of docs/semantics.md in order (model/schedule); a block without work
            // this tick is not woken (its engine call would change nothing).
            schedule::run_step([&](auto phase_c) {
                constexpr schedule::phase p = decltype(phase_c)::value;
                switch (p) {
                case schedule::phase::begin_step: c->e.begin_step(n); break;
                case schedule::phase::neuron_update:
                    neuron->fold_phase = false;
                    if (idle > 0) neuron->start.notify(c->period * static_cast<double>(idle));
                    else neuron->start.notify();
                    wait(updated);
                    break;
                case schedule::phase::spike_dispatch:
                    if (!c->e.spikes_pending(n)) break;
                    aer->start.notify();
                    wait(dispatched);
                    break;
                case schedule::phase::arrivals:
                    if (!c->e.arrivals_pending()) break;
                    syn->sweep = false;
                    syn->start.notify();
                    wait(synapsed);
                    break;
                case schedule::phase::input_fold:
                    if (!c->e.inputs_pending()) break;
                    neuron->fold_phase = true;
                    neuron->start.notify();
                    wait(folded);
                    break;
                case schedule::phase::modulators:
                    if (!c->e.modulators_pending()) break;
                    post->modulator_phase = true;
                    post->start.notify();
                    wait(posted);
                    break;
                case schedule::phase::post_plasticity:
                    if (!c->e.post_pending()) break;
                    post->modulator_phase = false;
                    post->start.notify();
                    wait(posted);
                    break;
                case schedule::phase::periodic:
                    if (!c->e.periodic_pending(n)) break;
                    syn->sweep = true;
                    syn->start.notify();
                    wait(synapsed);
                    break;
                case schedule::phase::end_step: c->e.end_step(n); break;
                }
            });
            const std::uint64_t busy = c->tick_cycles;
            c->stats.busy.push_back(static_cast<std::uint32_t>(std::min<std::uint64_t>(busy, UINT32_MAX)));
            now += busy;
            if (now > slot + budget) ++c->stats.overruns;
            if (progress && (n + 1) % progress_every == 0) progress(n + 1, steps);
        }
        c->stats.total_cycles = now;
        std::uint64_t* counts = c->stats.transactions.data();
        c->stats.flush_replayed = c->external_socket
                                      ? c->e.flush(counting_exec<socket_exec>{socket_exec{c->socket}, counts})
                                      : c->e.flush(counting_exec<fixed::direct_exec>{fixed::direct_exec{}, counts});
    }
};

SC_MODULE(core_top) {
    core_signals sig;
    tick_controller ctrl{"tick_controller"};
    neuron_engine neuron{"neuron_engine"};
    aer_input aer{"aer_input"};
    synapse_pipeline syn{"synapse_pipeline"};
    post_unit post{"post_unit"};

    core_top(sc_module_name name, core_context& c): sc_module(name) {
        ctrl.c = neuron.c = aer.c = syn.c = post.c = &c;
        ctrl.sig = neuron.sig = aer.sig = syn.sig = post.sig = &sig;
        ctrl.neuron = &neuron;
        ctrl.aer = &aer;
        ctrl.syn = &syn;
        ctrl.post = &post;
        neuron.done_update = &ctrl.updated;
        neuron.done_fold = &ctrl.folded;
        aer.done = &ctrl.dispatched;
        syn.done = &ctrl.synapsed;
        post.done = &ctrl.posted;
    }
};

// A fresh simulation context per run, so one process can run the core more than once
// (SystemC otherwise allows one elaboration per process). The old context is leaked.
void fresh_context() {
    sc_curr_simcontext = new sc_simcontext;
    sc_default_global_context = sc_curr_simcontext;
}

// Bits of every memory from the formats and the rules' layouts (fixed::memory_layout): the
// synapse word grows by each rule's per-synapse state, the row header, the post-history entry
// and the projection's registers are the rule's own.
void memory_report(core_context& c) {
    const auto& h = c.e.hardware();
    core_stats& s = c.stats;
    std::uint64_t syn_bits = 0, header_bits = 0, hist_bits = 0, state_bits = 0, slot_bits = 0, proj_bits = 0;
    int word_bits = 0, header_access = 0, hist_access = 0;
    std::string header_word, hist_word, proj_word, syn_extra;
    auto note = [](std::string& list, const std::string& item) {
        if (item.empty() || list.find(item) != std::string::npos) return;
        list += (list.empty() ? "" : "; ") + item;
    };
    for (std::size_t k = 0; k < c.e.projection_count(); ++k) {
        const auto& pr = c.e.projection(k);
        fixed::memory_layout m;
        std::visit(
            [&](const auto& kernel) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>) m = kernel.memory();
            },
            pr.kernel);
        const int w = h.weight_bits + bits_for(pr.table->max_delay + 1) +
                      bits_for(static_cast<std::uint64_t>(std::max(1, pr.table->n_post))) + m.synapse_bits;
        word_bits = std::max(word_bits, w);
        syn_bits += static_cast<std::uint64_t>(w) * pr.synapses();
        note(syn_extra, m.synapse);
        header_bits += static_cast<std::uint64_t>(m.header_bits) * pr.table->segments.size();
        header_access = std::max(header_access, m.header_bits);
        if (m.history_entries > 0) hist_access = std::max(hist_access, m.history_entry_bits);
        note(header_word, m.header);
        hist_bits += static_cast<std::uint64_t>(m.history_entries) * static_cast<std::uint64_t>(pr.table->n_post) *
                     static_cast<std::uint64_t>(m.history_entry_bits);
        if (m.history_entries > 0) note(hist_word, std::to_string(m.history_entries) + " x (" + m.history_entry + ")");
        proj_bits += m.projection_bits;
        note(proj_word, m.projection);
    }
    int state_word = 0;
    bool any_adaptive = false;
    for (std::size_t p = 0; p < c.e.population_count(); ++p) {
        const auto& ps = c.e.population_at(p);
        // An adaptive population's word adds w (current format) and theta (v format).
        const int word = h.v_format.width() + 3 * h.current_format.width() +
                         bits_for(static_cast<std::uint64_t>(ps.dp.constants().refractory_steps) + 1) +
                         (ps.dp.adaptive() ? h.current_format.width() + h.v_format.width() : 0) +
                         (ps.dp.intrinsic() ? h.ip_rate_format.width() + h.ip_threshold_format.width() : 0);
        any_adaptive = any_adaptive || ps.dp.adaptive();
        state_word = std::max(state_word, word);
        state_bits += static_cast<std::uint64_t>(word) * ps.v.size();
        slot_bits += 2ull * static_cast<std::uint64_t>(h.ring_buffer_bits) * ps.v.size();
    }
    std::uint64_t segments = 0;
    for (std::size_t k = 0; k < c.e.projection_count(); ++k) segments += c.e.projection(k).table->segments.size();
    s.memories = {
        {"synapse_sram", c.sram_synapse_r, c.sram_synapse_w, syn_bits,
         "weight " + std::to_string(h.weight_bits) + " + delay + target bits" + (syn_extra.empty() ? "" : " + " + syn_extra) +
             ", " + std::to_string(word_bits) + " bits max", word_bits},
        {"row_header_sram", c.header_r, c.header_w, header_bits, header_word.empty() ? "none (no plastic projection)" : header_word,
         header_access},
        {"post_history_sram", c.hist_r, c.hist_w, hist_bits, hist_word.empty() ? "none (no plastic projection)" : hist_word + " per neuron",
         hist_access},
        {"neuron_state_sram", c.state_r, c.state_w, state_bits, any_adaptive ? "v + I_e + I_i + I_ext + refractory count (+ w + theta: adaptive; + rate + theta_ip: intrinsic)"
                                                                : "v + I_e + I_i + I_ext + refractory count",
         state_word},
        {"input_slots", c.slot_rmw, c.slot_rmw, slot_bits, "2 x " + std::to_string(h.ring_buffer_bits) + " bits per neuron",
         h.ring_buffer_bits},
        {"delay_lines", c.delay_r, c.delay_w, 0, "row-segment ids per arrival step (depth max_delay + 1)", bits_for(segments + 1)},
    };
    // The oscillating-bias generator's full-wave sine table (fixed/oscillator.hpp), one read per
    // active block per tick.
    if (c.e.sine_table_entries() > 0)
        s.memories.push_back({"sine_table", c.sine_r, 0, c.e.sine_table_entries() * static_cast<std::uint64_t>(h.oscillator_sine_format.width()),
                              std::to_string(c.e.sine_table_entries()) + " x sine (" + std::to_string(h.oscillator_sine_format.width()) + " bits)",
                              h.oscillator_sine_format.width()});
    // A modulator entry per access.
    if (proj_bits > 0)
        s.memories.push_back({"projection_registers", c.modulator_w, c.modulator_w, proj_bits, proj_word, h.modulator_format.width()});
}

// The counts of the run and the widths of its hardware, for the energy and area estimate
// (model/energy, docs/energy.md).
energy::activity energy_activity(const core_context& c) {
    const auto& h = c.e.hardware();
    const core_stats& s = c.stats;
    energy::activity a;
    for (const auto& m: s.memories) a.memories.push_back({m.name, m.reads, m.writes, m.bits, m.access_bits});
    a.neuron_updates = c.state_r;
    a.synaptic_events = s.synaptic_events;
    for (auto t: s.transactions) a.plasticity_transactions += t;
    // Draws the contract names (fixed/neuron_datapath.hpp, fixed/plasticity/weight_path.hpp):
    // 6 per neuron update with stochastic products (4 while refractory: counted as 6; 9 and 7
    // for the adaptive neuron), one per
    // write-back with a stochastic weight rounding. Trace products are not counted.
    if (h.product_rounding == fixed_point::rounding::stochastic) {
        a.generator_draws += 6 * a.neuron_updates;
        // The adaptive neuron draws 9 (P21w, Pw, Ptheta besides): 3 more per update; with
        // intrinsic plasticity 11 (Ga, Pa).
        for (std::size_t p = 0; p < c.e.population_count(); ++p)
            if (c.e.population_at(p).dp.adaptive())
                a.generator_draws += (c.e.population_at(p).dp.intrinsic() ? 5u : 3u) *
                                     static_cast<std::uint64_t>(c.e.population_at(p).v.size()) *
                                     static_cast<std::uint64_t>(c.e.steps());
    }
    if (h.weight_rounding == fixed_point::rounding::stochastic) a.generator_draws += s.write_backs;
    a.aer_events = s.aer_events;
    a.v_bits = h.v_format.width();
    a.current_bits = h.current_format.width();
    a.propagator_bits = h.propagator_format.width();
    a.gain_bits = h.gain_format.width();
    a.ring_buffer_bits = h.ring_buffer_bits;
    a.trace_bits = h.trace_format.width();
    a.weight_work_bits = h.weight_bits + h.weight_guard_bits;
    std::uint64_t senders = 0;
    for (const auto& p: c.ex.populations) senders += static_cast<std::uint64_t>(p.size);
    for (const auto& src: c.ex.sources) senders += static_cast<std::uint64_t>(src.size);
    a.aer_word_bits = bits_for(std::max<std::uint64_t>(senders, 2));
    a.fifo_depth = c.cfg.fifo_depth;
    // Two tables of lut_size entries of frac + 1 bits (rtl/stdp_lut_mem.sv, rtl/synth/synth.sh).
    if (h.trace_decay == fixed::trace_decay_kind::lut)
        a.decay_table_bits = 2ull * static_cast<std::uint64_t>(h.lut_size) * static_cast<std::uint64_t>(h.trace_format.frac_bits() + 1);
    return a;
}

// The synthesised configuration of the synapse-update unit with this run's widths, or the
// reference one.
std::pair<const energy::synthesised_unit*, bool> synthesised_unit_for(const fixed::hardware_config& h) {
    const auto& units = energy::synthesised_units();
    const energy::synthesised_unit* fallback = units.empty() ? nullptr : &units.front();
    for (const auto& u: units) {
        if (u.weight_bits == h.weight_bits && u.guard_bits == h.weight_guard_bits && u.trace_int == h.trace_format.int_bits() &&
            u.trace_frac == h.trace_format.frac_bits() && u.lut_depth == h.lut_size)
            return {&u, true};
        if (u.configuration == "reference") fallback = &u;
    }
    return {fallback, false};
}

}  // namespace

nlohmann::json core_stats::to_json(const core_config& c) const {
    nlohmann::json j;
    j["clock_mhz"] = c.clock_mhz;
    j["mode"] = c.mode == tick_mode::realtime ? "realtime" : "accelerated";
    j["lanes"] = c.lanes;
    j["fifo_depth"] = c.fifo_depth;
    j["fifo_full"] = c.fifo_full == fifo_full_policy::drop ? "drop" : "backpressure";
    j["total_cycles"] = total_cycles;
    j["tick_budget_cycles"] = budget_cycles;
    std::uint64_t sum = 0, lo = UINT64_MAX, hi = 0;
    for (auto b: busy) {
        sum += b;
        lo = std::min<std::uint64_t>(lo, b);
        hi = std::max<std::uint64_t>(hi, b);
    }
    const double ticks = busy.empty() ? 1.0 : static_cast<double>(busy.size());
    std::uint64_t p99 = 0;
    if (!busy.empty()) {
        std::vector<std::uint32_t> v = busy;
        const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(v.size()))) - 1);
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
        p99 = v[i];
    }
    if (busy.empty()) lo = 0;
    const double mean = static_cast<double>(sum) / ticks;
    j["busy_cycles_per_tick"] = {{"min", lo}, {"mean", mean}, {"p99", p99}, {"max", hi}, {"total", sum}};
    j["cycles_per_synaptic_event"] = synaptic_events ? static_cast<double>(synapse_busy) / static_cast<double>(synaptic_events) : 0.0;
    const double total = total_cycles ? static_cast<double>(total_cycles) : 1.0;
    j["utilisation"] = {{"neuron_engine", static_cast<double>(neuron_busy) / total},
                        {"aer_input", static_cast<double>(aer_busy) / total},
                        {"synapse_pipeline", static_cast<double>(synapse_busy) / total},
                        {"post_unit", static_cast<double>(post_busy) / total}};
    j["busy_cycles"] = {{"neuron_engine", neuron_busy}, {"aer_input", aer_busy}, {"synapse_pipeline", synapse_busy},
                        {"post_unit", post_busy}};
    j["stalls"] = {{"fifo_backpressure_cycles", backpressure_stall_cycles},
                   {"fifo_dropped_events", aer_dropped},
                   {"sram_port_conflict_cycles", sram_port_stall_cycles},
                   {"late_tick_start_cycles", late_start_cycles}};
    j["fifo_high_water"] = fifo_high_water;
    j["events"] = {{"aer_in", aer_events}, {"spikes_out", spikes_out}, {"row_segments", row_segments},
                   {"plastic_row_segments", plastic_segments}, {"synaptic_events", synaptic_events},
                   {"history_replayed", history_replayed}, {"depressions", depressions},
                   {"write_backs", write_backs}, {"plasticity_ops", plasticity_ops},
                   {"modulator_events", modulator_events}, {"flush_replayed", flush_replayed}};
    j["periodic"] = {{"sweeps", periodic_sweeps}, {"synapses", periodic_synapses}, {"busy_cycles", periodic_busy}};
    j["oscillator"] = {{"evaluations", oscillator_evaluations}, {"busy_cycles", oscillator_busy}};
    j["plasticity_transactions"] = nlohmann::json::object();
    for (std::size_t op = 0; op < transactions.size(); ++op)
        if (transactions[op] > 0) j["plasticity_transactions"][std::string(fixed::op_name(static_cast<fixed::synapse_op>(op)))] = transactions[op];
    std::uint64_t bits = 0;
    for (const auto& m: memories) {
        j["memories"][m.name] = {{"reads", m.reads}, {"writes", m.writes}, {"bits", m.bits}, {"word", m.word},
                                 {"access_bits", m.access_bits}};
        bits += m.bits;
    }
    j["memory_bits_total"] = bits;
    j["realtime"] = {{"budget_share_mean", mean / static_cast<double>(budget_cycles ? budget_cycles : 1)},
                     {"budget_share_max", static_cast<double>(hi) / static_cast<double>(budget_cycles ? budget_cycles : 1)},
                     {"overrun_ticks", overruns}};
    j["max_acceleration"] = sum ? static_cast<double>(budget_cycles) * ticks / static_cast<double>(sum) : 0.0;
    return j;
}

run_result run(const experiment& ex, const stimulus& stim, const network& net, const run_options& options) {
    const auto wall_start = std::chrono::steady_clock::now();
    fixed::engine eng(ex, stim, net, ex.hardware);
    if (options.engine_hook) options.engine_hook(eng);
    cpp_plasticity_unit cpp_unit(eng);
    core_context c(eng, ex, options.socket ? options.socket : &cpp_unit);
    c.external_socket = options.socket != nullptr;
    c.stats.budget_cycles = static_cast<std::uint64_t>(std::llround(ex.simulation.dt * ex.core.clock_mhz * 1000.0));

    // SystemC's kernel is global: runs from several threads (plasticore sweep -j) take turns.
    const std::lock_guard<std::mutex> lock(systemc_kernel_mutex());
    fresh_context();
    c.period = sc_time(1.0 / ex.core.clock_mhz, SC_US);
    sc_report_handler::set_actions(SC_INFO, SC_DO_NOTHING);  // e.g. the VCD timescale note
    {
        auto top = std::make_unique<core_top>("core", c);
        top->ctrl.progress = options.progress;
        sc_trace_file* tf = nullptr;
        if (!options.vcd_path.empty()) {
            std::string base = options.vcd_path;
            if (base.size() > 4 && base.substr(base.size() - 4) == ".vcd") base.resize(base.size() - 4);
            tf = sc_create_vcd_trace_file(base.c_str());
            tf->set_time_unit(1, SC_NS);
            sc_trace(tf, top->sig.tick, "tick");
            sc_trace(tf, top->sig.neuron_busy, "neuron_busy");
            sc_trace(tf, top->sig.aer_busy, "aer_busy");
            sc_trace(tf, top->sig.synapse_busy, "synapse_busy");
            sc_trace(tf, top->sig.post_busy, "post_busy");
            sc_trace(tf, top->sig.fifo_occupancy, "fifo_occupancy");
            sc_trace(tf, top->sig.spikes_out, "spikes_out");
            c.trace = true;
            top->ctrl.vcd_from = options.vcd_window.first / ex.simulation.dt;
            top->ctrl.vcd_to = options.vcd_window.second < 0 ? -1.0 : options.vcd_window.second / ex.simulation.dt;
        }
        run_translating_systemc_errors([] { sc_start(); });
        if (tf) sc_close_vcd_trace_file(tf);
    }
    memory_report(c);
    run_result res = eng.finish();
    res.model = "core";
    res.core_report = c.stats.to_json(ex.core).dump();
    const energy::activity act = energy_activity(c);
    res.energy_report = energy::estimate_energy(ex.energy, act).to_json(ex.energy, energy::unit_energies_of(ex.energy, act)).dump();
    if (const auto [unit, exact] = synthesised_unit_for(eng.hardware()); unit)
        res.area_report = energy::estimate_area(ex.energy, act, *unit, exact).to_json().dump();
    res.busy_cycles_per_tick = c.stats.busy;
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return res;
}

}  // namespace plasticore::core
