#pragma once
// Internal to the loader: one parser per top-level section of an experiment file.
// Sections are parsed in the order of the table in load_experiment.cpp, so a section may check
// references to the sections before it (projections see populations and sources, and so on).
// Adding a section ([hardware], [core]) is one entry in that table plus one parse function.

#include <toml++/toml.h>

#include <experiment/experiment.hpp>
#include <experiment/toml_reader.hpp>

namespace plasticore {
namespace detail {

using section_parser = void (*)(const load_context&, const toml::node&, experiment&);

void parse_simulation(const load_context& ctx, const toml::node& node, experiment& e);
void parse_scale(const load_context& ctx, const toml::node& node, experiment& e);
void parse_populations(const load_context& ctx, const toml::node& node, experiment& e);
void parse_sources(const load_context& ctx, const toml::node& node, experiment& e);
void parse_projections(const load_context& ctx, const toml::node& node, experiment& e);
void parse_stimulations(const load_context& ctx, const toml::node& node, experiment& e);
void parse_record(const load_context& ctx, const toml::node& node, experiment& e);
void parse_analysis(const load_context& ctx, const toml::node& node, experiment& e);
void parse_hardware(const load_context& ctx, const toml::node& node, experiment& e);
void parse_core(const load_context& ctx, const toml::node& node, experiment& e);
void parse_chip(const load_context& ctx, const toml::node& node, experiment& e);
void parse_energy(const load_context& ctx, const toml::node& node, experiment& e);
// The default technology's [energy] values, for a file without an [energy] section.
void apply_default_energy(const load_context& ctx, experiment& e);

// [projection.plasticity]: the rule named by `rule`, with its parameters.
plasticity_rule parse_plasticity(const load_context& ctx, const toml::node& node,
                                 const std::string& key);

// [projection.plasticity].transmit: "before_update" (default) or "after_update".
transmit_order parse_transmit(const load_context& ctx, const toml::node& node, const std::string& key);

// True if `name` is already a population or a source (they share one namespace).
bool is_neuron_group_name(const experiment& e, const std::string& name);

}  // namespace detail
}  // namespace plasticore
