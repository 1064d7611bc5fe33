#pragma once
// The fixed datapath as a reusable engine: the plain arrays of one core (neuron state, input
// slots, weights, row-segment headers, post histories, STDP units) and one method per phase
// of a time step (docs/semantics.md, docs/datapath.md). fixed::run() is a thin loop over it;
// the SystemC core (model/core) drives the same methods from its blocks in the same order and
// only adds time, so every piece of arithmetic is written once and the layers are bit-identical.
//
// The phases of step n (model/schedule/step_schedule.hpp, in that order):
//   begin_step(n)            0: record state and weight snapshots; host bias changes
//   neuron_phase()           1-2: integrate + threshold, populations in order, neurons ascending
//   collect_spikes(n, out)   3: this step's spikes (populations, then sources) as AER events
//   enqueue(event)           3: one event into the delay lines of its outgoing projections
//   process_segment(k, g, n) 4: one arriving row segment (its rule's kernel, or transmission)
//   fold_inputs()            4: end of the synapse phase: input slots into the currents
//   modulator_phase(n)       5: reward events into the rules that listen to them
//   post_phase(n)            6: post spikes into the rules' post histories
//   periodic_phase(n)        7: the sweeps of rules that run every period
//   end_step(n)              8: reset, spike recording, delay lines advance
// and after the last step flush() (every synapse brought up to the end) and finish().
// Plasticity is the rules' kernels (fixed/plasticity/); every operation of a kernel that
// rounds goes through an executor: direct_exec (the kernel's own unit, inlined) here, the
// plasticity socket in the SystemC core.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <variant>
#include <string>
#include <vector>

#include "config/hardware_config.hpp"
#include "experiment/experiment.hpp"
#include "fixed/input_shift.hpp"
#include "fixed/neuron_datapath.hpp"
#include "fixed/oscillator.hpp"
#include "fixed/plasticity/kernels.hpp"
#include "fixed/weight_scale.hpp"
#include "network/network.hpp"
#include "random/poisson_counts.hpp"
#include "results/run_result.hpp"
#include "schedule/projection_team.hpp"
#include "stimulus/stimulus.hpp"

namespace plasticore::fixed {

struct population_state {
    neuron_datapath dp;
    std::vector<std::int64_t> v, i_e, i_i, i_ext;  // raw: v_format, current_format
    std::vector<std::int64_t> i_ext_base;          // i_ext without oscillating blocks
    std::vector<std::int32_t> refractory;
    std::vector<std::int64_t> w, theta;            // adaptive LIF only (else empty): current_format, v_format
    std::vector<std::int64_t> rate, theta_ip;      // intrinsic plasticity only: ip_rate_format, ip_threshold_format
    std::vector<std::uint64_t> slot_e, slot_i;     // synaptic input slots [2^k_slot_x nA]
    std::vector<double> bias;                      // host side [nA]
    std::vector<std::uint32_t> spiked;             // this step, ascending
    int k_slot_e = 0, k_slot_i = 0;
    bool input_e = false, input_i = false;         // a slot was written this step
    // Poisson background (docs/semantics.md, "Poisson background"): the counts' generator, each
    // neuron's stream state, and one background spike in excitatory slot units (the weight
    // quantized as a projection's, then shifted into the slot like one: docs/datapath.md).
    std::optional<random::poisson_counts> background;
    std::vector<std::uint64_t> background_state;
    std::uint64_t background_slot = 0;

    bool has_background() const { return background.has_value(); }

    population_state(const population& p, double dt, const hardware_config& h, neuron_counters& c);
};

struct projection_state {
    const synapse_table* table = nullptr;
    std::uint32_t post_population = 0;
    bool inhibitory = false;
    weight_scale scale;
    int slot_shift = 0;  // weight -> slot units: << slot_shift, or >> -slot_shift rounded half up
    // Stored n-bit magnitudes: a plastic projection's in `weight` (its rule's kernel works on
    // int64); a static projection's in the narrowest type that holds weight_bits, weight16
    // (<= 16 bits) or weight32, and `weight` empty (docs/network.md, "Storage").
    std::vector<std::int64_t> weight;
    std::vector<std::uint16_t> weight16;
    std::vector<std::uint32_t> weight32;
    std::vector<std::vector<std::uint32_t>> ring;  // segment ids arriving at step n % size
    std::size_t ring_now = 0;                      // n % ring.size()
    any_kernel kernel;  // the rule's kernel; std::monostate: static synapses

    bool plastic() const { return kernel.index() != 0; }
    std::size_t synapses() const { return table->size(); }
    // f(pointer to the stored weights) with the array that holds them.
    template <class F>
    decltype(auto) with_stored_weights(F&& f) const {
        if (!weight16.empty()) return f(weight16.data());
        if (!weight32.empty()) return f(weight32.data());
        return f(weight.data());
    }

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

    // synapse_phase() on `threads` threads when every projection is static (else one), and
    // neuron_phase() by population unless a population rounds stochastically; the results do
    // not depend on it (model/schedule/projection_team.hpp).
    void set_threads(unsigned threads);

    // f(kernel) with projection k's kernel (a plastic projection); f returns the same type for
    // every rule's kernel.
    template <class F>
    decltype(auto) with_kernel(std::size_t k, F&& f) {
        using result = decltype(f(std::get<1>(projs_[k].kernel)));
        return std::visit(
            [&](auto& kernel) -> result {
                if constexpr (std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>)
                    throw std::logic_error("projection has no plasticity rule");
                else return f(kernel);
            },
            projs_[k].kernel);
    }

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
        for (const auto& ps: pops_) if (ps.input_e || ps.input_i || ps.has_background()) return true;
        return false;
    }
    bool post_pending() const {
        for (const auto& pr: projs_) if (pr.plastic() && !pops_[pr.post_population].spiked.empty()) return true;
        return false;
    }
    // Reward events of this step reach at least one rule (call after collect_spikes).
    bool modulators_pending() const;
    // Oscillating stimulation blocks whose generator runs in step n (the core charges each one
    // oscillator_cycles), and the entries of the shared sine table (0: no generator).
    std::size_t oscillators_active(std::int64_t n) const {
        std::size_t k = 0;
        for (const auto& o: oscillators_) k += (n >= o.first && n < o.end) ? 1 : 0;
        return k;
    }
    std::size_t sine_table_entries() const { return sine_table_.size(); }

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

    // Step 4 for one arriving row segment g of projection k at step n: the rule's kernel
    // (replay, transmission, presynaptic event), or transmission alone for static synapses.
    template <class Exec = direct_exec>
    PLASTICORE_FX_INLINE segment_work process_segment(std::size_t k, std::uint32_t g, std::int64_t n,
                                                      Exec exec = {}) {
        projection_state& pr = projs_[k];
        auto& post = pops_[pr.post_population];
        auto& slots = pr.inhibitory ? post.slot_i : post.slot_e;
        auto transmit = [&](std::uint32_t, std::uint32_t j, std::int64_t w) PLASTICORE_FX_LAMBDA_INLINE {
            add_to_slot(slots[j], pr.to_slot(w), slot_max_, hw_.ring_buffer_overflow, ring_count_);
        };
        return std::visit(
            [&](auto& kernel) PLASTICORE_FX_LAMBDA_INLINE -> segment_work {
                if constexpr (std::is_same_v<std::decay_t<decltype(kernel)>, std::monostate>) {
                    segment_work work;
                    work.synapses = deliver_static(pr, g, ring_count_);
                    return work;
                }
                else {
                    return kernel.on_arrival(g, n, pr.weight.data(), transmit, exec, k);
                }
            },
            pr.kernel);
    }

    // Transmission of row segment g of static projection pr into its post population's input
    // slots; returns the synapses transmitted.
    PLASTICORE_FX_INLINE std::uint32_t deliver_static(projection_state& pr, std::uint32_t g,
                                                      fixed_point::overflow_counter& count) {
        auto& post = pops_[pr.post_population];
        auto& slots = pr.inhibitory ? post.slot_i : post.slot_e;
        const row_segment seg = pr.table->segments[g];
        const std::uint32_t* post_of = pr.table->post.data();
        pr.with_stored_weights([&](const auto* w) PLASTICORE_FX_LAMBDA_INLINE {
            for (std::uint32_t s = seg.begin; s < seg.end; ++s)
                add_to_slot(slots[post_of[s]], pr.to_slot(static_cast<std::int64_t>(w[s])), slot_max_,
                            hw_.ring_buffer_overflow, count);
        });
        return seg.end - seg.begin;
    }

    // Every arriving segment of every projection, in projection order (what fixed::run does).
    template <class Exec = direct_exec>
    void synapse_phase(std::int64_t n, Exec exec = {}) {
        if (team_->threads() > 1) {
            static_synapse_phase();
            return;
        }
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            const auto& a = arrivals(k);
            if (a.empty()) continue;
            begin_arrivals(k);
            for (std::uint32_t g: a) process_segment(k, g, n, exec);
            end_arrivals(k);
        }
    }

    // End of the synapse phase: the Poisson background of the step begun last (begin_step) into
    // the excitatory slots, then written input slots into the currents. Returns the number of
    // (population, receptor) banks folded; banks_neurons gets the neurons they hold.
    std::size_t fold_inputs(std::size_t* bank_neurons = nullptr);
    // Step 5: this step's reward events into the rules that name their source. Returns the
    // number of modulator entries written.
    template <class Exec = direct_exec>
    std::size_t modulator_phase(std::int64_t n, Exec exec = {}) {
        std::size_t written = 0;
        for (std::size_t s = 0; s < n_src_; ++s) {
            if (modulated_[s].empty()) continue;
            const auto& train = stim_.sources[s];
            for (std::size_t c = first_of_step_[s]; c < source_cursor_[s]; ++c)
                for (std::size_t k: modulated_[s])
                    written += with_kernel(k, [&](auto& kernel) { return kernel.on_modulator(n, train.amounts[c], exec, k); });
        }
        (void)n;
        return written;
    }
    // Step 6: post spikes into the rules' histories; returns the number of entries written.
    template <class Exec = direct_exec>
    std::size_t post_phase(std::int64_t n, Exec exec = {}) {
        std::size_t pushes = 0;
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            if (!projs_[k].plastic()) continue;
            for (std::uint32_t j: pops_[projs_[k].post_population].spiked)
                pushes += with_kernel(k, [&](auto& kernel) { return kernel.on_post(j, n, exec, k); });
        }
        return pushes;
    }
    // Step 7: the sweeps of the periodic rules due at step n ((n + 1) % period == 0), in
    // projection order: every synapse of the projection brought up to date (its deferred
    // updates, up to and including step n: bring_up_to(n + 1)), then the rule's sweep.
    template <class Exec = direct_exec>
    periodic_work periodic_phase(std::int64_t n, Exec exec = {}) {
        periodic_work work;
        for (std::size_t k = 0; k < projs_.size(); ++k) {
            std::visit(
                [&](auto& kernel) {
                    using K = std::decay_t<decltype(kernel)>;
                    if constexpr (is_periodic_kernel<K>::value) {
                        if ((n + 1) % kernel.period_steps() != 0) return;
                        work.replayed += kernel.bring_up_to(n + 1, projs_[k].weight.data(), exec, k);
                        work += kernel.on_periodic(n, projs_[k].weight.data(), exec, k);
                    }
                },
                projs_[k].kernel);
        }
        return work;
    }
    // A periodic sweep is due at step n.
    bool periodic_pending(std::int64_t n) const {
        for (const auto& pr: projs_) {
            const bool due = std::visit(
                [&](const auto& kernel) {
                    using K = std::decay_t<decltype(kernel)>;
                    if constexpr (is_periodic_kernel<K>::value) return (n + 1) % kernel.period_steps() == 0;
                    else return false;
                },
                pr.kernel);
            if (due) return true;
        }
        return false;
    }
    // Step 8, spike recording, delay lines advance.
    void end_step(std::int64_t n);
    // After the last step: every synapse brought up to the end of the run. Returns the number
    // of history entries replayed.
    template <class Exec = direct_exec>
    std::size_t flush(Exec exec = {}) {
        std::size_t replayed = 0;
        for (std::size_t k = 0; k < projs_.size(); ++k)
            if (projs_[k].plastic())
                replayed += with_kernel(k, [&](auto& kernel) { return kernel.bring_up_to(n_steps_, projs_[k].weight.data(), exec, k); });
        return replayed;
    }
    // One transaction on the unit of projection k's rule (the C++ side of the plasticity socket).
    synapse_response execute(std::size_t k, const synapse_request& r) {
        return with_kernel(k, [&](auto& kernel) { return kernel.unit().execute(r); });
    }
    // Moves the results out (call once, after flush()).
    run_result finish();

    const hardware_config& hardware() const { return hw_; }
    std::uint64_t slot_max() const { return slot_max_; }
    projection_state& projection_mutable(std::size_t k) { return projs_[k]; }

private:
    std::size_t group_of(const std::string& name) const;
    // input_shift = "expected_input": the rate assumed for the neurons of a group [Hz] and
    // what each projection into bank (p, receptor) brings (fixed/input_shift.hpp).
    double assumed_rate(std::size_t group) const;
    std::vector<projection_input> bank_inputs(std::size_t p, bool inhibitory, const std::vector<double>& w_top,
                                              const network& net) const;
    void apply_bias(std::int64_t n);
    // The background counts of step n into ps's excitatory slots, overflows into `count`.
    void add_background(population_state& ps, std::int64_t n, fixed_point::overflow_counter& count) const;
    // synapse_phase() of static projections on the team's threads.
    void static_synapse_phase();
    // Steps 1-2 for one population, its overflows into `count`; returns the neurons updated.
    std::size_t update_population(population_state& ps, neuron_counters& count);
    static void add_counters(neuron_counters& into, const neuron_counters& c);
    void apply_oscillators(std::int64_t n);
    bool oscillating_in(std::int64_t n) const;
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
    std::unique_ptr<schedule::projection_team> team_;
    std::vector<fixed_point::overflow_counter> team_ring_count_;  // per projection, summed after each phase
    std::unique_ptr<schedule::projection_team> neuron_team_;     // populations shared out (neuron_phase)
    std::vector<neuron_counters> team_ncount_;                   // per population, summed after each phase
    std::vector<fixed_point::overflow_counter> team_background_count_;  // per population (ring buffer)
    std::int64_t step_ = 0;                                      // the step begun last (begin_step)
    run_result res_;
    std::vector<int> recorded_as_;
    std::vector<std::uint64_t> spike_count_;
    std::vector<std::int64_t> bias_changes_;
    std::size_t next_bias_change_ = 0;
    struct oscillating_block {
        std::size_t stimulation;        // index in experiment::stimulations
        std::size_t population;
        std::int64_t first, end;        // active steps [first, end)
        sine_oscillator generator;
    };
    std::vector<oscillating_block> oscillators_;
    std::vector<std::int64_t> sine_table_;  // shared by the generators (empty: none)
    std::vector<std::int64_t> state_every_, weight_every_;
    std::vector<std::size_t> source_cursor_;
    std::vector<std::size_t> first_of_step_;           // per source: this step's first spike
    std::vector<std::vector<std::size_t>> modulated_;  // per source: projections whose rule listens
};

}  // namespace plasticore::fixed
