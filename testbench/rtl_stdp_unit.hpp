#pragma once
// rtl_stdp_unit<V>: the verilated rtl/stdp_update_unit.sv (model class V, one per width
// configuration, rtl/configurations.txt) behind the interface of fixed::stdp_pair_unit: the
// same constructor arguments and execute() of the generic transaction (operations 0-4).
// Each call clocks the model through one transaction (latency cycles); the differential
// testbench also drives the model directly, one request per cycle, through the low-level
// members (drive(), tick(), ...). This is the class the SystemC core's RTL co-simulation uses.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <verilated.h>

#include "fixed/plasticity/stdp_pair_unit.hpp"
#include "rtl_configurations.hpp"

namespace plasticore::rtl {

// The parameters a model was verilated with (rtl/CMakeLists.txt, stdp_rtl_configs).
struct rtl_widths {
    const char* name;
    int weight_bits;  // WeightBits
    int guard_bits;   // GuardBits
    int trace_int;    // TraceInt
    int trace_frac;   // TraceFrac
    int lut_depth;    // LutDepth
    int work_width() const { return weight_bits + guard_bits; }
    int trace_width() const { return 1 + trace_int + trace_frac; }
    int amp_frac() const { return trace_frac < 63 - weight_bits ? trace_frac : 63 - weight_bits; }
    int amp_width() const {
        const int a = weight_bits + amp_frac() + 1;
        return a > trace_width() ? a : trace_width();
    }
    int lut_index_width() const {
        int w = 0;
        while ((1 << w) < lut_depth) ++w;
        return w;
    }
};

// Every verilated configuration, in rtl/configurations.txt order.
inline const std::vector<rtl_widths>& verilated_configurations() {
#define PLASTICORE_RTL_WIDTHS_ROW(name, n, g, ti, tf, depth) {#name, n, g, ti, tf, depth},
    static const std::vector<rtl_widths> all{PLASTICORE_RTL_CONFIGURATIONS(PLASTICORE_RTL_WIDTHS_ROW)};
#undef PLASTICORE_RTL_WIDTHS_ROW
    return all;
}

enum class rtl_op : std::uint8_t { potentiate = 0, depress = 1, write_back = 2, bump_pre = 3, bump_post = 4 };

inline constexpr int rtl_latency = 5;  // cycles from request acceptance to response valid

struct rtl_response {
    std::uint32_t op;
    std::int64_t weight;  // unsigned working weight (write-back: the stored weight)
    std::int64_t trace;   // sign-extended
    std::uint32_t flags;
    std::uint32_t tag;
};

namespace detail {
inline std::uint64_t mask(int width) { return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }
template <class T>
inline void put(T& port, std::int64_t v, int width) {
    port = static_cast<T>(static_cast<std::uint64_t>(v) & mask(width));
}
inline void put(bool& port, std::int64_t v, int) { port = v != 0; }
template <class T>
inline std::int64_t get_signed(T port, int width) {
    const std::uint64_t u = static_cast<std::uint64_t>(port) & mask(width);
    const std::uint64_t sign = std::uint64_t{1} << (width - 1);
    return static_cast<std::int64_t>((u ^ sign) - sign);
}
}  // namespace detail

template <class V>
class rtl_stdp_unit {
public:
    rtl_stdp_unit(const stdp_pair_params& p, const fixed::weight_scale& scale, double dt_ms,
                  const fixed::hardware_config& h, std::uint32_t seed, const rtl_widths& w):
        widths_(w), context_(std::make_unique<VerilatedContext>()), top_(std::make_unique<V>(context_.get())) {
        top_->clk_i = 0;
        top_->rst_ni = 0;
        top_->req_valid_i = 0;
        top_->resp_ready_i = 1;
        top_->seed_we_i = 0;
        top_->lut_we_i = 0;
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
        configure(p, scale, dt_ms, h, seed);
    }

    // Host set-up, as the stdp_unit constructor: derives the host values (tables, amplitudes,
    // bounds) with fixed::stdp_unit itself and writes them into the unit. Idle unit only.
    void configure(const stdp_pair_params& p, const fixed::weight_scale& scale, double dt_ms,
                   const fixed::hardware_config& h, std::uint32_t seed) {
        using fixed_point::overflow_mode;
        if (scale.bits != widths_.weight_bits || h.weight_bits != widths_.weight_bits ||
            h.weight_guard_bits != widths_.guard_bits || h.trace_format.int_bits() != widths_.trace_int ||
            h.trace_format.frac_bits() != widths_.trace_frac || !h.trace_format.is_signed() ||
            h.lut_size > widths_.lut_depth || h.trace_decay != fixed::trace_decay_kind::lut)
            throw std::invalid_argument(std::string("rtl_stdp_unit: hardware_config does not match the RTL "
                                                    "configuration ") + widths_.name);
        host_ = std::make_unique<fixed::stdp_pair_unit>(p, scale, dt_ms, h, seed);
        V& t = *top_;
        detail::put(t.cfg_product_round_i, static_cast<std::int64_t>(h.product_rounding), 3);
        detail::put(t.cfg_weight_round_i, static_cast<std::int64_t>(h.weight_rounding), 3);
        t.cfg_trace_wrap_i = h.trace_overflow == overflow_mode::wrap;
        t.cfg_multiplicative_i = p.dependence == stdp_pair_params::dependence_kind::multiplicative;
        t.cfg_nearest_i = p.pairing == stdp_pair_params::pairing_kind::nearest;
        detail::put(t.cfg_amp_plus_i, host_->amp_plus(), widths_.amp_width());
        detail::put(t.cfg_amp_minus_i, host_->amp_minus(), widths_.amp_width());
        detail::put(t.cfg_w_min_i, host_->w_min_working(), widths_.work_width());
        detail::put(t.cfg_w_max_i, host_->w_max_working(), widths_.work_width());
        load_table(0, host_->decay_plus());
        load_table(1, host_->decay_minus());
        load_seed(seed);
    }

    void load_seed(std::uint32_t seed) {
        top_->seed_we_i = 1;
        top_->seed_i = seed;
        tick();
        top_->seed_we_i = 0;
        top_->eval();
    }

    // --- the fixed::stdp_pair_unit interface --------------------------------------------
    // One transaction of the generic socket: operations 0-4 are the unit's req_op_i codes.
    fixed::synapse_response execute(const fixed::synapse_request& r) {
        const auto code = static_cast<std::uint8_t>(r.op);
        if (code > static_cast<std::uint8_t>(rtl_op::bump_post))
            throw std::invalid_argument(std::string("rtl_stdp_unit: operation '") + std::string(fixed::op_name(r.op)) +
                                        "' is not in the pair-STDP RTL unit");
        const rtl_op op = static_cast<rtl_op>(code);
        const rtl_response x = transact(op, r.weight, r.trace, r.delta);
        switch (op) {
        case rtl_op::potentiate:
        case rtl_op::depress: return {x.weight, x.trace, static_cast<std::uint8_t>(x.flags)};
        case rtl_op::write_back: return {x.weight, 0, 0};
        default: return {0, x.trace, static_cast<std::uint8_t>(x.flags)};
        }
    }
    std::int64_t load(std::int64_t stored) const { return stored << widths_.guard_bits; }
    // Not in the RTL (a deterministic rounding of the transmit path): computed as the C++ unit does.
    std::int64_t transmitted(std::int64_t working) const { return host_->transmitted(working); }
    std::uint32_t generator_state() const { return top_->rng_state_o; }
    const fixed::stdp_pair_unit& host() const { return *host_; }
    std::uint64_t cycles() const { return cycles_; }

    // --- low level: one request per cycle -------------------------------------------------
    // Sets the request inputs (call with the clock low, before settle()).
    void drive(bool valid, rtl_op op, std::int64_t weight, std::int64_t trace, std::int64_t delta,
               std::uint32_t tag, bool resp_ready) {
        V& t = *top_;
        t.req_valid_i = valid;
        detail::put(t.req_op_i, static_cast<std::int64_t>(op), 3);
        detail::put(t.req_weight_i, weight, widths_.work_width());
        detail::put(t.req_trace_i, trace, widths_.trace_width());
        detail::put(t.req_delta_i, delta, 32);
        detail::put(t.req_tag_i, tag, 8);
        t.resp_ready_i = resp_ready;
    }
    void settle() { top_->eval(); }
    bool req_ready() const { return top_->req_ready_o; }
    bool resp_valid() const { return top_->resp_valid_o; }
    rtl_response response() const {
        const V& t = *top_;
        return {t.resp_op_o, static_cast<std::int64_t>(static_cast<std::uint64_t>(t.resp_weight_o) & detail::mask(widths_.work_width())),
                detail::get_signed(t.resp_trace_o, widths_.trace_width()), t.resp_flags_o, t.resp_tag_o};
    }
    // One clock cycle: rising edge, then the clock low again with the outputs settled.
    void tick() {
        top_->clk_i = 1;
        top_->eval();
        top_->clk_i = 0;
        top_->eval();
        ++cycles_;
    }
    V& model() { return *top_; }
    const rtl_widths& widths() const { return widths_; }

private:
    void load_table(int sel, const fixed::trace_decay_table& table) {
        V& t = *top_;
        if (static_cast<int>(table.size()) > widths_.lut_depth)
            throw std::invalid_argument("rtl_stdp_unit: decay table longer than LutDepth");
        const int idx_width = widths_.lut_index_width();
        t.lut_we_i = 1;
        t.lut_sel_i = sel != 0;
        for (std::size_t i = 0; i < table.size(); ++i) {
            detail::put(t.lut_addr_i, static_cast<std::int64_t>(i), idx_width);
            detail::put(t.lut_wdata_i, table.entries()[i], widths_.trace_frac + 1);
            tick();
        }
        t.lut_we_i = 0;
        if (sel == 0) {
            detail::put(t.cfg_lut_shift_plus_i, table.shift(), 6);
            detail::put(t.cfg_lut_len_plus_i, static_cast<std::int64_t>(table.size()), idx_width + 1);
        }
        else {
            detail::put(t.cfg_lut_shift_minus_i, table.shift(), 6);
            detail::put(t.cfg_lut_len_minus_i, static_cast<std::int64_t>(table.size()), idx_width + 1);
        }
        t.eval();
    }

    rtl_response transact(rtl_op op, std::int64_t weight, std::int64_t trace, std::int64_t delta) {
        if (delta < 0 || delta > 0xFFFFFFFFll) throw std::out_of_range("rtl_stdp_unit: delta outside 32 bits");
        drive(true, op, weight, trace, delta, 0, true);
        settle();
        tick();  // accepted: the pipeline is empty, so req_ready is high
        top_->req_valid_i = 0;
        settle();
        while (!resp_valid()) tick();
        const rtl_response r = response();
        tick();  // response taken (resp_ready high)
        return r;
    }

    rtl_widths widths_;
    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<V> top_;
    std::unique_ptr<fixed::stdp_pair_unit> host_;
    std::uint64_t cycles_ = 0;
};

}  // namespace plasticore::rtl
