// Every class of bad input gives an experiment_error "FILE:LINE:COL: KEY: what (got VALUE)".

#include "experiment_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
// Lines 4..: a population "post" (size 2) and a Poisson source "inputs" (size 3).
const std::initializer_list<std::string> net = {
    "[[population]]",      // 4
    "name = \"post\"",     // 5
    "size = 2",            // 6
    "[[source]]",          // 7
    "name = \"inputs\"",   // 8
    "kind = \"poisson\"",  // 9
    "size = 3",            // 10
    "rate_hz = 10.0",      // 11
};

std::string net_plus(std::initializer_list<std::string> more) {
    std::string text = doc(net);
    for (const auto& l: more) text += l + "\n";
    return text;
}

// Lines 12..: a projection header and name, then `more` from line 14.
std::string projection_plus(std::initializer_list<std::string> more) {
    std::string text = net_plus({"[[projection]]", "name = \"in_post\""});
    for (const auto& l: more) text += l + "\n";
    return text;
}
}  // namespace

TEST_CASE("errors: unknown keys, with suggestions", "[experiment]") {
    expect_error(doc({"seeds = 3"}), 4, "simulation.seeds", "3", "did you mean 'seed'?");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "tau_m = 10.0"}), 7,
                 "population[0].tau_m", "10.0", "did you mean 'tau_m_ms'?");
    expect_error(doc({"[board]", "clock_mhz = 200"}), 4, "board", "",
                 "unknown section; allowed sections are 'simulation'");
    expect_error(doc({"[hardware]", "clock_mhz = 200"}), 5, "hardware.clock_mhz", "200",
                 "unknown key; allowed keys are 'preset'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "[projection.plasticity]", "rule = \"stdp_pair\"",
                                  "tau_plus = 20.0"}),
                 19, "projection 'in_post'.plasticity.tau_plus", "20.0",
                 "did you mean 'tau_plus_ms'?");
    expect_error(net_plus({"[[record.state]]", "population = \"post\"", "intervall_ms = 1.0"}), 14,
                 "record.state[0].intervall_ms", "1.0", "did you mean 'interval_ms'?");
    // A key of another kind of source is unknown for this kind.
    expect_error(net_plus({"phase_ms = 1.0"}), 12, "source 'inputs'.phase_ms", "1.0",
                 "unknown key");
    // p belongs to fixed_probability only.
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "p = 0.5"}),
                 17, "projection 'in_post'.p", "0.5", "unknown key");
}

TEST_CASE("errors: wrong types", "[experiment]") {
    expect_error(doc({"[[population]]", "name = \"a\"", "size = \"ten\""}), 6,
                 "population 'a'.size", "\"ten\"", "expected an integer, found string");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 2.5"}), 6, "population 'a'.size",
                 "2.5", "expected an integer");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 2", "tau_m_ms = \"10\""}), 7,
                 "population 'a'.tau_m_ms", "\"10\"", "expected a number");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 2", "tau_m_ms = nan"}), 7,
                 "population 'a'.tau_m_ms", "nan", "finite");
    expect_error(doc({"[population]", "name = \"a\""}), 4, "population", "",
                 "expected an array of tables (write [[population]])");
    expect_error(doc({"[record]", "spikes = \"post\""}), 5, "record.spikes", "\"post\"",
                 "expected an array");
}

TEST_CASE("errors: missing required keys and sections", "[experiment]") {
    expect_error(doc({"[[population]]", "name = \"a\""}), 4, "population 'a'.size", "",
                 "required key is missing");
    expect_error(doc({"[[population]]", "size = 1"}), 4, "population[0].name", "",
                 "required key is missing");
    expect_error("[[population]]\nname = \"a\"\nsize = 1\n", 1, "simulation", "",
                 "required section [simulation] is missing");
    expect_error("[simulation]\ndt_ms = 0.1\n", 1, "simulation.duration_ms", "",
                 "required key is missing");
    expect_error(net_plus({"[[source]]", "name = \"s\"", "kind = \"poisson\"", "rate_hz = 1.0"}),
                 12, "source 's'.size", "", "required key is missing");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\""}), 12,
                 "projection 'in_post'.weight_na", "", "required key is missing");
}

TEST_CASE("errors: non-positive time constants, dt, duration, size", "[experiment]") {
    expect_error("[simulation]\ndt_ms = 0\nduration_ms = 10.0\n", 2, "simulation.dt_ms", "0",
                 "must be > 0");
    expect_error("[simulation]\ndt_ms = 0.1\nduration_ms = -5.0\n", 3, "simulation.duration_ms",
                 "-5.0", "must be > 0");
    expect_error("[simulation]\ndt_ms = 0.1\nduration_ms = 10.0\nseed = -1\n", 4,
                 "simulation.seed", "-1", "non-negative");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 0"}), 6, "population 'a'.size",
                 "0", "must be > 0");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "tau_m_ms = -10.0"}), 7,
                 "population 'a'.tau_m_ms", "-10.0", "must be > 0");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "tau_syn_i_ms = 0.0"}), 7,
                 "population 'a'.tau_syn_i_ms", "0.0", "must be > 0");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "c_m_nf = 0"}), 7,
                 "population 'a'.c_m_nf", "0", "must be > 0");
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "t_ref_ms = -1"}), 7,
                 "population 'a'.t_ref_ms", "-1", "must be >= 0");
}

TEST_CASE("errors: v_reset at or above v_thresh", "[experiment]") {
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "v_reset_mv = -50.0"}), 7,
                 "population 'a'.v_reset_mv", "-50.0", "must be below v_thresh_mv (-50)");
    // Only the threshold given: the error points at it.
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "v_thresh_mv = -70.0"}), 7,
                 "population 'a'.v_thresh_mv", "-70.0", "v_reset_mv (-65)");
}

TEST_CASE("errors: names, duplicates and references", "[experiment]") {
    expect_error(doc({"[[population]]", "name = \"2bad\"", "size = 1"}), 5, "population[0].name",
                 "\"2bad\"", "letter");
    // Populations are read before sources, so the source is the duplicate.
    expect_error(net_plus({"[[population]]", "name = \"inputs\"", "size = 1"}), 8,
                 "source[0].name", "\"inputs\"", "duplicate name");
    expect_error(net_plus({"[[source]]", "name = \"post\"", "kind = \"poisson\"", "size = 1",
                           "rate_hz = 1.0"}),
                 13, "source[1].name", "\"post\"", "duplicate name");
    expect_error(projection_plus({"pre = \"inptus\"", "post = \"post\"", "weight_na = 0.1"}), 14,
                 "projection 'in_post'.pre", "\"inptus\"", "did you mean 'inputs'?");
    expect_error(projection_plus({"pre = \"post\"", "post = \"inputs\"", "weight_na = 0.1"}), 15,
                 "projection 'in_post'.post", "\"inputs\"", "must be a population");
    expect_error(projection_plus({"pre = \"post\"", "post = \"nobody\"", "weight_na = 0.1"}), 15,
                 "projection 'in_post'.post", "\"nobody\"", "no population is called 'nobody'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "[[projection]]", "name = \"in_post\"", "pre = \"post\"",
                                  "post = \"post\"", "weight_na = 0.1"}),
                 18, "projection[1].name", "\"in_post\"", "duplicate name");
    expect_error(net_plus({"[record]", "spikes = [\"post\", \"nobody\"]"}), 13, "record.spikes[1]",
                 "\"nobody\"", "no population or source");
    expect_error(net_plus({"[[record.weights]]", "projection = \"nothing\""}), 13,
                 "record.weights[0].projection", "\"nothing\"", "no projection");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"inputs\"",
                           "amplitude_na = 1.0"}),
                 14, "stimulation 's'.population", "\"inputs\"", "must be a population");
}

TEST_CASE("errors: unknown enum strings list the allowed ones", "[experiment]") {
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "connector = \"all2all\""}),
                 16, "projection 'in_post'.connector", "\"all2all\"",
                 "must be one of 'all_to_all', 'one_to_one', 'fixed_probability', 'list'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "receptor = \"exc\""}),
                 16, "projection 'in_post'.receptor", "\"exc\"",
                 "must be one of 'excitatory', 'inhibitory'");
    expect_error(net_plus({"[record]", "final_weights = \"static\""}), 13, "record.final_weights",
                 "\"static\"", "must be one of 'all', 'plastic', 'recorded'");
    expect_error(net_plus({"[[source]]", "name = \"s\"", "kind = \"poison\""}), 14,
                 "source 's'.kind", "\"poison\"", "'poisson', 'regular', 'explicit'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "[projection.plasticity]", "rule = \"triplet\""}),
                 18, "projection 'in_post'.plasticity.rule", "\"triplet\"", "'stdp_pair'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "[projection.plasticity]", "rule = \"stdp_pair\"",
                                  "pairing = \"closest\""}),
                 19, "projection 'in_post'.plasticity.pairing", "\"closest\"",
                 "'all_to_all', 'nearest'");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "[projection.plasticity]", "rule = \"stdp_pair\"",
                                  "transmit = \"after\""}),
                 19, "projection 'in_post'.plasticity.transmit", "\"after\"",
                 "'before_update', 'after_update'");
}

TEST_CASE("errors: delays, probabilities, connectors", "[experiment]") {
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "delay_ms = 0.04"}),
                 17, "projection 'in_post'.delay_ms", "0.04", "at least one step");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"fixed_probability\"", "p = 1.5"}),
                 18, "projection 'in_post'.p", "1.5", "[0, 1]");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"fixed_probability\"", "p = -0.1"}),
                 18, "projection 'in_post'.p", "-0.1", "[0, 1]");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"one_to_one\""}),
                 17, "projection 'in_post'.connector", "\"one_to_one\"",
                 "'inputs' has 3, 'post' has 2");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"list\"", "connections = [[0, 1], [3, 0]]"}),
                 18, "projection 'in_post'.connections[1][0]", "3", "pre index out of range");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"list\"", "connections = [[0, 2]]"}),
                 18, "projection 'in_post'.connections[0][1]", "2", "post index out of range");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"list\"", "connections = [[0, 1, 0.1, 0.01]]"}),
                 18, "projection 'in_post'.connections[0][3]", "0.01", "at least one step");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"list\"", "connections = [[0]]"}),
                 18, "projection 'in_post'.connections[0]", "[0]", "expected [pre, post]");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"list\""}),
                 12, "projection 'in_post'.connections", "", "required key is missing");
}

TEST_CASE("errors: weights and plasticity bounds", "[experiment]") {
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = -0.1"}), 16,
                 "projection 'in_post'.weight_na", "-0.1", "receptor");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { uniform = [0.5, 0.1] }"}),
                 16, "projection 'in_post'.weight_na.uniform", "[0.5, 0.1]", "low must be <= high");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { normal = [0.5, -0.1], clip = [0.0, 1.0] }"}),
                 16, "projection 'in_post'.weight_na.normal", "[0.5, -0.1]", "sd must be >= 0");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { normal = [0.5, 0.1] }"}),
                 16, "projection 'in_post'.weight_na.normal", "", "exactly one of clip");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { normal = [0.5, 0.1], clip = [0.0, 1.0], redraw = [0.0, 1.0] }"}),
                 16, "projection 'in_post'.weight_na.normal", "", "exactly one of clip");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { normal = [0.5, 0.1], redraw = [2.0, 3.0] }"}),
                 16, "projection 'in_post'.weight_na.redraw", "[2.0, 3.0]", "within 5 sd");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { uniform = [0.1, 0.2], normal = [0.5, 0.1] }"}),
                 16, "projection 'in_post'.weight_na", "", "exactly one of");
    std::initializer_list<std::string> plastic_head = {
        "pre = \"inputs\"", "post = \"post\"", "weight_na = 0.02", "[projection.plasticity]",
        "rule = \"stdp_pair\""};
    std::string text = projection_plus(plastic_head);
    expect_error(text, 16, "projection 'in_post'.weight_na", "0.02",
                 "outside [w_min_na, w_max_na] = [0, 0.01]");
    expect_error(text + "w_min_na = 0.03\nw_max_na = 0.025\n", 20,
                 "projection 'in_post'.plasticity.w_max_na", "0.025",
                 "w_max_na (0.025) must be greater than w_min_na (0.03)");
    expect_error(text + "tau_minus_ms = 0.0\n", 19,
                 "projection 'in_post'.plasticity.tau_minus_ms", "0.0", "must be > 0");
    expect_error(text + "a_plus = -0.01\n", 19, "projection 'in_post'.plasticity.a_plus", "-0.01",
                 "must be >= 0");
    // A uniform range reaching past w_max.
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"",
                                  "weight_na = { uniform = [0.0, 0.5] }", "[projection.plasticity]",
                                  "rule = \"stdp_pair\""}),
                 16, "projection 'in_post'.weight_na.uniform", "[0.0, 0.5]", "outside");
    // A plastic list weight.
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.001",
                                  "connector = \"list\"", "connections = [[0, 0, 0.5]]",
                                  "[projection.plasticity]", "rule = \"stdp_pair\""}),
                 18, "projection 'in_post'.connections[0][2]", "0.5", "outside");
}

TEST_CASE("errors: rates of sources", "[experiment]") {
    std::string head = "[[source]]\nname = \"s\"\nkind = \"poisson\"\nsize = 1\n";  // lines 4-7
    expect_error(preamble + head + "rate_hz = -1.0\n", 8, "source 's'.rate_hz", "-1.0",
                 "must be >= 0");
    expect_error(preamble + head + "rate_hz = 20000.0\n", 8, "source 's'.rate_hz", "20000.0",
                 "must be <= 1");
    expect_error(preamble + head + "rate_hz = 10.0\nstart_ms = 50.0\nstop_ms = 20.0\n", 10,
                 "source 's'.stop_ms", "20.0", "must be after start_ms");
    expect_error(doc({"[[source]]", "name = \"r\"", "kind = \"regular\"", "size = 1",
                      "rate_hz = 0"}),
                 8, "source 'r'.rate_hz", "0", "must be > 0");
    expect_error(doc({"[[source]]", "name = \"t\"", "kind = \"theta_burst\"", "size = 1",
                      "pulses = 30", "intra_burst_hz = 100.0", "burst_hz = 5.0"}),
                 10, "source 't'.burst_hz", "5.0", "bursts overlap");
}

TEST_CASE("errors: explicit spike times", "[experiment]") {
    std::initializer_list<std::string> head = {"[[source]]", "name = \"x\"",
                                               "kind = \"explicit\""};
    expect_error(doc(head) + "times_ms = [[0.5, -1.0]]\n", 7, "source 'x'.times_ms[0][1]", "-1.0",
                 ">= 0");
    expect_error(doc(head) + "times_ms = [[1.0], [3.0, 2.0]]\n", 7, "source 'x'.times_ms[1][1]",
                 "2.0", "ascending");
    expect_error(doc(head) + "times_ms = [[1.0], [2.0]]\nsize = 3\n", 8, "source 'x'.size", "3",
                 "does not match the 2 channels");
    expect_error(doc(head), 4, "source 'x'.times_ms", "", "required key is missing");
    expect_error(doc(head) + "times_ms = [[1.0]]\nfile = \"s.csv\"\n", 8, "source 'x'.file",
                 "\"s.csv\"", "not both");
}

TEST_CASE("errors: pairing sources", "[experiment]") {
    std::initializer_list<std::string> head = {"[[source]]", "name = \"pp\"", "kind = \"pairing\"",
                                               "stream = \"pre\""};  // lines 4-7
    expect_error(doc(head) + "dt_pair_ms = []\n", 8, "source 'pp'.dt_pair_ms", "[]",
                 "must not be empty");
    expect_error(doc(head) + "dt_pair_ms = [1.0, 2.0]\nsize = 3\n", 9, "source 'pp'.size", "3",
                 "does not match the 2 values");
    expect_error(doc(head) + "dt_pair_ms = [1.0]\nn_pairs = 0\n", 9, "source 'pp'.n_pairs", "0",
                 "must be >= 1");
    expect_error(doc(head) + "dt_pair_ms = [1.0]\nfrequency_hz = 0.0\n", 9,
                 "source 'pp'.frequency_hz", "0.0", "must be > 0");
    expect_error(doc(head) + "dt_pair_ms = { from = 10.0, to = -10.0, step = 5.0 }\n", 8,
                 "source 'pp'.dt_pair_ms.to", "-10.0", "must be >= from");
    expect_error(doc(head) + "dt_pair_ms = { from = -10.0, to = 10.0, step = 0.0 }\n", 8,
                 "source 'pp'.dt_pair_ms.step", "0.0", "must be > 0");
    expect_error(doc(head) + "dt_pair_ms = { from = -10.0, to = 10.0, stp = 1.0 }\n", 8,
                 "source 'pp'.dt_pair_ms.stp", "1.0", "did you mean 'step'?");
    expect_error(doc({"[[source]]", "name = \"pp\"", "kind = \"pairing\"", "dt_pair_ms = 1.0"}),
                 4, "source 'pp'.stream", "", "required key is missing");
}

TEST_CASE("errors: stimulations and recordings", "[experiment]") {
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "start_ms = 50.0", "stop_ms = 50.0"}),
                 17, "stimulation 's'.stop_ms", "50.0", "must be after start_ms (50)");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "neurons = [0, 2]", "amplitude_na = 0.1"}),
                 15, "stimulation 's'.neurons[1]", "2", "out of range");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "neurons = [1, 1]", "amplitude_na = 0.1"}),
                 15, "stimulation 's'.neurons[1]", "1", "duplicate");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\""}), 12,
                 "stimulation 's'.amplitude_na", "", "required key is missing");
    // Oscillating (tACS-like) blocks: frequency up to half the step rate, phase with a frequency.
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "frequency_hz = 0.0"}),
                 16, "stimulation 's'.frequency_hz", "0.0", "must be > 0");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "frequency_hz = 5001.0"}),
                 16, "stimulation 's'.frequency_hz", "5001.0", "must be at most half the step rate, 1 / (2 dt_ms) = 5000 Hz");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "phase_deg = 90.0"}),
                 16, "stimulation 's'.phase_deg", "90.0", "only for an oscillating stimulation (with frequency_hz)");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "frequency_hz = 10.0", "phase_deg = 400.0"}),
                 17, "stimulation 's'.phase_deg", "400.0", "must be in [-360, 360]");
    expect_error(net_plus({"[[stimulation]]", "name = \"s\"", "population = \"post\"",
                           "amplitude_na = 0.1", "frequency_hz = 10.0", "phase = 4.0"}),
                 17, "stimulation[0].phase", "4.0", "did you mean 'phase_deg'?");
    expect_error(net_plus({"[[record.state]]", "population = \"post\"", "neurons = [-1]"}), 14,
                 "record.state[0].neurons[0]", "-1", "out of range");
    expect_error(net_plus({"[[record.state]]", "population = \"post\"", "interval_ms = -1.0"}),
                 14, "record.state[0].interval_ms", "-1.0", "must be >= 0");
    expect_error(net_plus({"[record]", "spikes = [\"post\", \"post\"]"}), 13, "record.spikes[1]",
                 "\"post\"", "twice");
}

TEST_CASE("errors: stdp_window analysis", "[experiment]") {
    // Lines 4-27: a pre pairing source, a post pairing source, a population of 2, a static
    // one_to_one projection, a plastic all_to_all projection and a plastic one_to_one one.
    std::string base = doc({
        "[[source]]", "name = \"pre\"", "kind = \"pairing\"", "stream = \"pre\"",   // 4-7
        "dt_pair_ms = [-5.0, 5.0]",                                                 // 8
        "[[source]]", "name = \"post\"", "kind = \"pairing\"", "stream = \"post\"", // 9-12
        "dt_pair_ms = [5.0, 10.0]",                                                 // 13
        "[[population]]", "name = \"n\"", "size = 2",                               // 14-16
        "[[projection]]", "name = \"static\"", "pre = \"pre\"", "post = \"n\"",     // 17-20
        "connector = \"one_to_one\"", "weight_na = 0.001",                          // 21-22
        "[[projection]]", "name = \"dense\"", "pre = \"pre\"", "post = \"n\"",      // 23-26
        "weight_na = 0.001", "[projection.plasticity]", "rule = \"stdp_pair\"",     // 27-29
        "[[projection]]", "name = \"ok\"", "pre = \"pre\"", "post = \"n\"",         // 30-33
        "connector = \"one_to_one\"", "weight_na = 0.001",                          // 34-35
        "[projection.plasticity]", "rule = \"stdp_pair\"",                          // 36-37
        "[[analysis.stdp_window]]",                                                 // 38
    });
    CHECK_NOTHROW(load(base + "projection = \"ok\"\npairing_source = \"pre\"\n"));
    expect_error(base + "projection = \"static\"\npairing_source = \"pre\"\n", 39,
                 "analysis.stdp_window[0].projection", "\"static\"", "not plastic");
    expect_error(base + "projection = \"dense\"\npairing_source = \"pre\"\n", 39,
                 "analysis.stdp_window[0].projection", "\"dense\"", "one_to_one");
    expect_error(base + "projection = \"ok\"\npairing_source = \"post\"\n", 40,
                 "analysis.stdp_window[0].pairing_source", "\"post\"", "stream = \"pre\"");
    expect_error(base + "projection = \"ok\"\npairing_source = \"n\"\n", 40,
                 "analysis.stdp_window[0].pairing_source", "\"n\"", "no spike source");
    expect_error(base + "projection = \"missing\"\npairing_source = \"pre\"\n", 39,
                 "analysis.stdp_window[0].projection", "\"missing\"", "no projection");
}

TEST_CASE("errors: TOML syntax errors carry file, line and column", "[experiment]") {
    std::string message = error_of(preamble + "[[population]]\nname = \"a\nsize = 1\n");
    INFO(message);
    CHECK(message.rfind("exp.toml:5:", 0) == 0);
    CHECK(message.find("TOML syntax error") != std::string::npos);
    message = error_of(preamble + "dt_ms = 0.2\n");  // redefinition
    CHECK(message.rfind("exp.toml:4:", 0) == 0);
}

TEST_CASE("errors: the column points at the offending value", "[experiment]") {
    std::string message = error_of(doc({"[[population]]", "name = \"a\"", "size =   -4"}));
    CHECK(message.rfind("exp.toml:6:10: population 'a'.size: must be > 0 (got -4)", 0) == 0);
}

TEST_CASE("errors: adaptive and intrinsic-plasticity neuron parameters", "[experiment]") {
    const auto pop = [](const std::string& line) {
        return doc({"[[population]]", "name = \"a\"", "size = 2", line});  // `line` is line 7
    };
    expect_error(pop("adapt_b_na = -0.01"), 7, "population 'a'.adapt_b_na", "-0.01", "must be >= 0");
    expect_error(pop("tau_w_ms = 0.0"), 7, "population 'a'.tau_w_ms", "0.0", "must be > 0");
    expect_error(pop("theta_jump_mv = -1.0"), 7, "population 'a'.theta_jump_mv", "-1.0", "must be >= 0");
    expect_error(pop("tau_theta_ms = -5.0"), 7, "population 'a'.tau_theta_ms", "-5.0", "must be > 0");
    expect_error(pop("ip_eta_mv = -0.1"), 7, "population 'a'.ip_eta_mv", "-0.1", "must be >= 0");
    expect_error(pop("ip_target_hz = -2.0"), 7, "population 'a'.ip_target_hz", "-2.0", "must be >= 0");
    expect_error(pop("ip_tau_ms = 0.0"), 7, "population 'a'.ip_tau_ms", "0.0", "must be > 0");
}

TEST_CASE("errors: synaptic scaling on an inhibitory projection, or with unequal parameters into one population",
          "[experiment]") {
    const std::string scaling = "[projection.plasticity]\nrule = \"synaptic_scaling\"\neta_per_hz = 0.0005\n"
                                "tau_rate_ms = 200.0\nperiod_ms = 100.0\nw_max_na = 1.0\n";
    // Lines 14-17, then the plasticity table from line 18.
    const std::string inhibitory = projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                                    "receptor = \"inhibitory\""}) +
                                   scaling + "target_hz = 5.0\n";
    expect_error(inhibitory, 18, "projection 'in_post'.plasticity", "", "this projection is inhibitory");
    // Two excitatory projections into "post" whose targets differ: the first's table on lines
    // 17-23, the second projection from line 24, its plasticity table on line 29.
    const std::string unequal = projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1"}) +
                                scaling + "target_hz = 5.0\n" +
                                "[[projection]]\nname = \"in_post_2\"\npre = \"inputs\"\npost = \"post\"\n"
                                "weight_na = 0.1\n" +
                                scaling + "target_hz = 6.0\n";
    expect_error(unequal, 29, "projection 'in_post_2'.plasticity", "",
                 "must have the parameters of projection 'in_post'");
}

TEST_CASE("errors: fixed_total_number and per-synapse delays", "[experiment]") {
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"fixed_total_number\"", "n = -5"}),
                 18, "projection 'in_post'.n", "-5", "must be in [0, 4294967295]");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "connector = \"fixed_total_number\""}),
                 12, "projection 'in_post'.n", "", "required key is missing");
    // n belongs to fixed_total_number only.
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1", "n = 5"}),
                 17, "projection 'in_post'.n", "5", "unknown key");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "delay_ms = { normal = [1.5, 0.75], redraw = [0.01, inf] }"}),
                 17, "projection 'in_post'.delay_ms.redraw", "[0.01, inf]", "at least one step");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "delay_ms = { normal = [1.5, -0.75], clip = [0.1, inf] }"}),
                 17, "projection 'in_post'.delay_ms.normal", "[1.5, -0.75]", "sd must be >= 0");
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1",
                                  "delay_ms = { normal = [1.5, 0.75] }"}),
                 17, "projection 'in_post'.delay_ms.normal", "", "exactly one of clip");
}

TEST_CASE("errors: a negative spread of initial potentials", "[experiment]") {
    expect_error(doc({"[[population]]", "name = \"a\"", "size = 1", "v_init_sd_mv = -1.0"}), 7,
                 "population 'a'.v_init_sd_mv", "-1.0", "must be a finite number >= 0");
}

TEST_CASE("errors: BCM parameters, each named", "[experiment]") {
    // The plasticity table on line 17, its rule on 18, the key under test on line 19.
    const auto bcm = [](const std::string& line) {
        return projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1", "[projection.plasticity]",
                                "rule = \"bcm\"", line, "w_max_na = 1.0"});
    };
    const std::string where = "projection 'in_post'.plasticity.";
    expect_error(bcm("eta = 0.0"), 19, where + "eta", "0.0", "must be > 0");
    expect_error(bcm("tau_ms = -50.0"), 19, where + "tau_ms", "-50.0", "must be > 0");
    expect_error(bcm("tau_theta_ms = 0.0"), 19, where + "tau_theta_ms", "0.0", "must be > 0");
    expect_error(bcm("rho0_hz = 0.0"), 19, where + "rho0_hz", "0.0", "must be > 0");
    expect_error(bcm("theta0_hz = -1.0"), 19, where + "theta0_hz", "-1.0", "must be >= 0");
    expect_error(bcm("period_ms = 0.0"), 19, where + "period_ms", "0.0", "must be > 0");
    expect_error(bcm("theta_ms = 100.0"), 19, where + "theta_ms", "100.0", "unknown key");
    // The weight range as for every rule.
    expect_error(projection_plus({"pre = \"inputs\"", "post = \"post\"", "weight_na = 0.1", "[projection.plasticity]",
                                  "rule = \"bcm\"", "w_min_na = 0.5", "w_max_na = 0.5"}),
                 20, where + "w_max_na", "0.5", "must be greater than w_min_na");
}

TEST_CASE("errors: gated Poisson sources need on_ms and off_ms, both > 0", "[experiment]") {
    // Lines 12.. follow the source "inputs" (lines 7-11).
    expect_error(net_plus({"on_ms = 250.0"}), 12, "source 'inputs'.on_ms", "250.0", "needs off_ms");
    expect_error(net_plus({"off_ms = 250.0"}), 12, "source 'inputs'.off_ms", "250.0", "needs on_ms");
    expect_error(net_plus({"on_ms = 0.0", "off_ms = 250.0"}), 12, "source 'inputs'.on_ms", "0.0", "must be > 0");
    expect_error(net_plus({"on_ms = 250.0", "off_ms = -1.0"}), 13, "source 'inputs'.off_ms", "-1.0", "must be > 0");
}

TEST_CASE("errors: [core] oscillator_cycles out of range is named with its value", "[experiment]") {
    expect_error(doc({"[core]", "oscillator_cycles = 2000"}), 5, "core.oscillator_cycles", "2000", "must be in [0, 1024]");
    expect_error(doc({"[core]", "oscillator_cycles = -1"}), 5, "core.oscillator_cycles", "-1", "must be in [0, 1024]");
}

// One range check (table_reader::integer_in) serves [core], [chip] and [hardware]: each names
// the section's key, the value and the range.
TEST_CASE("errors: integer keys of [chip] and [hardware] out of range are named with value and range", "[experiment]") {
    expect_error(doc({"[chip]", "cores = 0"}), 5, "chip.cores", "0", "must be in [1, 1024]");
    expect_error(doc({"[chip]", "link_latency_cycles = -3"}), 5, "chip.link_latency_cycles", "-3",
                 "must be in [0, 1048576]");
    expect_error(doc({"[hardware]", "weight_bits = 40"}), 5, "hardware.weight_bits", "40", "must be in [2, 32]");
}

TEST_CASE("errors: Poisson background", "[experiment]") {
    // A population on lines 4-6, `more` from line 7.
    auto with = [](std::initializer_list<std::string> more) {
        std::vector<std::string> lines = {"[[population]]", "name = \"a\"", "size = 1"};
        lines.insert(lines.end(), more);
        std::string text = doc({});
        for (const auto& l: lines) text += l + "\n";
        return text;
    };
    expect_error(with({"background_rate_hz = -5.0", "background_weight_na = 0.1"}), 7,
                 "population 'a'.background_rate_hz", "-5.0", "must be a finite number >= 0");
    // 2 MHz at dt 0.1 ms: 200 spikes per step.
    expect_error(with({"background_rate_hz = 2000000.0", "background_weight_na = 0.1"}), 7,
                 "population 'a'.background_rate_hz", "2000000.0", "200 spikes per step");
    expect_error(with({"background_rate_hz = 1000.0"}), 7, "population 'a'.background_rate_hz", "1000.0",
                 "needs background_weight_na");
    expect_error(with({"background_weight_na = 0.1"}), 7, "population 'a'.background_weight_na", "0.1",
                 "needs background_rate_hz");
    expect_error(with({"background_rate_hz = 1000.0", "background_weight_na = -0.1"}), 8,
                 "population 'a'.background_weight_na", "-0.1", "must be a finite number > 0");
    expect_error(with({"background_rate_hz = 1000.0", "background_weight_na = 0.0"}), 8,
                 "population 'a'.background_weight_na", "0.0", "must be a finite number > 0");
}
