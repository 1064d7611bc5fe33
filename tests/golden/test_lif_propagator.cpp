// The exact propagators against closed-form solutions, including tau_syn == tau_m.
#include <catch2/catch.hpp>

#include <cmath>

#include "math/lif_propagator.hpp"

using namespace plasticore;
using math::make_lif_propagator;

namespace {
lif_params params(double tau_m, double tau_e, double tau_i) {
    lif_params p;
    p.tau_m = tau_m;
    p.c_m = 0.25;
    p.tau_syn_e = tau_e;
    p.tau_syn_i = tau_i;
    return p;
}
}  // namespace

TEST_CASE("P22 and P20 solve the membrane under a constant current", "[golden][propagator]") {
    const auto p = make_lif_propagator<double>(params(10.0, 5.0, 3.0), 0.1);
    CHECK(p.p22 == Approx(std::exp(-0.01)).epsilon(1e-15));
    // v(h) - v_rest for a 1 nA step from rest: R (1 - exp(-h/tau)), R = tau/C = 40 MOhm.
    CHECK(p.p20 == Approx(40.0 * (1.0 - std::exp(-0.01))).epsilon(1e-14));
    CHECK(p.pe == Approx(std::exp(-0.02)).epsilon(1e-15));
    CHECK(p.pi == Approx(std::exp(-0.1 / 3.0)).epsilon(1e-15));
}

TEST_CASE("P21 is the response to an exponentially decaying current", "[golden][propagator]") {
    const double h = 0.1, tm = 10.0, ts = 5.0, c = 0.25;
    const auto p = make_lif_propagator<double>(params(tm, ts, ts), h);
    const double closed = (1.0 / c) * (std::exp(-h / ts) - std::exp(-h / tm)) / (1.0 / tm - 1.0 / ts);
    CHECK(p.p21e == Approx(closed).epsilon(1e-12));
    CHECK(p.p21i == p.p21e);
}

TEST_CASE("tau_syn == tau_m uses the exact limit h exp(-h/tau) / C", "[golden][propagator]") {
    const double h = 0.1, tau = 10.0, c = 0.25;
    const auto p = make_lif_propagator<double>(params(tau, tau, tau), h);
    CHECK(std::isfinite(p.p21e));
    CHECK(p.p21e == Approx(h * std::exp(-h / tau) / c).epsilon(1e-15));
}

TEST_CASE("P21 is continuous as tau_syn approaches tau_m", "[golden][propagator]") {
    const double h = 0.1, tau = 10.0, c = 0.25;
    const double limit = h * std::exp(-h / tau) / c;
    for (double eps: {1e-3, 1e-6, 1e-9, 1e-12}) {
        const auto p = make_lif_propagator<double>(params(tau, tau * (1 + eps), tau * (1 - eps)), h);
        INFO("eps = " << eps);
        // The first-order change is O(eps h/tau); a cancelling formula would lose all digits
        // near eps = 1e-12.
        CHECK(p.p21e == Approx(limit).epsilon(10 * eps + 1e-14));
        CHECK(p.p21i == Approx(limit).epsilon(10 * eps + 1e-14));
    }
}

TEST_CASE("the high-precision propagator agrees with double to double precision", "[golden][propagator]") {
    const auto d = make_lif_propagator<double>(params(10.0, 5.0, 3.0), 0.1);
    const auto q = make_lif_propagator<math::high_precision>(params(10.0, 5.0, 3.0), 0.1);
    CHECK(math::to_double(q.p22) == Approx(d.p22).epsilon(1e-15));
    CHECK(math::to_double(q.p20) == Approx(d.p20).epsilon(1e-15));
    CHECK(math::to_double(q.p21e) == Approx(d.p21e).epsilon(1e-14));
    CHECK(math::to_double(q.p21i) == Approx(d.p21i).epsilon(1e-14));
}
