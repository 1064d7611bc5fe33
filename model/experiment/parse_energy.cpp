// [energy]: per-operation energies and areas of a technology point (docs/energy.md). A
// technology (energy.technology, default "45nm") supplies every key; keys written in the file
// override it. Values taken from a technology are checked like the file's own, with messages
// pointing into it ("technology:28nm:LINE:COL").

#include <cmath>

#include <fmt/format.h>

#include <experiment/sections.hpp>

namespace plasticore {
namespace detail {

namespace {
struct energy_key {
    std::string_view name;
    double energy::energy_config::*field;
    bool fraction;  // in (0, 1] instead of [0, 1e6]
};

const energy_key energy_keys[] = {
    {"add8_pj", &energy::energy_config::add8_pj, false},
    {"add32_pj", &energy::energy_config::add32_pj, false},
    {"mul8_pj", &energy::energy_config::mul8_pj, false},
    {"mul32_pj", &energy::energy_config::mul32_pj, false},
    {"sram_8kb_pj", &energy::energy_config::sram_8kb_pj, false},
    {"sram_32kb_pj", &energy::energy_config::sram_32kb_pj, false},
    {"sram_1mb_pj", &energy::energy_config::sram_1mb_pj, false},
    {"sram_write_ratio", &energy::energy_config::sram_write_ratio, false},
    {"sram_bitcell_um2", &energy::energy_config::sram_bitcell_um2, false},
    {"sram_array_efficiency", &energy::energy_config::sram_array_efficiency, true},
    {"nand2_um2", &energy::energy_config::nand2_um2, false},
};

std::vector<std::string_view> allowed_keys(bool with_technology) {
    std::vector<std::string_view> out;
    if (with_technology) out.push_back("technology");
    for (const auto& k: energy_keys) out.push_back(k.name);
    return out;
}
}  // namespace

void parse_energy(const load_context& ctx, const toml::node& node, experiment& e) {
    table_reader file(ctx, to_table(ctx, node, "energy"), "energy");
    file.allow_only(allowed_keys(true));
    energy::energy_config c;
    if (file.has("technology")) c.technology = energy::technology_names()[file.choice("technology", energy::technology_names())];
    const std::string source = "technology:" + c.technology;
    load_context tech_ctx{source, ctx.base_dir};
    toml::table tech_table;
    try {
        tech_table = toml::parse(energy::technology_text(c.technology), std::string_view(source));
    }
    catch (const toml::parse_error& err) {
        fail_at(tech_ctx, err.source(), "energy.technology", "technology is not valid TOML: " + std::string(err.description()));
    }
    table_reader tech(tech_ctx, tech_table, "energy");
    tech.allow_only(allowed_keys(false));
    for (const auto& k: energy_keys) {
        const table_reader* r = file.has(k.name) ? &file : tech.has(k.name) ? &tech : nullptr;
        // Every technology gives every key: one left out would silently fall back to 45 nm.
        if (!r) tech.fail(k.name, "missing from the technology table");
        const double v = r->number(k.name);
        if (k.fraction) r->check(std::isfinite(v) && v > 0 && v <= 1, k.name, "must be in (0, 1]");
        else if (k.name == "sram_bitcell_um2" || k.name == "nand2_um2")
            r->check(std::isfinite(v) && v > 0 && v <= 1e6, k.name, "must be in (0, 1e6]");
        else r->check(std::isfinite(v) && v >= 0 && v <= 1e6, k.name, "must be in [0, 1e6]");
        c.*k.field = v;
    }
    // Interpolation in log-log needs positive, increasing points.
    auto increasing = [&](std::string_view lo_key, double lo, std::string_view hi_key, double hi) {
        const table_reader& r = file.has(hi_key) ? file : file.has(lo_key) ? file : tech;
        const std::string_view key = file.has(hi_key) ? hi_key : file.has(lo_key) ? lo_key : hi_key;
        r.check(lo > 0 && hi > lo, key, fmt::format("{} must be positive and less than {}", lo_key, hi_key));
    };
    increasing("add8_pj", c.add8_pj, "add32_pj", c.add32_pj);
    increasing("mul8_pj", c.mul8_pj, "mul32_pj", c.mul32_pj);
    increasing("sram_8kb_pj", c.sram_8kb_pj, "sram_32kb_pj", c.sram_32kb_pj);
    increasing("sram_32kb_pj", c.sram_32kb_pj, "sram_1mb_pj", c.sram_1mb_pj);
    e.energy = c;
}

void apply_default_energy(const load_context& ctx, experiment& e) {
    const toml::table empty;
    parse_energy(ctx, empty, e);
}

}  // namespace detail
}  // namespace plasticore
