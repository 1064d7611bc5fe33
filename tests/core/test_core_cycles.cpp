// Directed cycle tests: the core's timing against the numbers derived by hand in
// docs/architecture.md ("Worked examples"), with the default [core] costs unless stated.
#include <nlohmann/json.hpp>

#include "core_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
// One source of `channels` channels, each spiking once at 1.0 ms (step 10), all-to-all into a
// population of `neurons` with a 1 ms delay (arrival at step 20); `core` is the [core] body.
std::string one_spike(int channels, int neurons, const std::string& duration, const std::string& core) {
    std::string times;
    for (int i = 0; i < channels; ++i) times += std::string(i ? ", " : "") + "[1.0]";
    return "[simulation]\ndt_ms = 0.1\nduration_ms = " + duration +
           "\nseed = 1\n[[population]]\nname = \"post\"\nsize = " + std::to_string(neurons) +
           "\ntau_m_ms = 10.0\nc_m_nf = 0.25\nv_rest_mv = -70.0\nv_reset_mv = -70.0\nv_thresh_mv = -55.0\n"
           "t_ref_ms = 2.0\ntau_syn_e_ms = 5.0\ntau_syn_i_ms = 5.0\n"
           "[[source]]\nname = \"in\"\nkind = \"explicit\"\nsize = " + std::to_string(channels) +
           "\ntimes_ms = [" + times + "]\n"
           "[[projection]]\nname = \"in_to_post\"\npre = \"in\"\npost = \"post\"\nconnector = \"all_to_all\"\n"
           "weight_na = 0.01\ndelay_ms = 1.0\n[record]\nspikes = [\"post\"]\n[core]\n" + core;
}

nlohmann::json core_of(const std::string& text) {
    const experiment ex = load_experiment_from_string(text, "cycles.toml");
    const auto r = run_both(ex);
    require_identical(r.fixed, r.core);
    return nlohmann::json::parse(r.core.core_report);
}
}  // namespace

TEST_CASE("one spike into a row of 16 synapses costs 7 + 2 k = 39 pipeline cycles", "[systemc]") {
    const auto j = core_of(one_spike(1, 16, "3.0", "mode = \"accelerated\"\n"));
    // 30 ticks of 3 + 16 * 2 = 35 neuron cycles; tick 10: + 2 (AER: 1 + 1 segment);
    // tick 20: + 39 (synapse row) + 16 (input fold).
    CHECK(j["events"]["synaptic_events"] == 16);
    CHECK(j["busy_cycles"]["synapse_pipeline"] == 39);
    CHECK(j["busy_cycles"]["aer_input"] == 2);
    CHECK(j["busy_cycles"]["neuron_engine"] == 30 * 35 + 16);
    CHECK(j["busy_cycles_per_tick"]["min"] == 35);
    CHECK(j["busy_cycles_per_tick"]["max"] == 35 + 39 + 16);
    CHECK(j["total_cycles"] == 1107);
    CHECK(j["cycles_per_synaptic_event"].get<double>() == Approx(39.0 / 16.0));
    CHECK(j["memories"]["synapse_sram"]["reads"] == 16);
    CHECK(j["memories"]["synapse_sram"]["writes"] == 0);
}

TEST_CASE("a tick with 100 neurons and 4 lanes costs 3 + ceil 100 by 4 times 2 = 53 cycles", "[systemc]") {
    const auto j = core_of(one_spike(1, 100, "1.0", "mode = \"accelerated\"\nlanes = 4\n"));
    CHECK(j["busy_cycles_per_tick"]["min"] == 53);
    CHECK(j["busy_cycles_per_tick"]["max"] == 53);
    CHECK(j["total_cycles"] == 10 * 53);
    CHECK(j["max_acceleration"].get<double>() == Approx(20000.0 / 53.0));
}

TEST_CASE("a full FIFO stalls the AER sender under backpressure", "[systemc]") {
    // 20 events in one tick, the writer needs 2 cycles each, the sender offers 1 per cycle:
    // from the 6th event on each push waits 1 cycle; the writer ends at 40.
    const auto j = core_of(one_spike(20, 3, "3.0", "mode = \"accelerated\"\nfifo_depth = 2\n"));
    CHECK(j["fifo_high_water"] == 2);
    CHECK(j["stalls"]["fifo_backpressure_cycles"] == 15);
    CHECK(j["stalls"]["fifo_dropped_events"] == 0);
    CHECK(j["busy_cycles"]["aer_input"] == 40);
}

TEST_CASE("a full FIFO drops and counts events in drop mode", "[systemc]") {
    const experiment ex = load_experiment_from_string(
        one_spike(20, 3, "3.0", "mode = \"accelerated\"\nfifo_depth = 2\nfifo_full = \"drop\"\n"), "drop.toml");
    const auto r = run_both(ex);
    const auto j = nlohmann::json::parse(r.core.core_report);
    CHECK(j["fifo_high_water"] == 2);
    CHECK(j["stalls"]["fifo_backpressure_cycles"] == 0);
    const std::uint64_t dropped = j["stalls"]["fifo_dropped_events"];
    CHECK(dropped > 0);
    CHECK(j["events"]["synaptic_events"] == 3 * (20 - dropped));
}

TEST_CASE("ticks that overrun their real-time budget are detected and counted", "[systemc]") {
    // 0.5 MHz, dt 0.1 ms: 50 cycles per tick. 20 neurons: 43 cycles; tick 20 also carries
    // the row (7 + 2 * 20) and the fold (20): 110 cycles. Ticks 20..28 end late (9 overruns),
    // ticks 21..29 start 60, 53, ..., 4 cycles late (288 cycles).
    const auto j = core_of(one_spike(1, 20, "5.0", "clock_mhz = 0.5\nmode = \"realtime\"\n"));
    CHECK(j["tick_budget_cycles"] == 50);
    CHECK(j["busy_cycles_per_tick"]["max"] == 110);
    CHECK(j["realtime"]["overrun_ticks"] == 9);
    CHECK(j["stalls"]["late_tick_start_cycles"] == 288);
    CHECK(j["total_cycles"] == 49 * 50 + 43);
}

TEST_CASE("a periodic sweep of 16 synapses onto 16 neurons costs 7 + 2 k + 2 k + 2 k + 1 = 104 cycles", "[systemc]") {
    // The row of 16 synapses with synaptic scaling every 1 ms: sweeps at the ends of steps 9, 19
    // and 29. Each: 1 row segment (2 + 1 + 4), 16 words (2 each), 16 rate estimates read
    // (post_cycles 2 each), 16 factors + 16 scales (plasticity_op_cycles 1 each), the write-backs
    // drain once (two ports): 7 + 32 + 32 + 32 + 1 = 104.
    std::string text = one_spike(1, 16, "3.0", "mode = \"accelerated\"\n");
    text.insert(text.find("[record]"), "[projection.plasticity]\nrule = \"synaptic_scaling\"\nperiod_ms = 1.0\n"
                                       "w_min_na = 0.0\nw_max_na = 1.0\n");
    const experiment ex = load_experiment_from_string(text, "cycles.toml");
    const auto r = run_both(ex);
    require_identical(r.fixed, r.core);
    const auto j = nlohmann::json::parse(r.core.core_report);
    CHECK(j["periodic"]["sweeps"] == 3);
    CHECK(j["periodic"]["synapses"] == 3 * 16);
    CHECK(j["periodic"]["busy_cycles"] == 3 * 104);
    CHECK(j["busy_cycles"]["synapse_pipeline"] == 39 + 3 * 104);
    CHECK(j["busy_cycles_per_tick"]["max"] == 35 + 104);  // a sweep tick (the arrival tick: 35 + 39 + 16)
    CHECK(j["memories"]["synapse_sram"]["reads"] == 16 + 3 * 16);
    CHECK(j["memories"]["synapse_sram"]["writes"] == 3 * 16);
    CHECK(j["plasticity_transactions"]["rate_error"] == 3 * 16);
    CHECK(j["plasticity_transactions"]["scale"] == 3 * 16);
    // No neuron spikes (0.01 nA): every sweep multiplies each weight by 1 + eta target = 1.05;
    // the weight LSB is 2^-16 nA (16 bits, w_max 1 nA), each of the 3 stochastic write-backs
    // and the initial quantization moves it by at most 1 LSB (measured: 0.0115967 and 0.0116272
    // against 0.0115763).
    for (double w: r.fixed.final_weights[0]) CHECK(w == Approx(0.01 * 1.05 * 1.05 * 1.05).margin(4.0 / 65536.0));
}

TEST_CASE("an oscillating bias block costs oscillator_cycles per tick while it is active, and a sine-table read", "[systemc]") {
    // 16 neurons, 30 steps, accelerated: T_n = 3 + 16 * 2 = 35 per tick. One oscillating block
    // active from 1.0 ms to 2.0 ms (steps 10..19, 10 ticks) adds 5 cycles (oscillator_cycles) to
    // each of them; its sine table has 2^6 entries of 16 bits (oscillator_sine_format s1.14).
    std::string text = one_spike(16, 16, "3.0", "mode = \"accelerated\"\noscillator_cycles = 5\n");
    text += "[[stimulation]]\nname = \"tacs\"\npopulation = \"post\"\namplitude_na = 0.05\nfrequency_hz = 10.0\n"
            "start_ms = 1.0\nstop_ms = 2.0\n[hardware]\noscillator_table_bits = 6\n";
    const auto j = core_of(text);
    CHECK(j["oscillator"]["evaluations"] == 10);
    CHECK(j["oscillator"]["busy_cycles"] == 50);
    CHECK(j["busy_cycles_per_tick"]["min"] == 35);
    CHECK(j["memories"]["sine_table"]["reads"] == 10);
    CHECK(j["memories"]["sine_table"]["bits"] == 64 * 16);
    // Without the block the same run costs 50 cycles less.
    const auto plain = core_of(one_spike(16, 16, "3.0", "mode = \"accelerated\"\noscillator_cycles = 5\n"));
    CHECK(j["total_cycles"].get<std::uint64_t>() == plain["total_cycles"].get<std::uint64_t>() + 50);
    CHECK(plain["oscillator"]["evaluations"] == 0);
    CHECK_FALSE(plain["memories"].contains("sine_table"));
}
