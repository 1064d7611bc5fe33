#pragma once
// The [energy] section: per-operation energies and per-bit areas of one technology point, the
// inputs of the energy and area estimate of a core run (model/energy, docs/energy.md). A
// technology (technologies/*.toml, embedded at configure time) supplies every key; keys
// written in the file override it. Nothing here changes arithmetic or cycles.
// Header-only so that the experiment loader can hold it without linking the estimate.

#include <string>
#include <string_view>
#include <vector>

namespace plasticore::energy {

struct energy_config {
    std::string technology = "45nm";  // name of the technology the values started from
    // Arithmetic (Horowitz, ISSCC 2014, 45 nm, 0.9 V); other widths interpolate log-log.
    double add8_pj = 0.03;   // 8-bit integer add [pJ]
    double add32_pj = 0.1;   // 32-bit integer add [pJ]
    double mul8_pj = 0.2;    // 8-bit integer multiply [pJ]
    double mul32_pj = 3.1;   // 32-bit integer multiply [pJ]
    // SRAM: energy of one 64-bit read by macro size (Horowitz 2014); other sizes interpolate
    // log-log, narrower words scale by bits / 64.
    double sram_8kb_pj = 10.0;    // 64-bit read of an 8 KB SRAM [pJ]
    double sram_32kb_pj = 20.0;   // 64-bit read of a 32 KB SRAM [pJ]
    double sram_1mb_pj = 100.0;   // 64-bit read of a 1 MB SRAM [pJ]
    double sram_write_ratio = 1.0;  // write energy / read energy [1]
    // Area.
    double sram_bitcell_um2 = 0.346;      // 6T SRAM bit cell [um^2]
    double sram_array_efficiency = 0.5;   // bit-cell area / macro area [1]
    double nand2_um2 = 0.798;             // two-input NAND gate [um^2]
};

// Names of the built-in technology points (technologies/*.toml) and their TOML text.
const std::vector<std::string_view>& technology_names();
std::string_view technology_text(std::string_view name);  // empty if unknown

}  // namespace plasticore::energy
