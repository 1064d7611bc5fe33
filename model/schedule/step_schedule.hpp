#pragma once
// The phases of one time step, in the order docs/semantics.md fixes: written once here and
// iterated by every layer (golden's loop, fixed::run, the SystemC core's tick controller), so
// the order cannot differ between them. A layer maps each phase to its own work; a phase a
// layer has no work for (golden has no input slots to fold) is a no-op there.

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace plasticore::schedule {

enum class phase : std::uint8_t {
    begin_step,       // 0: record state and weights as at t_n; bias changes
    neuron_update,    // 1-2: integrate every neuron, threshold
    spike_dispatch,   // 3: this step's spikes into the delay lines
    arrivals,         // 4: presynaptic arrivals: transmission, presynaptic plasticity
    input_fold,       // 4 (end): synaptic input slots into the currents (bit-true layers)
    modulators,       // 5: modulator (reward) events of this step
    post_plasticity,  // 6: postsynaptic spikes into plasticity
    periodic,         // 7: rules that run every `period` steps
    end_step,         // 8: reset, spike recording, delay lines advance
};

inline constexpr std::array<phase, 9> step_phases = {
    phase::begin_step, phase::neuron_update,   phase::spike_dispatch, phase::arrivals, phase::input_fold,
    phase::modulators, phase::post_plasticity, phase::periodic,       phase::end_step,
};

constexpr std::string_view phase_name(phase p) {
    switch (p) {
    case phase::begin_step: return "begin_step";
    case phase::neuron_update: return "neuron_update";
    case phase::spike_dispatch: return "spike_dispatch";
    case phase::arrivals: return "arrivals";
    case phase::input_fold: return "input_fold";
    case phase::modulators: return "modulators";
    case phase::post_plasticity: return "post_plasticity";
    case phase::periodic: return "periodic";
    case phase::end_step: return "end_step";
    }
    return "?";
}

// A phase as a type, so that a step's loop resolves each phase at compile time.
template <phase P>
using phase_constant = std::integral_constant<phase, P>;

namespace detail {
template <class Do, std::size_t... I>
inline void run_step(Do& do_phase, std::index_sequence<I...>) {
    (do_phase(phase_constant<step_phases[I]>{}), ...);
}
}  // namespace detail

// Runs one step: do(phase_constant<p>{}) for every phase p in order. The call for each phase
// is resolved at compile time (`if constexpr (decltype(p)::value == phase::arrivals)`), so the
// schedule costs nothing per step.
template <class Do>
inline void run_step(Do&& do_phase) {
    detail::run_step(do_phase, std::make_index_sequence<step_phases.size()>{});
}

}  // namespace plasticore::schedule
