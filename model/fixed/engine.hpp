#pragma once
// The fixed datapath as a reusable engine: the plain arrays of one core (neuron state, input
// slots, weights, row-segment headers, post histories, STDP units) and one method per phase
// of a time step (docs/semantics.md, docs/datapath.md). fixed::run() is a thin loop over it;
// the SystemC core (model/core) drives the same methods from its blocks in the same order and
// only adds time, so every piece of arithmetic is written once and the layers are bit-identical.
//
// Step n, in order:
//   begin_step(n)            0: record state and weight snapshots; host bias changes
//   neuron_phase()           1-2: integrate + threshold, populations in order, neurons ascending
//   collect_spikes(n, out)   3: this step's spikes (populations, then sources) as AER events
//   enqueue(event)           3: one event into the delay lines of its outgoing projections
//   process_segment(k, g, n) 4: one arriving row segment (replay, transmit, depress, trace)
//   fold_inputs()            4: end of the synapse phase: input slots into the currents
//   post_phase(n)            5: post spikes into the post traces and histories
//   end_step(n)              6: reset, spike recording, delay lines advance
// and after the last step finish(res): flush pending replays, final weights, counters.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment/experiment.hpp"
#include "config/hardware_config.hpp"
#include "fixed/neuron_datapath.hpp"
#include "fixed/post_history.hpp"
#include "fixed/stdp_unit.hpp"
#include "fixed/weight_scale.hpp"
#include "network/network.hpp"
#include "results/run_result.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::fixed {

struct population_state {
    neuron_datapath dp;
    std::vector<std::int64_t> v, i_e, i_i, i_ext;  // raw: v_format, current_format
    std::vector<std::int32_t> refractory;
    std::vector<std::uint64_t> slot_e, slot_i;     // synaptic input slots [2^k_slot_x nA]
    std::vector<double> bias;                      // host side [nA]
    std::vector<std::uint32_t> spiked;             // this step, ascending
    int k_slot_e = 0, k_slot_i = 0;
    bool input_e = false, input_i = false;         // a slot was written this step

    population_state(const population& p, double dt, const hardware_config& h, neuron_counters& c);
};

struct projection_state {
    const synapse_table* table = nullptr;
    std::uint32_t post_population = 0;
    bool inhibitory = false;
    weight_scale scale;
    int slot_shift = 0;  // weight -> slot units: << slot_shift, or >> -slot_shift rounded half up
    std::vector<std::int64_t> weight;  // stored n-bit magnitudes
    std::vector<std::vector<std::uint32_t>> ring;  // segment ids arriving at step n % size
    std::size_t ring_now = 0;                      // n % ring.size()
    // Plastic projections: the unit, row-segment headers and the post-spike history.
    std::optional<stdp_unit> unit;
    std::vector<std::int64_t> pre_trace;     // per segment, trace format, after its last arrival
    std::vector<std::int64_t> last_arrival;  // per segment, step, -1 = none yet
    std::optional<post_history> history;
    std::uint64_t post_history_overflow = 0;
    bool transmit_after_update = false;  // projection::transmit (docs/semantics.md, step 4)

    std::uint64_t to_slot(std::int64_t w) const {
        if (slot_shift >= 0) return static_cast<std::uint64_t>(w) << slot_shift;
        const int r = -slot_shift;
        return static_cast<std::uint64_t>((w + (std::int64_t{1} << (r - 1))) >> r);
    }
};

// A spike on the address-event bus: neuron `neuron` of group `group` (populations first, then
// sources, in experiment order).
struct aer_event {
    std::uint32_t group;
    std::uint32_t neuron;
};

// What one arriving row segment cost the synapse pipeline.
struct segment_work {
    std::uint32_t synapses = 0;     // synaptic words read (= transmissions)
    std::uint32_t replayed = 0;     // post-history entries replayed (potentiations)
    std::uint32_t depressions = 0;  // depression transactions
    std::uint32_t write_backs = 0;  // synaptic words written back
    bool plastic = false;           // the row header was read and written
};

// The synapse-update unit as the replay calls it: the engine's own C++ unit by default.
struct direct_update {
    PLASTICORE_FX_INLINE stdp_update_response operator()(stdp_unit& unit, std::size_t /*projection*/,
                                                         const stdp_update_request& r) const {
        return unit.update(r);
    }
};

// Deferred potentiation: the post spikes of j with step in [from, to), each potentiating the
// working weight w with the pre trace x (its value at step `from`) decayed to the spike's step.
// Returns the number of transactions; counts a replay that lost spikes to history overflow.
template <class Update>
PLASTICORE_FX_INLINE std::size_t replay(Update& update, stdp_unit& unit, std::size_t k, const post_history& h,
                                        std::uint32_t j, std::int64_t& w, std::int64_t x, std::int64_t from,
                                        std::int64_t to, std::uint64_t& overflow) {
    const std::size_t count = h.count(j);
    std::size_t i = count;
    while (i > 0 && h.step_at(h.slot(j, i - 1)) >= from) --i;
    if (i == 0 && h.dropped_step(j) >= from) ++overflow;
    std::size_t done = 0;
    for (; i < count; ++i) {
        const std::size_t s = h.slot(j, i);
        const std::int64_t step = h.step_at(s);
        if (step >= to) break;
        w = update(unit, k, stdp_update_request{w, x, step - from, stdp_kind::potentiate}).weight;
        ++done;
    }
    return done;
}

PLASTICORE_FX_INLINE void add_to_slot(std::uint64_t& slot, std::uint64_t add, std::uint64_t slot_max,
                                      fixed_point::overflow_mode mode, fixed_point::overflow_counter& c) {
    std::uint64_t s = slot + add;
    if (s > slot_max) {
        if (mode == fixed_point::overflow_mode::saturate) {
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

class engine {
public:
    // Set-up: weight and slot scales, row segments, units. Throws std::invalid_argument when a
    // host constant does not fit its format.
    engine(const experiment& ex, const stimulus& stim, const network& net, const hardware_config& hw);

    std::int64_t steps() const { return n_steps_; }

    void begin_step(std::int64_t n);
    // Returns the number of neuron updates done.
    std::size_t neuron_phase();
    // Appends this step's spikes: population spikes in order, then source spikes.
    void collect_spikes(std::int64_t n, std::vector<aer_event>& out);
    // Returns the number of row segments written into delay lines.
    std::size_t enqueue(const aer_event& e);

    // Cheap checks whether a phase has any work (a phase without work changes nothing).
    bool spikes_pending(std::int64_t n) const;
    bool arrivals_pending() const {
        for (const auto& pr: projs_) if (!pr.ring[pr.ring_now].empty()) return true;
        return false;
    }
    bool inputs_pending() const {
        for (const auto& ps: pops_) if (ps.input_e || ps.input_i) return true;
        return false;
    }
    bool post_pending() const {
        for (const auto& pr: projs_) if (pr.unit && !pops_[pr.post_population].spiked.empty()) return true;
        return false;
    }

    std::size_t projection_count() const { return projs_.size(); }
    const projection_state& projection(std::size_t k) const { return projs_[k]; }
    const population_state& population_at(std::size_t p) const { return pops_[p]; }
    std::size_t population_count() const { return pops_.size(); }
    // Segment ids arriving at this step in projection k (empty: no work).
    const std::vector<std::uint32_t>& arrivals(std::size_t k) const { return projs_[k].ring[projs_[k].ring_now]; }
    // Marks projection k's receptor bank written; call once before its segments.
    void begin_arrivals(std::size_t k) {
        auto& post = pops_[projs_[k].post_population];
        (projs_[k].inhibitory ? post.input_i : post.input_e) = true;
    }
    void end_arrivals(std::size_t k) { projs_[k].ring[projs_[k].ring_now].clear(); }

    // Step 4 for one arriving row segment g of projection k at step n.
    template <class Update = direct_update>
    PLASTICORE_FX_INLINE segment_work process_segment(std::size_t k, std::uint32_t g, std::int64_t n,
                                                      Update update = {}) {
        projection_state& pr = projs_[k];
        auto& post = pops_[pr.post_population];
        auto& slots = pr.inhibitory ? post.slot_i : post.slot_e;
        const std::uint32_t* post_of = pr.table->post.data();
        const row_segment seg = pr.table->segments[g];
        segment_work work;
        work.synapses = seg.end - seg.begin;
        if (!pr.unit) {
            for (std::uint32_t s = seg.begin; s < seg.end; ++s)
                add_to_slot(slots[post_of[s]], pr.to_slot(pr.weight[s]), slot_max_, hw_.ring_buffer_overflow, ring_count_);
            return work;
        }
        work.plastic = true;
        stdp_unit& unit = *pr.unit;
        const post_history& hist = *pr.history;
        const std::int64_t last = pr.last_arrival[g];
        const std::int64_t x_pre = pr.pre_trace[g];
        for (std::uint32_t s = seg.begin; s < seg.end; ++s) {
            const std::uint32_t j = post_of[s];
            std::int64_t w = unit.load(pr.weight[s]);
            std::size_t updates = 0;
            if (last >= 0) updates = replay(update, unit, k, hist, j, w, x_pre, last, n, pr.post_history_overflow);
            work.replayed += static_cast<std::uint32_t>(updates);
            if (!pr.transmit_after_update)
                add_to_slot(slots[j], pr.to_slot(unit.transmitted(w)), slot_max_, hw_.ring_buffer_overflow, ring_count_);
            if (hist.has_spiked(j)) {
                w = update(unit, k, stdp_update_request{w, hist.last_trace(j), n - hist.last_step(j), stdp_kind::depress})
                        .weight;
                ++updates;
                ++work.depressions;
            }
            if (pr.transmit_after_update)
                add_to_slot(slots[j], pr.to_slot(unit.transmitted(w)), slot_max_, hw_.ring_buffer_overflow, ring_count_);
            if (updates > 0) {
                pr.weight[s] = unit.write_back(w);
                ++work.write_backs;
            }
        }
        pr.pre_trace[g] = unit.pre_trace_after_arrival(x_pre, last >= 0 ? n - last : 0);
        pr.last_arrival[g] = n;
        return work;
    }

    // Every arriving segment of every projection, in projection order (what fixed::run does).
    void synapse_phase(std::int64_t n) {
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            const auto& a = arrivals(k);
            if (a.empty()) continue;
            begin_arrivals(k);
            for (std::uint32_t g: a) process_segment(k, g, n);
            end_arrivals(k);
        }
    }

    // End of the synapse phase: written input slots into the currents. Returns the number of
    // (population, receptor) banks folded; banks_neurons gets the neurons they hold.
    std::size_t fold_inputs(std::size_t* bank_neurons = nullptr);
    // Step 5; returns the number of history entries written.
    std::size_t post_phase(std::int64_t n);
    // Step 6, spike recording, delay lines advance.
    void end_step(std::int64_t n);
    // After the last step: flush pending replays, then fill res (spikes sorted, counts,
    // final weights, counters). Returns the number of history entries replayed by the flush.
    template <class Update = direct_update>
    std::size_t flush(Update update = {}) {
        std::size_t replayed = 0;
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            auto& pr = projs_[k];
            if (!pr.unit) continue;
            for (std::size_t g = 0; g < pr.table->segments.size(); ++g) {
                if (pr.last_arrival[g] < 0) continue;
                for (std::uint32_t s = pr.table->segments[g].begin; s < pr.table->segments[g].end; ++s) {
                    std::int64_t w = pr.unit->load(pr.weight[s]);
                    const std::size_t r = replay(update, *pr.unit, k, *pr.history, pr.table->post[s], w,
                                                 pr.pre_trace[g], pr.last_arrival[g], n_steps_,
                                                 pr.post_history_overflow);
                    replayed += r;
                    if (r > 0) pr.weight[s] = pr.unit->write_back(w);
                }
            }
        }
        return replayed;
    }
    // Moves the results out (call once, after flush()).
    run_result finish();

    const hardware_config& hardware() const { return hw_; }
    stdp_unit& unit(std::size_t k) { return *projs_[k].unit; }
    std::uint64_t slot_max() const { return slot_max_; }

private:
    std::size_t group_of(const std::string& name) const;
    void apply_bias(std::int64_t n);
    std::vector<double> weights_na(projection_state& ps, std::int64_t n);

    const experiment& ex_;
    const stimulus& stim_;
    hardware_config hw_;
    double dt_;
    std::int64_t n_steps_;
    std::size_t n_pop_, n_src_;
    std::uint64_t slot_max_;
    neuron_counters ncount_;
    fixed_point::overflow_counter ring_count_, weight_init_count_;
    fixed_point::xorshift32 neuron_rng_;
    std::vector<population_state> pops_;
    std::vector<projection_state> projs_;
    std::vector<std::vector<std::size_t>> outgoing_;
    run_result res_;
    std::vector<int> recorded_as_;
    std::vector<std::uint64_t> spike_count_;
    std::vector<std::int64_t> bias_changes_;
    std::size_t next_bias_change_ = 0;
    std::vector<std::int64_t> state_every_, weight_every_;
    std::vector<std::size_t> source_cursor_;
};

}  // namespace plasticore::fixed
