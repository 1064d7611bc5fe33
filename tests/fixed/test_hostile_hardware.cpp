// Regression tests of issue #11 ("Hardening") for the fixed layer: inputs that silently gave
// wrong results now give the right ones, or a warning naming the variable, its exact and its
// quantized value.

#include <algorithm>

#include "fixed_test_util.hpp"
#include "fixed/weight_scale.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {

// song2000, 1 s, with `extra` before [record] and `hardware` appended.
std::string song(const std::string& extra, const std::string& hardware) {
    std::string text = with_value(read_example("song2000.toml"), "duration_ms", "1000.0");
    text.insert(text.find("[record]"), extra);
    return text + hardware;
}

run_result run_fixed(const std::string& text) {
    const experiment ex = load_text(text);
    const stimulus stim = generate_stimulus(ex);
    const network net = build_network(ex);
    return fixed::run(ex, stim, net);
}

const std::string zero_projection = R"(
[[projection]]
name = "zero"
pre = "inputs"
post = "post"
connector = "all_to_all"
weight_na = 0.0

)";

bool has_warning(const run_result& r, const std::string& part) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("hostile: a zero-weight projection does not coarsen the shared input slot", "[fixed]") {
    // With the spinnaker preset the extra projection made every real weight shift to 0: no post
    // spike in 10 s. With the reference preset it cost 3 bits.
    for (const std::string preset: {"spinnaker", "reference"}) {
        INFO("preset " << preset);
        const std::string hw = "\n[hardware]\npreset = \"" + preset + "\"\n";
        const run_result with_zero = run_fixed(song(zero_projection, hw));
        const run_result without = run_fixed(song("", hw));
        CHECK(with_zero.counts[0].spikes > 0);
        CHECK(with_zero.counts[0].spikes == without.counts[0].spikes);
        CHECK(spike_steps(with_zero) == spike_steps(without));
        CHECK(with_zero.final_weights[0] == without.final_weights[0]);
    }
}

TEST_CASE("hostile: the slot scale ignores projections of zero weights", "[fixed]") {
    CHECK(fixed::choose_slot_shift({}, 16, 16) == 0);
    CHECK(fixed::choose_slot_shift({-20}, 16, 16) == -20);
    CHECK(fixed::choose_slot_shift({-20, -18}, 16, 16) == -18);  // the largest must fit
    CHECK(fixed::choose_slot_shift({-20, -18}, 32, 16) == -20);  // room in the slot: the finest
    CHECK(fixed::choose_slot_shift({-20, 0}, 32, 16) == -16);
}

TEST_CASE("hostile: degenerate number formats warn, naming variable, exact and quantized value", "[fixed]") {
    struct row {
        std::string key_value;
        std::string warning;
    };
    const row rows[] = {
        {"gain_format = \"s1.0\"", "population 'post': P21e (excitatory gain) = 0.394046418 quantizes to 0 in hardware.gain_format s1.0"},
        {"propagator_format = \"u1.0\"", "population 'post': P22 (membrane decay) = 0.990049834 quantizes to 1 in hardware.propagator_format u1.0: it does not decay at all"},
        {"current_format = \"s63.0\"", "projection 'inputs_to_post': largest weight [nA] = 0.08 quantizes to 0 in hardware.current_format s63.0"},
        {"trace_format = \"s63.0\"", "hardware.trace_format s63.0 has no fraction bits"},
    };
    for (const auto& r: rows) {
        INFO(r.key_value);
        const run_result res = run_fixed(song("", "\n[hardware]\n" + r.key_value + "\n"));
        for (const auto& w: res.warnings) UNSCOPED_INFO("warning: " << w);
        CHECK(has_warning(res, r.warning));
    }
    // The reference design warns about nothing.
    CHECK(run_fixed(song("", "")).warnings.empty());
}

TEST_CASE("hostile: a huge recording interval records step 0 only", "[fixed]") {
    // interval_ms = 1e18 or 1e300 recorded every step (llround overflowed, max(1, ...) made it 1).
    for (const std::string interval: {"1e18", "1e300"}) {
        std::string text = with_value(read_example("song2000.toml"), "duration_ms", "100.0");
        text = with_value(text, "interval_ms", interval);  // the weights recording
        const auto state_at = text.find("[[record.state]]");
        text = text.substr(0, state_at) + "[[record.state]]\npopulation = \"post\"\ninterval_ms = " + interval + "\n";
        const run_result r = run_fixed(text);
        REQUIRE(r.snapshots.size() == 1);
        CHECK(r.snapshots[0].step == 0);
        REQUIRE(r.state.size() == 1);
        CHECK(r.state[0].step == 0);
    }
}
