#include <experiment/load_experiment.hpp>

#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <experiment/input_limits.hpp>
#include <experiment/sections.hpp>
#include <experiment/toml_reader.hpp>

namespace plasticore {

namespace {
using namespace detail;

struct section {
    std::string_view name;
    section_parser parse;
    bool required;
};

// Every top-level section, in parsing order (later sections refer to earlier ones).
const section sections[] = {
    {"simulation", parse_simulation, true},
    {"scale", parse_scale, false},
    {"population", parse_populations, false},
    {"source", parse_sources, false},
    {"projection", parse_projections, false},
    {"stimulation", parse_stimulations, false},
    {"record", parse_record, false},
    {"analysis", parse_analysis, false},
    {"hardware", parse_hardware, false},
    {"core", parse_core, false},
    {"chip", parse_chip, false},
    {"energy", parse_energy, false},
};
}  // namespace

experiment load_experiment_from_string(std::string_view toml_text,
                                       const std::string& path_for_messages,
                                       const std::string& base_dir) {
    load_context ctx{path_for_messages, base_dir};
    const toml::table root = parse_toml_checked(toml_text, path_for_messages);

    std::vector<std::string_view> names;
    for (const auto& s: sections) names.push_back(s.name);
    table_reader top(ctx, root, "");
    top.allow_only(names, "section");

    experiment e;
    e.source_path = path_for_messages;
    for (const auto& s: sections) {
        if (auto node = root.get(s.name)) {
            s.parse(ctx, *node, e);
        }
        else if (s.required) {
            fail_at(ctx, root.source(), std::string(s.name),
                    fmt::format("required section [{}] is missing", s.name));
        }
    }
    if (!root.get("energy")) apply_default_energy(ctx, e);
    return e;
}

experiment load_experiment(const std::string& path) {
    const std::string text = read_bounded_file(path, "experiment file");
    auto dir = std::filesystem::path(path).parent_path();
    return load_experiment_from_string(text, path, dir.empty()? ".": dir.string());
}

}  // namespace plasticore
