#pragma once
// The weight arithmetic every rule's unit shares (docs/datapath.md, "Weights while updated"):
// a stored n-bit magnitude is loaded as a working weight with g guard bits, changed by any
// number of updates each clipped to [w_min, w_max], transmitted rounded to nearest (ties up,
// no draw), and written back once, rounded by the weight rounding (one draw if stochastic and
// g > 0). Host constants go through fixed/host_constant.hpp.

#include <cstdint>
#include <string>

#include "config/hardware_config.hpp"
#include "fixed/plasticity/transaction.hpp"
#include "fixed/weight_scale.hpp"
#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

// The additive amplitude format: u(n).f with f = min(trace fraction bits, 63 - n), in weight
// LSBs: an amplitude A of the weight range is A (w_max - w_min) / LSB.
fixed_point::format additive_amp_format(const weight_scale& scale, const hardware_config& h);

class weight_path {
public:
    weight_path(double w_min_na, double w_max_na, const weight_scale& scale, const hardware_config& h);

    std::int64_t load(std::int64_t stored) const { return stored << guard_bits_; }
    std::int64_t transmitted(std::int64_t working) const {
        if (guard_bits_ == 0) return working;
        return (working + (std::int64_t{1} << (guard_bits_ - 1))) >> guard_bits_;
    }
    PLASTICORE_FX_INLINE std::int64_t write_back(std::int64_t working, fixed_point::xorshift32& rng) const {
        if (guard_bits_ == 0) return working;
        fixed_point::overflow_counter c;  // cannot overflow: working <= w_max << g
        return fixed_point::detail::requantize<std::int64_t>(working, guard_bits_, write_back_spec_, c, &rng);
    }
    // w clipped to [w_min, w_max], flagged and counted.
    PLASTICORE_FX_INLINE std::int64_t clip(std::int64_t w, std::uint8_t& flags, std::uint64_t& clip_max,
                                           std::uint64_t& clip_min) const {
        if (w > w_max_) {
            flags |= flag_clipped_max;
            ++clip_max;
            return w_max_;
        }
        if (w < w_min_) {
            flags |= flag_clipped_min;
            ++clip_min;
            return w_min_;
        }
        return w;
    }

    int guard_bits() const { return guard_bits_; }
    std::int64_t w_min() const { return w_min_; }  // working
    std::int64_t w_max() const { return w_max_; }
    // A weight change: working weight s(n+6).g, product rounding, saturating.
    const fixed_point::result_spec& update_spec() const { return update_spec_; }

private:
    int guard_bits_;
    fixed_point::result_spec update_spec_;
    fixed_point::result_spec write_back_spec_;  // u(n).0, weight rounding, saturate
    std::int64_t w_min_, w_max_;
};

}  // namespace plasticore::fixed
