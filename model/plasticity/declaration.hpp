#pragma once
// How a plasticity rule is declared: once, below every layer. A declaration lists the rule's
// parameters (TOML key, unit, default, allowed range), its state variables with their owner and
// [hardware] format key, the events it reacts to, its weight bounds and its Brian2 equations.
// The loader, `validate`, `describe`, `plasticore rules`, the sweep's key checks, the memory
// report and the Brian2 cross-check all read it; no consumer names a rule's parameters itself.
// The shape follows arbor's mechanism tables (name, unit, default, range per field).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plasticore::plasticity {

// Who owns one copy of a state variable: this decides where a hardware core stores it.
enum class owner : std::uint8_t {
    synapse,      // in the synapse word
    pre_row,      // in the row-segment header (one per presynaptic neuron and delay)
    post_neuron,  // per postsynaptic neuron, in every post-history entry
    projection,   // one register per projection
};
std::string_view owner_name(owner o);

// Events a rule reacts to (bit set). The step phases that deliver them are in
// docs/semantics.md and model/schedule/step_schedule.hpp.
enum event : unsigned {
    pre_arrival = 1u,  // a presynaptic spike reaches a row segment
    post_spike = 2u,   // a postsynaptic neuron spikes
    modulator = 4u,    // a modulator (reward) event reaches the projection
    periodic = 8u,     // every `period` steps
};
std::string event_names(unsigned events);  // "pre_arrival, post_spike"

// An allowed interval of a number; open ends exclude the bound.
struct interval {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool lo_open = false, hi_open = false;

    bool contains(double x) const {
        return (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
    }
    std::string text() const;  // "> 0", ">= 0", "in [0, 1]"
};
inline constexpr interval positive{0.0, std::numeric_limits<double>::infinity(), true, false};
inline constexpr interval non_negative{0.0, std::numeric_limits<double>::infinity(), false, false};
inline constexpr interval any_number{};

enum class param_kind : std::uint8_t {
    number,      // a double with a unit and an allowed interval
    choice,      // one of a few names, stored as an enum
    source_ref,  // the name of a reward source of the experiment
};

// One parameter of the rule's parameter struct P.
template <class P>
struct param {
    param_kind kind = param_kind::number;
    std::string_view key;          // TOML key in [projection.plasticity]
    std::string_view unit;         // "ms", "nA", "1", "1/s"; empty for choices and names
    std::string_view description;  // one line
    double P::*number = nullptr;   // number: the member
    interval allowed{};            // number: its allowed values
    std::vector<std::string_view> choices;  // choice: the names, in enum order
    int (*get_choice)(const P&) = nullptr;  // choice: the member as its index
    void (*set_choice)(P&, int) = nullptr;
    std::string P::*text = nullptr;         // source_ref: the member
};

template <class P>
param<P> number_param(std::string_view key, std::string_view unit, double P::*member, interval allowed,
                      std::string_view description) {
    param<P> p;
    p.kind = param_kind::number;
    p.key = key;
    p.unit = unit;
    p.number = member;
    p.allowed = allowed;
    p.description = description;
    return p;
}

// A choice stored as an enum member M whose values are 0 .. choices.size() - 1.
template <auto M, class P>
param<P> choice_param(std::string_view key, std::vector<std::string_view> choices, std::string_view description) {
    param<P> p;
    p.kind = param_kind::choice;
    p.key = key;
    p.choices = std::move(choices);
    p.description = description;
    p.get_choice = [](const P& x) { return static_cast<int>(x.*M); };
    p.set_choice = [](P& x, int v) { x.*M = static_cast<std::decay_t<decltype(x.*M)>>(v); };
    return p;
}

template <class P>
param<P> source_param(std::string_view key, std::string P::*member, std::string_view description) {
    param<P> p;
    p.kind = param_kind::source_ref;
    p.key = key;
    p.text = member;
    p.description = description;
    return p;
}

// One state variable.
struct state_var {
    std::string_view name;        // as in docs/semantics.md
    owner who;
    std::string_view format_key;  // [hardware] key of its number format (docs/datapath.md)
    std::string_view unit;
    std::string_view description;
};

// A parameter problem found by a cross-parameter check: the key to blame and why.
struct param_problem {
    std::string_view key;
    std::string message;
};

// The rule as Brian2 code (tools/brian2/crosscheck.py builds the Synapses from it). Names in
// the code: w (the weight, amp), the namespace entries, t; transmission is added by the
// cross-check in the order docs/semantics.md fixes. Variables of the post population carry
// Brian2's _post suffix as usual.
struct brian2_code {
    std::string model;         // Synapses model lines besides "w : amp"
    std::string on_pre_before; // presynaptic pathway, before transmission (bring state up to t)
    std::string on_pre;        // presynaptic plasticity (after transmission)
    std::string on_post;       // postsynaptic plasticity
    std::string final_weight;  // the weight at time t of a rule whose weights move between events
                               // (the cross-check sets w to it after the run); empty: w
    std::string on_modulator;  // a modulator event: the event's amount [1/s] is the post variable
                               // modulator_amount (modulator_amount_post here); empty if none
    std::string periodic;      // a periodic rule's update, run every `period` (a namespace entry)
                               // at the end of a step (after every event); empty if none
    // name -> value with Brian2 units ("20.0*ms"), from the rule's parameters
    std::vector<std::pair<std::string, std::string>> namespace_entries;
};

template <class P>
struct declaration {
    std::string_view name;       // the value of `rule`
    std::string_view summary;    // one line
    std::string_view reference;  // literature
    std::vector<param<P>> params;
    std::vector<state_var> state;
    unsigned events = 0;         // event bits
    double P::*w_min = nullptr;  // weight bounds [nA]
    double P::*w_max = nullptr;
    std::optional<param_problem> (*check)(const P&) = nullptr;  // after every parameter is read
    brian2_code (*brian2)(const P&) = nullptr;
};

}  // namespace plasticore::plasticity
