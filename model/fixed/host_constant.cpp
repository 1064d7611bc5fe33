#include "fixed/host_constant.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

namespace fp = fixed_point;

namespace {
double quantized(double x, const fp::format& f, fp::overflow_counter& c) {
    const fp::value v = fp::from_double(x, {f, fp::rounding::nearest_even, fp::overflow_mode::saturate}, c);
    return fp::to_double(v);
}
}  // namespace

void warn_if_degenerate(double x, const fp::format& f, constant_role role, const std::string& name,
                        const std::string& format_key, std::vector<std::string>& warnings) {
    fp::overflow_counter c;
    const double q = quantized(x, f, c);
    std::string effect;
    if (x != 0.0 && q == 0.0) {
        effect = role == constant_role::decay ? "everything it decays vanishes in one step" : "the term it scales is lost";
    }
    else if (role == constant_role::decay && x > 0.0 && x < 1.0 && q == 1.0) {
        effect = "it does not decay at all";
    }
    if (effect.empty()) return;
    warnings.push_back(fmt::format("{} = {:.9g} quantizes to {} in hardware.{} {}: {}", name, x, q, format_key,
                                   f.to_string(), effect));
}

std::int64_t host_constant(double x, const fp::format& f, constant_role role, const std::string& name,
                           const std::string& format_key, std::vector<std::string>& warnings) {
    fp::overflow_counter c;
    const fp::value v = fp::from_double(x, {f, fp::rounding::nearest_even, fp::overflow_mode::saturate}, c);
    if (c.total() != 0) {
        throw std::invalid_argument(fmt::format("{} = {:.9g} does not fit hardware.{} {} (range [{:.9g}, {:.9g}])",
                                                name, x, format_key, f.to_string(), fp::to_double({f.min_raw(), f}),
                                                fp::to_double({f.max_raw(), f})));
    }
    warn_if_degenerate(x, f, role, name, format_key, warnings);
    return v.raw;
}

}  // namespace plasticore::fixed
