#pragma once
// The neuron-update unit: steps 1-2 of docs/semantics.md for one LIF neuron on raw integers
// (docs/datapath.md, "Neuron update"). The core calls step() once per neuron per time step.
//
//   if r > 0:  r <- r - 1                                   (membrane clamped)
//   else:      v <- v_rest + P22 (v - v_rest) + P20 I_ext + P21e I_e - P21i I_i
//              spike iff v >= v_thresh
//   always:    I_e <- Pe I_e,  I_i <- Pi I_i
//
// Each product rounds once, by the product rounding, into the format of its destination
// (v or current); v - v_rest is exact unless it overflows the v format (then fitted by
// v_overflow); the five-term sum (six for the adaptive neuron) is exact and fitted once by v_overflow. Stream
// use per call: 4 draws for the membrane (P22, P20, P21e, P21i products, in that order) when
// not clamped, then 2 for the current decays (Pe, Pi).
//
// The adaptive neuron (step_adaptive_as; docs/semantics.md "Adaptive LIF", docs/datapath.md)
// adds the adaptation current w (current format) as a sixth membrane term - P21w w, and
// the threshold offset theta (v format):
//   membrane as above with - P21w w;  I_e, I_i, w <- Pe I_e, Pi I_i, Pw w;  theta <- Ptheta theta
//   spike iff not clamped and v >= v_thresh + theta (exact comparison)
// Stream use: 5 draws for the membrane (P22, P20, P21e, P21i, P21w) when not clamped, then 4
// for the decays (Pe, Pi, Pw, Ptheta). The reset adds b to w and theta_jump to theta (exact,
// fitted by the current and v overflow modes).
// Intrinsic plasticity (intrinsic() populations) adds, clamped or not, after the decays:
//   theta_ip <- fit(theta_ip + round(Ga a) - Dip)  (ip_threshold_format),  a <- round(Pa a)
//   spike iff integrated and v >= v_thresh + theta + theta_ip (exact comparison)
// two more draws (Ga, Pa), and at the reset a <- fit(a + 1000/ip_tau) (ip_rate_format).

#include <cstdint>
#include <string>
#include <vector>

#include "experiment/experiment.hpp"
#include "config/hardware_config.hpp"
#include "fixed_point/ops.hpp"

namespace plasticore::fixed {

// Raw constants of one population, computed on the host in double and rounded to nearest
// (ties to even) into their formats.
struct neuron_constants {
    std::int64_t v_rest, v_reset, v_thresh;  // v_format [mV]
    std::int64_t p22, pe, pi;                // propagator_format [1]
    std::int64_t p20, p21e, p21i;            // gain_format [mV/nA]
    std::int32_t refractory_steps;           // R [steps]
    // Adaptive LIF only (0 otherwise).
    std::int64_t p21w = 0;                   // gain_format [mV/nA]
    std::int64_t pw = 0, ptheta = 0;         // propagator_format [1]
    std::int64_t adapt_b = 0;                // current_format [nA]
    std::int64_t theta_jump = 0;             // v_format [mV]
    // Intrinsic plasticity only (0 otherwise).
    std::int64_t pa = 0, ga = 0;             // propagator_format [1], [mV/Hz] (both below 1)
    std::int64_t dip = 0;                    // ip_threshold_format [mV]
    std::int64_t a_jump = 0;                 // ip_rate_format [Hz]
};

struct neuron_counters {
    fixed_point::overflow_counter v, i_e, i_i, i_ext;
    fixed_point::overflow_counter w, theta;  // adaptive LIF
    fixed_point::overflow_counter rate, theta_ip;  // intrinsic plasticity
};

class neuron_datapath {
public:
    // Throws std::invalid_argument naming the constant and format if one does not fit.
    neuron_datapath(const lif_params& p, double dt_ms, const hardware_config& h,
                    const std::string& population_name);

    // Steps 1-2 for one neuron; returns true if it spikes. i_ext: i_offset + bias in the
    // current format.
    PLASTICORE_FX_INLINE bool step(std::int64_t& v, std::int64_t& i_e, std::int64_t& i_i,
                                   std::int32_t& refractory, std::int64_t i_ext, neuron_counters& c,
                                   fixed_point::xorshift32* rng) const {
        return fixed_point::detail::with_rounding(v_prod_.round, [&](auto mode) PLASTICORE_FX_LAMBDA_INLINE {
            return step_as<decltype(mode)::value>(v, i_e, i_i, refractory, i_ext, c, rng);
        });
    }

    // step() with the product rounding R (= product_rounding()) fixed at compile time, for
    // loops that resolve it once per population (engine::neuron_phase).
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE bool step_as(std::int64_t& v, std::int64_t& i_e, std::int64_t& i_i,
                                      std::int32_t& refractory, std::int64_t i_ext, neuron_counters& c,
                                      fixed_point::xorshift32* rng) const {
        std::int64_t unused = 0;
        return step_impl<R, false>(v, i_e, i_i, unused, unused, refractory, i_ext, c, rng);
    }

    // The adaptive neuron's steps 1-2 (adaptive() populations only): w [current format] and
    // theta [v format] as well.
    // rate [ip_rate_format] and theta_ip [ip_threshold_format]: intrinsic plasticity's state,
    // untouched unless intrinsic().
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE bool step_adaptive_as(std::int64_t& v, std::int64_t& i_e, std::int64_t& i_i,
                                               std::int64_t& w, std::int64_t& theta, std::int64_t& rate,
                                               std::int64_t& theta_ip, std::int32_t& refractory,
                                               std::int64_t i_ext, neuron_counters& c,
                                               fixed_point::xorshift32* rng) const {
        const bool integrated = step_impl<R, true>(v, i_e, i_i, w, theta, refractory, i_ext, c, rng);
        if (!intrinsic_) return integrated && above(v, theta, 0);
        namespace fp = fixed_point;
        // theta_ip <- theta_ip + Ga a - Dip (exact sum, fitted); a <- Pa a.
        const std::int64_t drift = product<R>(k_.ga, pf_, rate, ip_rate_.fmt, narrow_ga_, ip_theta_prod_, c.theta_ip, rng);
        theta_ip = fp::detail::fit<fp::int128>(fp::int128{theta_ip} + drift - k_.dip, ip_theta_prod_.fmt,
                                               ip_theta_prod_.overflow, c.theta_ip);
        rate = product<R>(k_.pa, pf_, rate, ip_rate_.fmt, narrow_pa_, ip_rate_, c.rate, rng);
        return integrated && above(v, theta, theta_ip);
    }

    // Step 8 of a neuron with intrinsic plasticity: a <- a + 1000/ip_tau (exact, saturating).
    void reset_rate(std::int64_t& rate, neuron_counters& c) const {
        namespace fp = fixed_point;
        rate = fp::detail::fit<fp::int128>(fp::int128{rate} + k_.a_jump, ip_rate_.fmt, ip_rate_.overflow, c.rate);
    }

    bool adaptive() const { return adaptive_; }
    bool intrinsic() const { return intrinsic_; }

    fixed_point::rounding product_rounding() const { return v_prod_.round; }

    // Step 8: after a spike.
    void reset(std::int64_t& v, std::int32_t& refractory) const {
        v = k_.v_reset;
        refractory = k_.refractory_steps;
    }
    // Step 8 of an adaptive neuron, besides reset(): the spike-triggered increments.
    void reset_adaptation(std::int64_t& w, std::int64_t& theta, neuron_counters& c) const {
        namespace fp = fixed_point;
        w = fp::add({w, i_exact_.fmt}, {k_.adapt_b, i_exact_.fmt}, i_exact_, c.w).raw;
        theta = fp::add({theta, v_exact_.fmt}, {k_.theta_jump, v_exact_.fmt}, v_exact_, c.theta).raw;
    }

    // I <- I + slot * 2^k_slot: a synaptic input slot (weight units, LSB 2^k_slot nA) added
    // into a current at the end of the synapse phase; one rounding by the product rounding.
    PLASTICORE_FX_INLINE void add_input(std::int64_t& current, std::uint64_t slot, int k_slot,
                                        fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) const {
        namespace fp = fixed_point;
        const fp::value s{static_cast<std::int64_t>(slot), slot_format_};
        const fp::value in = k_slot >= 0 ? fp::shift_left(s, k_slot, i_prod_, c, rng)
                                         : fp::shift_right(s, -k_slot, i_prod_, c, rng);
        current = fp::add({current, i_prod_.fmt}, in, i_exact_, c).raw;
    }

    // i_offset + bias [nA] into the current format (host, nearest).
    std::int64_t external_current(double i_na, neuron_counters& c) const;

    const neuron_constants& constants() const { return k_; }
    // Constants whose quantization defeats them (host_constant.hpp).
    const std::vector<std::string>& warnings() const { return warnings_; }
    double v_to_mv(std::int64_t raw) const { return fixed_point::to_double({raw, v_exact_.fmt}); }
    double i_to_na(std::int64_t raw) const { return fixed_point::to_double({raw, i_prod_.fmt}); }
    std::int64_t v_from_mv(double v_mv) const;  // nearest, saturating (initial values)

private:
    template <fixed_point::rounding R, bool Adaptive>
    PLASTICORE_FX_INLINE bool step_impl(std::int64_t& v, std::int64_t& i_e, std::int64_t& i_i, std::int64_t& w,
                                        std::int64_t& theta, std::int32_t& refractory, std::int64_t i_ext,
                                        neuron_counters& c, fixed_point::xorshift32* rng) const {
        namespace fp = fixed_point;
        bool spiked = false;
        if (refractory > 0) {
            --refractory;
        }
        else {
            const fp::format& vf = v_exact_.fmt;
            const fp::format& cf = i_prod_.fmt;
            // v - v_rest: fp::subtract of two values in one format, exact (k = 0) and fitted.
            const std::int64_t d = sub_narrow_ ? fp::detail::fit<std::int64_t>(v - k_.v_rest, vf, v_exact_.overflow, c.v)
                                               : fp::subtract({v, vf}, {k_.v_rest, vf}, v_exact_, c.v).raw;
            const std::int64_t t22 = product<R>(k_.p22, pf_, d, vf, narrow_v_, v_prod_, c.v, rng);
            const std::int64_t t20 = product<R>(k_.p20, gf_, i_ext, cf, narrow_gain_, v_prod_, c.v, rng);
            const std::int64_t t21e = product<R>(k_.p21e, gf_, i_e, cf, narrow_gain_, v_prod_, c.v, rng);
            const std::int64_t t21i = product<R>(k_.p21i, gf_, i_i, cf, narrow_gain_, v_prod_, c.v, rng);
            std::int64_t t21w = 0;
            if constexpr (Adaptive) t21w = product<R>(k_.p21w, gf_, w, cf, narrow_gain_, v_prod_, c.v, rng);
            // The sum is exact (int64 when six v-format terms provably fit, else int128) and
            // fitted into the v format once.
            if (sum_narrow_) {
                v = fp::detail::fit<std::int64_t>(k_.v_rest + t22 + t20 + t21e - t21i - t21w, vf, v_exact_.overflow, c.v);
            }
            else {
                const fp::int128 sum = fp::int128{k_.v_rest} + t22 + t20 + t21e - t21i - t21w;
                v = fp::detail::fit<fp::int128>(sum, vf, v_exact_.overflow, c.v);
            }
            spiked = true;  // integrated: the threshold is compared below
        }
        i_e = product<R>(k_.pe, pf_, i_e, i_prod_.fmt, narrow_i_, i_prod_, c.i_e, rng);
        i_i = product<R>(k_.pi, pf_, i_i, i_prod_.fmt, narrow_i_, i_prod_, c.i_i, rng);
        if constexpr (Adaptive) {
            w = product<R>(k_.pw, pf_, w, i_prod_.fmt, narrow_i_, i_prod_, c.w, rng);
            theta = product<R>(k_.ptheta, pf_, theta, v_exact_.fmt, narrow_v_, v_prod_, c.theta, rng);
            return spiked;  // integrated: the caller compares with the moving threshold
        }
        else {
            return spiked && v >= k_.v_thresh;
        }
    }

    // v >= v_thresh + theta + theta_ip, exactly: v, v_thresh and theta in the v format,
    // theta_ip in the ip threshold format, compared in int128 at the finer of the two scales.
    bool above(std::int64_t v, std::int64_t theta, std::int64_t theta_ip) const {
        namespace fp = fixed_point;
        const fp::int128 threshold = fp::int128{k_.v_thresh} + theta;
        const int fv = v_exact_.fmt.frac_bits(), ft = ip_theta_prod_.fmt.frac_bits();
        // Scaled by multiplying with 2^k: a left shift of a negative value is undefined in C++17.
        if (ft >= fv) {
            const fp::int128 scale = fp::int128{1} << (ft - fv);
            return fp::int128{v} * scale >= threshold * scale + theta_ip;
        }
        return fp::int128{v} >= threshold + fp::int128{theta_ip} * (fp::int128{1} << (fv - ft));
    }

    // fixed_point::multiply, with the choice of the int64 path made once at set-up and the
    // rounding out.round = R fixed at compile time.
    template <fixed_point::rounding R>
    PLASTICORE_FX_INLINE static std::int64_t product(std::int64_t a, const fixed_point::format& fa, std::int64_t b,
                                                     const fixed_point::format& fb, bool narrow,
                                                     const fixed_point::result_spec& out,
                                                     fixed_point::overflow_counter& c, fixed_point::xorshift32* rng) {
        if (narrow) {
            return fixed_point::detail::requantize_as<R, std::int64_t>(
                a * b, fa.frac_bits() + fb.frac_bits() - out.fmt.frac_bits(), out.fmt, out.overflow, c, rng);
        }
        return fixed_point::multiply({a, fa}, {b, fb}, out, c, rng).raw;
    }

    neuron_constants k_;
    std::vector<std::string> warnings_;
    bool narrow_v_, narrow_gain_, narrow_i_;  // products exact in int64
    bool sub_narrow_;                         // v - v_rest exact in int64
    bool sum_narrow_;                         // v_rest + five v-format terms exact in int64
    bool adaptive_ = false;                   // lif_params::adaptive()
    bool intrinsic_ = false;                  // lif_params::intrinsic()
    bool narrow_ga_ = false, narrow_pa_ = false;  // intrinsic plasticity's products exact in int64
    fixed_point::format pf_, gf_, slot_format_;
    fixed_point::result_spec v_exact_, v_prod_, i_exact_, i_prod_;
    fixed_point::result_spec ip_rate_, ip_theta_prod_;  // intrinsic plasticity: saturating, product rounding
};

}  // namespace plasticore::fixed
