#!/usr/bin/env python3
"""Writes the Potjans & Diesmann (2014) cortical microcircuit as a plasticore experiment.

    /usr/bin/python3 tools/microcircuit/make_microcircuit.py --neurons 1.0 --in-degrees 1.0 > examples/microcircuit.toml
    /usr/bin/python3 tools/microcircuit/make_microcircuit.py --neurons 0.1 --in-degrees 0.1 > examples/microcircuit_10pct.toml
    /usr/bin/python3 tools/microcircuit/make_microcircuit.py --neurons 0.1 --in-degrees 0.1 --background poisson \
        > examples/microcircuit_10pct_poisson.toml
    /usr/bin/python3 tools/microcircuit/make_microcircuit.py --background poisson > examples/microcircuit_poisson.toml

The experiment format's [scale] section does the same scaling in the loader (docs/experiment-format.md,
"`[scale]`: simulating a network smaller"): the full-size files with [scale] neurons = in_degrees = 0.1 load as the 10%
files (tests/experiment/test_scale.cpp checks it), from each population's full_rate_hz.

Numbers: NEST's PyNEST microcircuit example, pynest/examples/Potjans_2014/network_params.py
(nest/nest-simulator, commit 009199371edaf9b6b2127e8c7f8697dc707cb348; Rothe, Bos & van
Albada 2016), and its helpers.py for the synapse numbers, the PSP-to-PSC factor and the
scaling. Scaling as the reference implementation does it: population sizes times --neurons,
synapse numbers times --neurons x --in-degrees, weights divided by sqrt(--in-degrees), and a DC
current that replaces the recurrent input lost by scaling the in-degrees:
    I_DC += 1e-3 tau_syn (1 - sqrt(k)) sum_j K_j w_j r_j      [pA; ms, pA, Hz]
with the full network's in-degrees K_j, weights w_j (signed) and rates r_j.

Background (--background): dc (default; the reference implementation's poisson_input = False
alternative), I_bg = 1e-3 tau_syn bg_rate K_ext w_ext; or poisson, the on-line Poisson
background of each population (background_rate_hz, background_weight_na): rate
bg_rate x round(K_ext x k) and weight w_ext / sqrt(k), the external in-degree scaled like the
recurrent ones, and the DC compensation then also covers the external input lost by scaling,
    I_DC += 1e-3 tau_syn (1 - sqrt(k)) w_ext K_ext bg_rate
(network.py: ext_indegrees, __create_poisson_bg_input; helpers.py:
adjust_weights_and_input_to_synapse_scaling with poisson_input).
"""

import argparse
import math

# Populations (network_params.py: 'populations', 'N_full', 'K_ext', 'full_mean_rates').
NAMES = ["L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"]
N_FULL = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
FULL_MEAN_RATES = [0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523]  # [Hz]
# Connection probabilities, [target][source] ('conn_probs').
CONN_PROBS = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
]
PSP_E = 0.15         # mean excitatory PSP [mV]
PSP_REL_SD = 0.1     # relative SD of the PSP (and so of the PSC)
G = -4.0             # inhibitory / excitatory weight
BG_RATE = 8.0        # background rate per external synapse [Hz]
DELAY_E, DELAY_I = 1.5, 0.75  # mean delays [ms]
DELAY_REL_SD = 0.5
NEURON = dict(e_l=-65.0, v_th=-50.0, v_reset=-65.0, c_m=250.0, tau_m=10.0, tau_syn=0.5, t_ref=2.0,
              v0_mean=-58.0, v0_sd=10.0)  # mV, pF, ms
DT = 0.1  # [ms]


def psc_over_psp(c_m, tau_m, tau_syn):
    """PSC amplitude [pA] per PSP peak [mV] of a current-based LIF with exponential currents."""
    sub = 1.0 / (tau_syn - tau_m)
    pre = tau_m * tau_syn / c_m * sub
    frac = (tau_m / tau_syn) ** sub
    return 1.0 / (pre * (frac ** tau_m - frac ** tau_syn))


def full_synapse_number(p, n_pre, n_post):
    """Synapses that give connection probability p with multapses (helpers.py)."""
    if p <= 0:
        return 0.0
    prod = float(n_pre) * float(n_post)
    return math.log(1.0 - p) / math.log((prod - 1.0) / prod)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--neurons", type=float, default=1.0, help="population size scale (N_scaling)")
    ap.add_argument("--in-degrees", type=float, default=1.0, help="in-degree scale (K_scaling)")
    ap.add_argument("--duration-ms", type=float, default=1000.0)
    ap.add_argument("--seed", type=int, default=55)
    ap.add_argument("--background", choices=["dc", "poisson"], default="dc",
                    help="DC background (default) or on-line Poisson background per population")
    a = ap.parse_args()
    poisson = a.background == "poisson"
    n_scale, k_scale = a.neurons, a.in_degrees
    if not (0 < n_scale <= 1 and 0 < k_scale <= 1):
        ap.error("--neurons and --in-degrees must be in (0, 1]")

    w_e = psc_over_psp(NEURON["c_m"], NEURON["tau_m"], NEURON["tau_syn"]) * PSP_E  # [pA], 87.8
    # Signed full-scale weights [target][source]: inhibitory sources g w_e, L4e -> L2/3e doubled.
    w_full = [[(w_e if s % 2 == 0 else G * w_e) for s in range(8)] for _ in range(8)]
    w_full[0][2] = 2 * w_e
    sizes = [max(1, round(n * n_scale)) for n in N_FULL]
    n_syn_full = [[full_synapse_number(CONN_PROBS[t][s], N_FULL[s], N_FULL[t]) for s in range(8)] for t in range(8)]
    tau_syn = NEURON["tau_syn"]
    dc = []  # [pA]
    bg_rate = []  # [Hz] per neuron (Poisson background)
    for t in range(8):
        input_rec = sum(w_full[t][s] * n_syn_full[t][s] / N_FULL[t] * FULL_MEAN_RATES[s] for s in range(8))
        input_ext = BG_RATE * K_EXT[t] * w_e
        if poisson:
            bg_rate.append(BG_RATE * round(K_EXT[t] * k_scale))
            dc.append(1e-3 * tau_syn * (1.0 - math.sqrt(k_scale)) * (input_rec + input_ext))
        else:
            dc.append(1e-3 * tau_syn * input_ext + 1e-3 * tau_syn * (1.0 - math.sqrt(k_scale)) * input_rec)
    total = 0

    out = []
    w = out.append
    w("# The cortical microcircuit of Potjans & Diesmann (2014), Cereb. Cortex 24:785: 8 populations")
    w("# (L2/3, L4, L5, L6; excitatory e and inhibitory i) of current-based LIF neurons with")
    w("# exponential synaptic currents, fixed_total_number connectivity with multapses, normal")
    if poisson:
        w("# weights and delays (redrawn outside their bounds), and a Poisson background.")
        w("# Generated by tools/microcircuit/make_microcircuit.py --neurons {} --in-degrees {} --background poisson;".format(n_scale, k_scale))
        w("# numbers from")
    else:
        w("# weights and delays (redrawn outside their bounds), and a DC background.")
        w("# Generated by tools/microcircuit/make_microcircuit.py --neurons {} --in-degrees {}; numbers from".format(n_scale, k_scale))
    w("# NEST's PyNEST example pynest/examples/Potjans_2014/network_params.py and helpers.py")
    w("# (nest/nest-simulator 009199371edaf9b6b2127e8c7f8697dc707cb348). See docs/microcircuit.md.")
    w("# Mean PSC {:.2f} pA (0.15 mV PSP), g = -4, L4e -> L2/3e doubled, delays e 1.5 +- 0.75 ms,".format(w_e))
    w("# i 0.75 +- 0.375 ms, initial V -58 +- 10 mV.")
    if k_scale < 1 and poisson:
        w("# In-degrees (external ones too) scaled by {}: weights x 1/sqrt({}) and the lost recurrent and".format(k_scale, k_scale))
        w("# external input as DC (I_DC = 1e-3 tau_syn (1 - sqrt(k)) (sum_j K_j w_j r_j + K_ext w_ext 8 Hz),")
        w("# the reference implementation's scaling).")
    elif k_scale < 1:
        w("# In-degrees scaled by {}: weights x 1/sqrt({}) and the lost recurrent input added to the DC".format(k_scale, k_scale))
        w("# (I_DC += 1e-3 tau_syn (1 - sqrt(k)) sum_j K_j w_j r_j, the reference implementation's scaling).")
    w("")
    w("[simulation]")
    w("dt_ms = {}".format(DT))
    w("duration_ms = {}".format(a.duration_ms))
    w("seed = {}".format(a.seed))
    for t in range(8):
        w("")
        w("[[population]]")
        w('name = "{}"'.format(NAMES[t]))
        w("size = {}  # {} at full size".format(sizes[t], N_FULL[t]))
        w("tau_m_ms = {}".format(NEURON["tau_m"]))
        w("c_m_nf = {}".format(NEURON["c_m"] / 1000.0))
        w("v_rest_mv = {}".format(NEURON["e_l"]))
        w("v_reset_mv = {}".format(NEURON["v_reset"]))
        w("v_thresh_mv = {}".format(NEURON["v_th"]))
        w("v_init_mv = {}".format(NEURON["v0_mean"]))
        w("v_init_sd_mv = {}".format(NEURON["v0_sd"]))
        w("t_ref_ms = {}".format(NEURON["t_ref"]))
        w("tau_syn_e_ms = {}".format(tau_syn))
        w("tau_syn_i_ms = {}".format(tau_syn))
        w("full_rate_hz = {}  # full-size mean rate (full_mean_rates), for [scale]".format(FULL_MEAN_RATES[t]))
        if poisson:
            w("# background: Poisson, 8 Hz x {} external synapses ({} at full size) of {:.2f} pA{}".format(
                round(K_EXT[t] * k_scale), K_EXT[t], w_e / math.sqrt(k_scale), " (x 1/sqrt(k))" if k_scale < 1 else ""))
            w("background_rate_hz = {}".format(bg_rate[t]))
            w("background_weight_na = {:.6f}".format(w_e / math.sqrt(k_scale) / 1000.0))
            if k_scale < 1:
                w("# the in-degree compensation of the recurrent and external input as DC")
                w("i_offset_na = {:.6f}".format(dc[t] / 1000.0))
        else:
            w("# background: 8 Hz x K_ext = {} synapses x {:.2f} pA x tau_syn as DC{}".format(
                K_EXT[t], w_e, ", plus the in-degree compensation" if k_scale < 1 else ""))
            w("i_offset_na = {:.6f}".format(dc[t] / 1000.0))
    for t in range(8):
        for s in range(8):
            n = round(n_syn_full[t][s] * n_scale * k_scale)
            if n == 0:
                continue
            total += n
            mean = abs(w_full[t][s]) / math.sqrt(k_scale) / 1000.0  # [nA], magnitude
            exc = s % 2 == 0
            d = DELAY_E if exc else DELAY_I
            w("")
            w("[[projection]]")
            w('name = "{}_to_{}"'.format(NAMES[s], NAMES[t]))
            w('pre = "{}"'.format(NAMES[s]))
            w('post = "{}"'.format(NAMES[t]))
            w('connector = "fixed_total_number"')
            w("n = {}  # connection probability {}".format(n, CONN_PROBS[t][s]))
            w('receptor = "{}"'.format("excitatory" if exc else "inhibitory"))
            w("weight_na = {{ normal = [{:.6f}, {:.6f}], redraw = [0.0, inf] }}".format(mean, mean * PSP_REL_SD))
            w("delay_ms = {{ normal = [{}, {}], redraw = [{}, inf] }}".format(d, d * DELAY_REL_SD, DT))
    w("")
    w("[record]")
    w("spikes = [{}]".format(", ".join('"{}"'.format(n) for n in NAMES)))
    print("# {} neurons, {} synapses".format(sum(sizes), total))
    print("\n".join(out))


if __name__ == "__main__":
    main()
