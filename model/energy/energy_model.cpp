#include "energy/energy_model.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "energy/cells_data.hpp"

namespace plasticore::energy {

namespace {
// y through (x0, y0) and (x1, y1) on log-log axes, evaluated at x (extrapolated outside).
double loglog(double x, double x0, double y0, double x1, double y1) {
    const double slope = std::log(y1 / y0) / std::log(x1 / x0);
    return y0 * std::pow(x / x0, slope);
}
constexpr double bits_per_kb = 8.0 * 1024.0;
}  // namespace

double add_pj(const energy_config& c, int bits) {
    return loglog(std::max(1, bits), 8.0, c.add8_pj, 32.0, c.add32_pj);
}

double mul_pj(const energy_config& c, int a_bits, int b_bits) {
    const double w = std::sqrt(static_cast<double>(std::max(1, a_bits)) * static_cast<double>(std::max(1, b_bits)));
    return loglog(w, 8.0, c.mul8_pj, 32.0, c.mul32_pj);
}

double sram_read_pj(const energy_config& c, std::uint64_t size_bits, int word_bits) {
    if (word_bits <= 0) return 0.0;
    // At least one 64-bit word: a macro is never smaller than its row.
    const double size = std::max(64.0, static_cast<double>(size_bits));
    const double e64 = size <= 32.0 * bits_per_kb
                           ? loglog(size, 8.0 * bits_per_kb, c.sram_8kb_pj, 32.0 * bits_per_kb, c.sram_32kb_pj)
                           : loglog(size, 32.0 * bits_per_kb, c.sram_32kb_pj, 1024.0 * bits_per_kb, c.sram_1mb_pj);
    return e64 * static_cast<double>(word_bits) / 64.0;
}

double sram_area_mm2(const energy_config& c, std::uint64_t size_bits) {
    return static_cast<double>(size_bits) * c.sram_bitcell_um2 / c.sram_array_efficiency * 1e-6;
}

unit_energies unit_energies_of(const energy_config& c, const activity& a) {
    unit_energies u;
    // Neuron update (fixed/neuron_datapath.hpp): P22 (v - v_rest), P20 I_ext, P21e I_e,
    // P21i I_i, then Pe I_e and Pi I_i; v - v_rest, four adds of the five-term sum and the
    // threshold compare at the width of v.
    u.neuron_update = mul_pj(c, a.v_bits, a.propagator_bits) + 3.0 * mul_pj(c, a.current_bits, a.gain_bits) +
                      2.0 * mul_pj(c, a.current_bits, a.propagator_bits) + 6.0 * add_pj(c, a.v_bits);
    // The weight added into its input slot.
    u.synaptic_accumulate = add_pj(c, a.ring_buffer_bits);
    // A plasticity transaction: a trace decay and an amplitude product at the trace width,
    // the weight update and its bound check at the working weight width.
    u.plasticity_transaction = 2.0 * mul_pj(c, a.trace_bits, a.trace_bits) + 2.0 * add_pj(c, a.weight_work_bits);
    // xorshift32: three shift-xor steps of 32 bits, each costed as a 32-bit add.
    u.generator_draw = 3.0 * add_pj(c, 32);
    // One write and one read of the AER input FIFO.
    const std::uint64_t fifo_bits = static_cast<std::uint64_t>(a.fifo_depth) * static_cast<std::uint64_t>(a.aer_word_bits);
    u.aer_event = sram_read_pj(c, fifo_bits, a.aer_word_bits) * (1.0 + c.sram_write_ratio);
    return u;
}

double energy_estimate::of(const std::string& name) const {
    for (const auto& k: components)
        if (k.name == name) return k.pj;
    return 0.0;
}

energy_estimate estimate_energy(const energy_config& c, const activity& a) {
    energy_estimate e;
    for (const auto& m: a.memories) {
        const double read = sram_read_pj(c, m.bits, m.access_bits);
        e.components.push_back({m.name, static_cast<double>(m.reads) * read +
                                            static_cast<double>(m.writes) * read * c.sram_write_ratio});
    }
    const unit_energies u = unit_energies_of(c, a);
    e.components.push_back({"neuron_arithmetic", static_cast<double>(a.neuron_updates) * u.neuron_update});
    e.components.push_back({"synaptic_arithmetic", static_cast<double>(a.synaptic_events) * u.synaptic_accumulate});
    e.components.push_back({"plasticity_arithmetic", static_cast<double>(a.plasticity_transactions) * u.plasticity_transaction});
    e.components.push_back({"generator", static_cast<double>(a.generator_draws) * u.generator_draw});
    e.components.push_back({"aer_fifo", static_cast<double>(a.aer_events) * u.aer_event});
    for (const auto& k: e.components) e.total_pj += k.pj;
    e.synaptic_events = a.synaptic_events;
    return e;
}

nlohmann::json energy_estimate::to_json(const energy_config& c, const unit_energies& u) const {
    nlohmann::json j;
    j["technology"] = c.technology;
    j["total_uj"] = total_pj * 1e-6;
    j["per_synaptic_event_pj"] = per_synaptic_event_pj();
    j["synaptic_events"] = synaptic_events;
    nlohmann::json comp = nlohmann::json::object(), share = nlohmann::json::object();
    std::string dominant;
    double best = -1.0;
    for (const auto& k: components) {
        comp[k.name] = k.pj;
        share[k.name] = total_pj > 0 ? k.pj / total_pj : 0.0;
        if (k.pj > best) best = k.pj, dominant = k.name;
    }
    j["components_pj"] = comp;
    j["component_shares"] = share;
    j["dominant_component"] = dominant;
    j["unit_energies_pj"] = {{"neuron_update", u.neuron_update},
                             {"synaptic_accumulate", u.synaptic_accumulate},
                             {"plasticity_transaction", u.plasticity_transaction},
                             {"generator_draw", u.generator_draw},
                             {"aer_event", u.aer_event}};
    return j;
}

const std::vector<synthesised_unit>& synthesised_units() {
    static const std::vector<synthesised_unit> units = [] {
        std::vector<synthesised_unit> out;
        std::istringstream in{std::string(detail::cells_csv)};
        std::string line;
        std::vector<std::string> header;
        auto split = [](const std::string& s) {
            std::vector<std::string> f;
            std::string cur;
            for (char ch: s) {
                if (ch == ',') f.push_back(cur), cur.clear();
                else if (ch != '\r') cur += ch;
            }
            f.push_back(cur);
            return f;
        };
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            auto f = split(line);
            if (header.empty()) {
                header = f;
                continue;
            }
            if (f.size() != header.size() || f.size() < 8) throw std::logic_error("rtl/synth/cells.csv: malformed row");
            synthesised_unit u;
            u.configuration = f[0];
            u.weight_bits = std::stoi(f[1]);
            u.guard_bits = std::stoi(f[2]);
            u.trace_int = std::stoi(f[3]);
            u.trace_frac = std::stoi(f[4]);
            u.lut_depth = std::stoi(f[5]);
            u.memory_bits = std::stoull(f[7]);
            for (std::size_t k = 8; k < f.size(); ++k) u.cells.emplace_back(header[k], std::stoull(f[k]));
            out.push_back(std::move(u));
        }
        return out;
    }();
    return units;
}

double nand2_equivalents(const std::string& t) {
    // Areas of the NanGate 45 nm Open Cell Library X1 cells over NAND2_X1 (0.798 um^2):
    // INV 0.532, NAND2/NOR2 0.798, AND2/OR2 1.064, XOR2/XNOR2 1.596, MUX2 1.862, DFF 4.522,
    // DFFR (asynchronous reset) 5.32. Cells Yosys keeps that the library lacks are composed:
    // ANDNOT/ORNOT = AND2/OR2 with an inverted input (AND2 area), an enable = MUX2 before the
    // flop, a synchronous reset = AND2 before it.
    constexpr double nand = 0.798;
    if (t == "$_NOT_") return 0.532 / nand;
    if (t == "$_NAND_" || t == "$_NOR_") return 1.0;
    if (t == "$_AND_" || t == "$_OR_" || t == "$_ANDNOT_" || t == "$_ORNOT_") return 1.064 / nand;
    if (t == "$_XOR_" || t == "$_XNOR_") return 1.596 / nand;
    if (t == "$_MUX_") return 1.862 / nand;
    if (t.rfind("$_DFF_", 0) == 0) return (t.size() == 8 ? 4.522 : 5.32) / nand;  // $_DFF_P_, $_DFF_PN0_
    if (t.rfind("$_DFFE_", 0) == 0) return ((t.size() == 10 ? 4.522 : 5.32) + 1.862) / nand;  // $_DFFE_PN_, $_DFFE_PN0P_
    if (t.rfind("$_SDFFCE_", 0) == 0 || t.rfind("$_SDFFE_", 0) == 0) return (4.522 + 1.862 + 1.064) / nand;
    if (t.rfind("$_SDFF_", 0) == 0) return (4.522 + 1.064) / nand;
    if (t.rfind("$mem", 0) == 0) return 0.0;  // memory bits: area from sram_area_mm2
    throw std::invalid_argument("no NAND2 equivalent for the Yosys cell " + t);
}

area_estimate estimate_area(const energy_config& c, const activity& a, const synthesised_unit& unit, bool exact_match) {
    area_estimate r;
    for (const auto& m: a.memories)
        r.blocks.push_back({m.name, sram_area_mm2(c, m.bits), std::to_string(m.bits) + " bits"});
    const std::uint64_t fifo_bits = static_cast<std::uint64_t>(a.fifo_depth) * static_cast<std::uint64_t>(a.aer_word_bits);
    r.blocks.push_back({"aer_fifo", sram_area_mm2(c, fifo_bits), std::to_string(fifo_bits) + " bits"});
    double nand2 = 0.0;
    for (const auto& [type, count]: unit.cells) nand2 += static_cast<double>(count) * nand2_equivalents(type);
    const std::string which = "Yosys cells of rtl/stdp_update_unit.sv, configuration '" + unit.configuration + "'" +
                              (exact_match ? "" : " (not this run's widths)");
    r.blocks.push_back({"synapse_update_logic", nand2 * c.nand2_um2 * 1e-6,
                        std::to_string(static_cast<std::uint64_t>(std::llround(nand2))) + " NAND2 equivalents, " + which});
    r.blocks.push_back({"synapse_update_tables", sram_area_mm2(c, a.decay_table_bits),
                        std::to_string(a.decay_table_bits) + " bits of trace decay tables"});
    for (const auto& b: r.blocks) r.total_mm2 += b.mm2;
    return r;
}

nlohmann::json area_estimate::to_json() const {
    nlohmann::json j;
    j["total_mm2"] = total_mm2;
    for (const auto& b: blocks) {
        j["blocks_mm2"][b.name] = b.mm2;
        j["basis"][b.name] = b.basis;
    }
    j["not_counted"] = "logic of the neuron engine, AER input, delay-line writer and tick controller (no RTL yet)";
    return j;
}

}  // namespace plasticore::energy
