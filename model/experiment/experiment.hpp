#pragma once
// What to simulate: the in-memory form of an experiment file (docs/experiment-format.md).
// Every model layer (golden, fixed, core, rtl) reads this same description; the loader in
// load_experiment.hpp builds it from TOML and checks it, so the models may assume it is valid.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/chip_config.hpp"
#include "config/core_config.hpp"
#include "config/energy_config.hpp"
#include "config/hardware_config.hpp"
#include "plasticity/rules.hpp"

namespace plasticore {

struct simulation_params {
    double dt = 0.1;           // time step [ms]
    double duration = 1000.0;  // simulated time [ms]
    std::uint64_t seed = 1;    // master seed: stimulus, connectivity and weights derive from it
};

// Current-based leaky integrate-and-fire neuron with exponential synaptic currents, optionally
// adaptive (docs/semantics.md, "Adaptive LIF"): a spike-triggered adaptation current w that
// hyperpolarises like an inhibitory current, and a spike-triggered threshold offset theta.
// Both are off (plain LIF) when their increments are 0.
struct lif_params {
    double tau_m = 10.0;      // membrane time constant [ms]
    double c_m = 0.25;        // membrane capacitance [nF]
    double v_rest = -65.0;    // resting potential [mV]
    double v_reset = -65.0;   // reset potential [mV]
    double v_thresh = -50.0;  // spike threshold [mV]; a spike is v >= v_thresh
    double v_init = -65.0;    // membrane potential at t = 0 [mV]
    double v_init_sd = 0.0;   // SD of each neuron's normal initial potential around v_init [mV]; 0 = all at v_init
    double t_ref = 2.0;       // refractory period [ms], rounded up to whole steps
    double tau_syn_e = 5.0;   // excitatory synaptic current time constant [ms]
    double tau_syn_i = 5.0;   // inhibitory synaptic current time constant [ms]
    double i_offset = 0.0;    // constant input current [nA]
    double adapt_b = 0.0;     // adaptation current increment per spike [nA]; 0 = no adaptation current
    double tau_w = 100.0;     // adaptation current time constant [ms]
    double theta_jump = 0.0;  // threshold increment per spike [mV]; 0 = fixed threshold
    double tau_theta = 50.0;  // threshold offset time constant [ms]
    // Intrinsic plasticity (docs/semantics.md, "Intrinsic plasticity"): a threshold offset
    // theta_ip that drifts by ip_eta mV per second per Hz of the error between a slow rate
    // trace (time constant ip_tau) and the target rate.
    double ip_eta = 0.0;      // [mV/(Hz s)]; 0 = no intrinsic plasticity
    double ip_target = 5.0;   // target firing rate [Hz]
    double ip_tau = 1000.0;   // rate trace time constant [ms]

    bool intrinsic() const { return ip_eta != 0.0; }
    // Any state beyond plain LIF's: the adaptive neuron datapath.
    bool adaptive() const { return adapt_b != 0.0 || theta_jump != 0.0 || intrinsic(); }
};

// On-line Poisson background (docs/semantics.md, "Poisson background"): in every step each
// neuron receives k ~ Poisson(rate_hz dt) spikes, each a jump of weight_na in its excitatory
// current. The counts come from a counter-based stream of (seed, population, neuron, step)
// (random/poisson_counts.hpp), shared by every layer.
struct poisson_background {
    double rate_hz = 0.0;    // total rate onto each neuron [Hz], e.g. 8 Hz x K_ext
    double weight_na = 0.0;  // excitatory current jump per background spike [nA]
};

struct population {
    std::string name;
    int size = 1;    // after [scale] neurons
    lif_params lif;  // i_offset includes the DC that [scale] in_degrees adds
    std::optional<poisson_background> background;  // none: no background, nothing drawn
    // Mean firing rate of the population in the full-size network [Hz]: what [scale]
    // in_degrees < 1 needs to replace, as DC, the input it removes from the populations this
    // one projects to. None: not given.
    std::optional<double> full_rate_hz;
    int full_size = 1;  // as written, before [scale] neurons
};

// Spike sources. Times are in ms; every spike is placed on the step floor(t / dt + 1e-9).
struct poisson_source {
    double rate = 0.0;   // [Hz]; a spike in each step with probability rate * dt
    double start = 0.0;  // [ms]
    std::optional<double> stop;  // [ms], exclusive; none = end of the run
    // Gated: from `start`, on for `on` ms, then silent for `off` ms, repeating (patterns
    // presented in turn); none: always on.
    std::optional<double> on, off;  // [ms]
};
struct regular_source {
    double rate = 0.0;   // [Hz]
    double phase = 0.0;  // time of the first spike [ms]
    std::optional<double> stop;  // [ms], exclusive
};
struct explicit_source {
    std::vector<std::vector<double>> times;  // per channel, spike times [ms], ascending
};
// Pre/post pairing (Bi & Poo 1998): pair k starts at start + k / frequency. Channel j of a
// "pre" stream spikes at the pair start; of a "post" stream at pair start + dt_pair[j] - lead.
// `lead` lets a post stream that drives a neuron through a synapse compensate the latency
// (delay + one step) so the neuron's own spike lands at the intended dt_pair.
struct pairing_source {
    enum class stream_kind { pre, post };
    stream_kind stream = stream_kind::pre;
    std::vector<double> dt_pair;  // one value per channel [ms]
    int n_pairs = 60;
    double frequency = 1.0;  // [Hz]
    double start = 0.0;      // [ms]; pair 0 starts at max(start, max(-dt_pair) + lead) if needed
    double lead = 0.0;       // [ms]
};
// Theta burst: bursts of `pulses` spikes at `intra_burst_frequency`, bursts repeated at
// `burst_frequency`, `n_bursts` bursts (a train), from `start`.
struct theta_burst_source {
    int pulses = 4;
    double intra_burst_frequency = 100.0;  // [Hz]
    double burst_frequency = 5.0;          // [Hz]
    int n_bursts = 10;
    double start = 0.0;  // [ms]
};

// Reward events for modulated plasticity rules (not spikes of neurons: a reward source cannot
// be the pre of a projection). Each event raises the modulator of every projection whose rule
// names the source by `amount` [1/s]. Events at explicit times, or Poisson at `rate`.
struct reward_source {
    std::vector<double> times;    // [ms], ascending; empty: Poisson
    std::vector<double> amounts;  // per time [1/s]; empty: `amount` for every event
    double amount = 1.0;          // [1/s]
    double rate = 0.0;            // Poisson rate [Hz] when no times are given
    double start = 0.0;           // [ms]
    std::optional<double> stop;   // [ms], exclusive; none = end of the run
};

using source_kind = std::variant<poisson_source, regular_source, explicit_source,
                                 pairing_source, theta_burst_source, reward_source>;

struct spike_source {
    std::string name;
    int size = 1;
    source_kind kind;
};

enum class receptor_kind { excitatory, inhibitory };

// Connectivity between a pre population or source and a post population.
struct all_to_all_connector {};
struct one_to_one_connector {};
struct fixed_probability_connector {
    double p = 0.1;  // probability of each (pre, post) pair, drawn from the projection's stream
};
// Exactly n synapses, each with its pre and post drawn uniformly and independently (with
// replacement: multapses and autapses allowed), as NEST's fixed_total_number rule that the
// Potjans & Diesmann (2014) microcircuit uses.
struct fixed_total_number_connector {
    std::int64_t n = 0;
};
struct list_connector {
    struct entry {
        int pre = 0;
        int post = 0;
        std::optional<double> weight;  // [nA]; none = from the projection's weight spec
        std::optional<double> delay;   // [ms]
    };
    std::vector<entry> entries;
};
using connector = std::variant<all_to_all_connector, one_to_one_connector,
                               fixed_probability_connector, list_connector, fixed_total_number_connector>;

// Initial weights [nA].
struct constant_weight { double value = 0.0; };
struct uniform_weight { double low = 0.0, high = 0.0; };
// A normal distribution bounded to [low, high]: a draw outside is clipped to the bound, or with
// redraw drawn again until inside (NEST's nest.math.redraw, as the reference microcircuit draws
// its weights and delays).
struct bounded_normal { double mean = 0.0, sd = 0.0, low = 0.0, high = 0.0; bool redraw = false; };
using normal_weight = bounded_normal;  // [nA]
using weight_init = std::variant<constant_weight, uniform_weight, normal_weight>;

// When a plastic synapse transmits relative to its own presynaptic update (docs/semantics.md,
// step 4): before it (our contract, after Brian2's STDP example) or after it (PyNN's
// STDPMechanism, NEST's stdp_synapse: the arriving spike carries the depressed weight).
enum class transmit_order { before_update, after_update };

struct projection {
    std::string name;
    std::string pre;   // a population or a spike source
    std::string post;  // a population
    connector connectivity;
    receptor_kind receptor = receptor_kind::excitatory;
    weight_init weight;
    double delay = 1.0;  // [ms], rounded to whole steps, at least one step
    // Per-synapse delays [ms] drawn from normal(mean, sd) bounded to [low, high] (clipped, or
    // redrawn until inside), each rounded to whole steps as `delay`; none: every synapse has `delay`.
    std::optional<bounded_normal> delay_distribution;
    plasticity_rule plasticity;  // static_synapse or a rule's parameters (model/plasticity/rules.hpp)
    transmit_order transmit = transmit_order::before_update;  // plastic projections only
};

// Bias-current stimulation (anodal-like for positive, cathodal-like for negative amplitude).
// Constant (tDCS-like) without a frequency; with one, oscillating (tACS-like): in step n of the
// block, which starts at step n0, the current is amplitude sin(2 pi f (n - n0) dt + phase),
// constant over the step (docs/semantics.md, step 0; model/math/oscillation.hpp).
struct stimulation {
    std::string name;
    std::string population;
    std::vector<int> neurons;  // empty = every neuron of the population
    double amplitude = 0.0;    // [nA]; the peak of an oscillating block
    double start = 0.0;        // [ms], inclusive
    std::optional<double> stop;  // [ms], exclusive; none = end of the run
    std::optional<double> frequency;  // [Hz]; set: oscillating, in (0, 1 / (2 dt)]
    double phase = 0.0;        // [deg], oscillating only: the phase at the block's first step

    bool oscillating() const { return frequency.has_value(); }
};

struct state_recording {
    std::string population;
    std::vector<int> neurons;  // empty = every neuron
    double interval = 0.0;     // [ms]; 0 = every step
};
struct weight_recording {
    std::string projection;
    double interval = 0.0;  // [ms] between snapshots; 0 = final weights only
};
// [record] final_weights: the projections whose final weights weights.csv holds. A static
// projection's final weights are its initial ones (golden) or their quantization (fixed): at
// full microcircuit size, 3e8 rows of CSV that say nothing new. summary.json's weight statistics
// cover every projection whatever is chosen.
enum class final_weights_rows {
    all,       // every projection (the default, what every example writes)
    plastic,   // projections with a plasticity rule, and those named in [[record.weights]]
    recorded,  // only projections named in [[record.weights]]
};
struct recording {
    std::vector<std::string> spikes;  // populations and sources whose spikes go to spikes.csv
    std::vector<state_recording> state;
    std::vector<weight_recording> weights;
    final_weights_rows final_weights = final_weights_rows::all;
};

// Writes stdp_window.csv: the weight change of each synapse of a one-to-one plastic projection
// against the pairing interval of its channel (examples/stdp_window.toml).
struct stdp_window_analysis {
    std::string projection;
    std::string pairing_source;  // the "pre" pairing source whose dt_pair labels each channel
};

// [scale] (docs/experiment-format.md, "`[scale]`: simulating a network smaller"): a network described at full size,
// simulated smaller, as the Potjans & Diesmann (2014) reference implementation scales it.
// Already applied by the loader to the populations and projections; kept for reports.
struct scale_params {
    double neurons = 1.0;     // population sizes x neurons (N_scaling), in (0, 1]
    double in_degrees = 1.0;  // in-degrees x in_degrees (K_scaling), in (0, 1]; weights / sqrt
    bool scaled() const { return neurons != 1.0 || in_degrees != 1.0; }
};

struct experiment {
    std::string source_path;  // the file it was read from, for messages
    simulation_params simulation;
    scale_params scale;
    std::vector<population> populations;
    std::vector<spike_source> sources;
    std::vector<projection> projections;
    std::vector<stimulation> stimulations;
    recording record;
    std::vector<stdp_window_analysis> stdp_windows;
    // [hardware]: formats and modes of the bit-true layers (docs/datapath.md); defaults are
    // the reference design. The golden model ignores it.
    fixed::hardware_config hardware;
    // [core]: timing of the cycle-accurate core (docs/architecture.md); only --model core reads it.
    core::core_config core;
    // [chip]: cores, router and links of a multi-core chip (docs/chip.md); only --model chip reads it.
    chip::chip_config chip;
    // [energy]: per-operation energies and areas of a technology point (docs/energy.md); the
    // core's estimate of energy and area reads it.
    energy::energy_config energy;
};

}  // namespace plasticore
