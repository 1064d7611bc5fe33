// Spike and connection CSV files, paths relative to the experiment, and reading from disk.

#include <cstdlib>

#include "experiment_test_util.hpp"

using namespace plasticore;
using namespace plasticore::test;

namespace {
std::string spike_file_source(const std::string& file, int size) {
    return doc({"[[source]]", "name = \"rec\"", "kind = \"explicit\"",
                "size = " + std::to_string(size), "file = \"" + file + "\""});  // file: line 8
}

std::string connection_file_projection(const std::string& file, bool plastic = false) {
    std::string text = doc({"[[population]]", "name = \"a\"", "size = 3",        // 4-6
                            "[[population]]", "name = \"b\"", "size = 2",         // 7-9
                            "[[projection]]", "name = \"ab\"", "pre = \"a\"",     // 10-12
                            "post = \"b\"", "connector = \"list\"",               // 13-14
                            "weight_na = 0.005", "file = \"" + file + "\""});     // 15-16
    if (plastic) text += "[projection.plasticity]\nrule = \"stdp_pair\"\n";
    return text;
}
}  // namespace

TEST_CASE("spike CSV file: channels in any order, comments and blank lines", "[experiment]") {
    auto dir = temp_dir();
    write_file(dir / "spikes.csv",
               "channel,time_ms\n0,0.5\n2,1.0\n# a comment\n\n0,3.25\r\n 1 , 7 \n2,9.0\n");
    auto e = load(spike_file_source("spikes.csv", 4), dir.string());
    const auto& s = std::get<explicit_source>(e.sources[0].kind);
    REQUIRE(s.times.size() == 4);
    CHECK(s.times[0] == std::vector<double>{0.5, 3.25});
    CHECK(s.times[1] == std::vector<double>{7.0});
    CHECK(s.times[2] == std::vector<double>{1.0, 9.0});
    CHECK(s.times[3].empty());
    CHECK(e.sources[0].size == 4);
}

TEST_CASE("spike CSV file: errors name the CSV file and line", "[experiment]") {
    auto dir = temp_dir();
    const std::string csv = (dir / "spikes.csv").string();

    write_file(dir / "spikes.csv", "channel,time_ms\n0,0.5\n3,1.0\n");
    std::string m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":3:1: source 'rec'.file: channel out of range", 0) == 0);
    CHECK(m.find("(got '3')") != std::string::npos);

    write_file(dir / "spikes.csv", "channel,time_ms\n0,2.0\n1,0.5\n0,1.5\n");
    m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":4:3: source 'rec'.file: channel 0: spike times must be ascending", 0) ==
          0);
    CHECK(m.find("(got '1.5')") != std::string::npos);

    write_file(dir / "spikes.csv", "channel,time_ms\n0,-2.0\n");
    m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":2:3:", 0) == 0);
    CHECK(m.find(">= 0") != std::string::npos);

    write_file(dir / "spikes.csv", "channel,time_ms\n0,abc\n");
    m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":2:3:", 0) == 0);
    CHECK(m.find("expected a finite number (got 'abc')") != std::string::npos);

    write_file(dir / "spikes.csv", "time_ms,channel\n0,1\n");
    m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":1:1:", 0) == 0);
    CHECK(m.find("'channel,time_ms'") != std::string::npos);

    write_file(dir / "spikes.csv", "channel,time_ms\n0,1.0,2.0\n");
    m = error_of(spike_file_source("spikes.csv", 3), dir.string());
    CHECK(m.rfind(csv + ":2:1:", 0) == 0);
    CHECK(m.find("expected 2 fields") != std::string::npos);
}

TEST_CASE("spike CSV file: a missing file is named, at the file key", "[experiment]") {
    auto dir = temp_dir();
    std::string m = error_of(spike_file_source("nothere.csv", 2), dir.string());
    INFO(m);
    CHECK(m.rfind("exp.toml:8:", 0) == 0);
    CHECK(m.find("source 'rec'.file") != std::string::npos);
    CHECK(m.find((dir / "nothere.csv").string()) != std::string::npos);
    CHECK(m.find("(got \"nothere.csv\")") != std::string::npos);
    // A file source needs its size.
    m = error_of(doc({"[[source]]", "name = \"rec\"", "kind = \"explicit\"", "file = \"x.csv\""}),
                 dir.string());
    CHECK(m.rfind("exp.toml:4:", 0) == 0);
    CHECK(m.find("source 'rec'.size: required key is missing") != std::string::npos);
}

TEST_CASE("connection CSV file: optional columns in any order", "[experiment]") {
    auto dir = temp_dir();
    write_file(dir / "conn.csv", "pre,post\n0,1\n2,0\n");
    auto e = load(connection_file_projection("conn.csv"), dir.string());
    auto list = std::get<list_connector>(e.projections[0].connectivity);
    REQUIRE(list.entries.size() == 2);
    CHECK(list.entries[1].pre == 2);
    CHECK(list.entries[1].post == 0);
    CHECK_FALSE(list.entries[1].weight.has_value());

    write_file(dir / "conn.csv", "delay_ms,pre,post,weight_na\n2.5,0,1,0.004\n0.1,1,1,0.0\n");
    e = load(connection_file_projection("conn.csv", true), dir.string());
    list = std::get<list_connector>(e.projections[0].connectivity);
    REQUIRE(list.entries.size() == 2);
    CHECK(list.entries[0].pre == 0);
    CHECK(list.entries[0].post == 1);
    CHECK(list.entries[0].weight == 0.004);
    CHECK(list.entries[0].delay == 2.5);
    CHECK(list.entries[1].delay == 0.1);
}

TEST_CASE("connection CSV file: errors name the CSV file and line", "[experiment]") {
    auto dir = temp_dir();
    const std::string csv = (dir / "conn.csv").string();

    write_file(dir / "conn.csv", "pre,post\n0,1\n3,0\n");
    std::string m = error_of(connection_file_projection("conn.csv"), dir.string());
    CHECK(m.rfind(csv + ":3:1: projection 'ab'.file: pre index out of range (valid 0..2) "
                        "(got '3')", 0) == 0);

    write_file(dir / "conn.csv", "pre,post,weight_na\n0,1,0.5\n");
    m = error_of(connection_file_projection("conn.csv", true), dir.string());
    CHECK(m.rfind(csv + ":2:5:", 0) == 0);
    CHECK(m.find("outside [w_min_na, w_max_na]") != std::string::npos);

    write_file(dir / "conn.csv", "pre,post,delay_ms\n0,1,0.01\n");
    m = error_of(connection_file_projection("conn.csv"), dir.string());
    CHECK(m.rfind(csv + ":2:5:", 0) == 0);
    CHECK(m.find("at least one step") != std::string::npos);

    write_file(dir / "conn.csv", "pre,post,wieght_na\n0,1,0.5\n");
    m = error_of(connection_file_projection("conn.csv"), dir.string());
    CHECK(m.rfind(csv + ":1:10:", 0) == 0);
    CHECK(m.find("did you mean 'weight_na'?") != std::string::npos);

    m = error_of(connection_file_projection("missing.csv"), dir.string());
    CHECK(m.rfind("exp.toml:16:", 0) == 0);
    CHECK(m.find("cannot open connection file") != std::string::npos);
}

TEST_CASE("relative paths resolve against the experiment file's directory", "[experiment]") {
    auto dir = temp_dir();
    write_file(dir / "data" / "spikes.csv", "channel,time_ms\n1,4.0\n");
    write_file(dir / "experiments" / "exp.toml", spike_file_source("../data/spikes.csv", 2));
    // Loaded by path, from whatever the current directory is.
    auto e = load_experiment((dir / "experiments" / "exp.toml").string());
    CHECK(e.source_path == (dir / "experiments" / "exp.toml").string());
    CHECK(std::get<explicit_source>(e.sources[0].kind).times[1] == std::vector<double>{4.0});

    // Absolute paths are taken as they are.
    auto e2 = load(spike_file_source((dir / "data" / "spikes.csv").string(), 2), "/nonexistent");
    CHECK(std::get<explicit_source>(e2.sources[0].kind).times[1] == std::vector<double>{4.0});

    // From a string, relative to base_dir.
    auto e3 = load(spike_file_source("data/spikes.csv", 2), dir.string());
    CHECK(std::get<explicit_source>(e3.sources[0].kind).times[1] == std::vector<double>{4.0});
}

TEST_CASE("load_experiment: errors carry the path of the file", "[experiment]") {
    auto dir = temp_dir();
    auto path = (dir / "bad.toml").string();
    write_file(dir / "bad.toml", "[simulation]\ndt_ms = -0.1\nduration_ms = 1.0\n");
    try {
        load_experiment(path);
        FAIL("no error");
    }
    catch (const experiment_error& err) {
        CHECK(std::string(err.what()).rfind(path + ":2:9: simulation.dt_ms: must be > 0", 0) == 0);
    }
    CHECK_THROWS_WITH(load_experiment((dir / "none.toml").string()),
                      Catch::Contains("cannot open experiment file"));
}

TEST_CASE("the examples in the repository load", "[experiment]") {
    // Every examples/*.toml is an experiment file: a format change must keep them valid.
    auto examples = source_dir() / "examples";
    if (!std::filesystem::exists(examples)) return;
    for (const auto& entry: std::filesystem::directory_iterator(examples)) {
        if (entry.path().extension() != ".toml") continue;
        INFO(entry.path());
        CHECK_NOTHROW(load_experiment(entry.path().string()));
    }
}

TEST_CASE("the complete example of docs/experiment-format.md loads", "[experiment]") {
    std::ifstream in(source_dir() / "docs" / "experiment-format.md");
    REQUIRE(in);
    std::string line, example;
    bool in_section = false, in_block = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) in_section = line == "## Complete example";
        if (!in_section) continue;
        if (line == "```toml") { in_block = true; continue; }
        if (line == "```" && in_block) break;
        if (in_block) example += line + "\n";
    }
    REQUIRE_FALSE(example.empty());
    auto e = load(example);
    CHECK(e.populations.size() == 1);
    CHECK(e.sources.size() == 3);
    CHECK(e.projections.size() == 3);
    CHECK(e.stimulations.size() == 1);
    CHECK(describe(e).find("in_to_post: inputs -> post") != std::string::npos);
}

TEST_CASE("errors: a post pairing stream may not spike before the run", "[experiment]") {
    expect_error(doc({"[[source]]", "name = \"pp\"", "kind = \"pairing\"", "stream = \"post\"",
                      "dt_pair_ms = [-20.0, 20.0]", "start_ms = 10.0", "lead_ms = 1.0"}),
                 9, "source 'pp'.start_ms", "10.0", "start_ms must be at least 21");
    // The same timing is fine for a pre stream, and with enough start.
    CHECK_NOTHROW(load(doc({"[[source]]", "name = \"pp\"", "kind = \"pairing\"",
                            "stream = \"pre\"", "dt_pair_ms = [-20.0, 20.0]", "start_ms = 10.0"})));
    CHECK_NOTHROW(load(doc({"[[source]]", "name = \"pp\"", "kind = \"pairing\"",
                            "stream = \"post\"", "dt_pair_ms = [-20.0, 20.0]", "start_ms = 21.0",
                            "lead_ms = 1.0"})));
}
