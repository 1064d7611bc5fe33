#include "fixed/plasticity/trace_decay_table.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {
// The entries of a table with index shift `shift`, stopping at the first zero; the length
// is padded to even with zeros (sPyNNaker's get_exp_lut_array packs two uint16 per word).
std::vector<std::int64_t> lut_entries(double tau_ms, double dt_ms, int shift, const fp::result_spec& spec,
                                      std::size_t limit) {
    std::vector<std::int64_t> out;
    fp::overflow_counter c;
    for (std::int64_t i = 0;; ++i) {
        const double x = std::exp(-static_cast<double>(i << shift) * dt_ms / tau_ms);
        const std::int64_t raw = fp::from_double(x, spec, c).raw;
        if (raw == 0) break;
        out.push_back(raw);
        if (out.size() > limit) break;  // too long for this shift
    }
    if (out.size() % 2 != 0) out.push_back(0);
    return out;
}
}  // namespace

trace_decay_table::trace_decay_table(double tau_ms, double dt_ms, const hardware_config& h):
    trace_decay_table(tau_ms, dt_ms, h, h.trace_format) {}

trace_decay_table::trace_decay_table(double tau_ms, double dt_ms, const hardware_config& h,
                                     const fp::format& value_format):
    kind_(h.trace_decay),
    factor_format_(h.trace_decay == trace_decay_kind::lut
                       ? fp::format(false, 1, std::max(value_format.frac_bits(), h.trace_format.frac_bits()))
                       : h.propagator_format) {
    if (!(tau_ms > 0) || !std::isfinite(tau_ms))
        throw std::invalid_argument("trace time constant tau must be > 0 (got " + std::to_string(tau_ms) + ")");
    narrow_ = fp::detail::product_fits_int64(value_format, factor_format_);
    if (kind_ == trace_decay_kind::lut) {
        const fp::result_spec spec{factor_format_, h.lut_rounding, fp::overflow_mode::saturate};
        const auto limit = static_cast<std::size_t>(h.lut_size);
        for (shift_ = 0; shift_ < 62; ++shift_) {
            table_ = lut_entries(tau_ms, dt_ms, shift_, spec, limit);
            if (table_.size() <= limit) return;
        }
        return;
    }
    const fp::result_spec spec{factor_format_, fp::rounding::nearest_even, fp::overflow_mode::saturate};
    fp::overflow_counter c;
    for (int b = 0; b < 62; ++b) {
        const std::int64_t raw = fp::from_double(std::exp(-std::ldexp(dt_ms, b) / tau_ms), spec, c).raw;
        if (raw == 0) break;
        table_.push_back(raw);
    }
}

}  // namespace plasticore::fixed
