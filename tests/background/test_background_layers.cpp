// The Poisson background through the timed layers: --model core and --model chip, with the
// populations cut into slices over many cores, are bit-identical to fixed (the counts are a
// function of population, neuron and step, not of which core holds the neuron).
#include <catch2/catch.hpp>

#include <string>

#include "chip/chip_model.hpp"
#include "core/core_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
std::string network_text(const std::string& chip) {
    return R"(
[simulation]
dt_ms = 0.1
duration_ms = 60.0
seed = 3
[[population]]
name = "e"
size = 60
background_rate_hz = 14000.0
background_weight_na = 0.1
[[population]]
name = "i"
size = 20
background_rate_hz = 10000.0
background_weight_na = 0.08
[[projection]]
name = "e_i"
pre = "e"
post = "i"
connector = "fixed_probability"
p = 0.3
weight_na = 0.2
delay_ms = 1.0
[[projection]]
name = "i_e"
pre = "i"
post = "e"
connector = "fixed_probability"
p = 0.3
receptor = "inhibitory"
weight_na = 0.4
[record]
spikes = ["e", "i"]
[[record.state]]
population = "e"
neurons = [0, 7, 59]
)" + chip;
}
}  // namespace

TEST_CASE("background: core is bit-identical to fixed", "[background]") {
    const experiment ex = load_experiment_from_string(network_text(""), "bg.toml");
    const both_runs r = run_both(ex);
    CHECK(r.fixed.spikes.size() > 100);
    require_identical(r.fixed, r.core);
}

TEST_CASE("background: a chip of 7-neuron cores is bit-identical to fixed", "[background]") {
    const experiment ex = load_experiment_from_string(network_text("[chip]\ncores = 64\nneurons_per_core = 7\n"), "bg.toml");
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    const run_result f = fixed::run(ex, stim, net);
    CHECK(f.spikes.size() > 100);
    require_identical(f, chip::run(ex, stim, net));
}
