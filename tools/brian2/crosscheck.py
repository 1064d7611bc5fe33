#!/usr/bin/python3
"""Cross-check plasticore's golden model against Brian2 (docs/brian2-crosscheck.md).

    /usr/bin/python3 tools/brian2/crosscheck.py EXPERIMENT.toml --plasticore build/plasticore

Runs `plasticore run EXPERIMENT --model golden --write-inputs`, builds the same network in
Brian2 from the experiment file plus plasticore's network.csv (every synapse, initial weight,
delay), stimulus.csv (every source spike) and plasticity.json (each plastic projection's rule
with the Brian2 code its declaration in model/plasticity/ generates, and the reward events), runs
it, and compares

  (i)   the spike steps of every population and source listed in [record].spikes: identical;
  (ii)  the final weight of every synapse of every projection:
            max_s |w_brian2[s] - w_golden[s]| <= rtol * scale,
            scale = max(max_s |w_golden[s]|, w_max - w_min (plastic projections only));
  (iii) the recorded state ([[record.state]]): |dv| <= vtol mV and
            |dI| <= vtol * max(1, max |I_golden|) nA for I_e and I_i.

Exit status: 0 pass, 1 mismatch, 2 usage or plasticore error, 77 brian2 not importable; with
--expect-mismatch (a test that a --mutate'd mapping is caught) 0 and 1 swap.

The model mapping is in build_brian2_network(); docs/semantics.md is the contract it must
express exactly. One deliberate deviation from the mapping sentence in docs/semantics.md:
Brian2 releases a neuron that spiked at step n in step n + k once k >= refractory/dt, while
the contract integrates it again first in step n + R + 1, so Brian2 gets
refractory = (R + 1) * dt (see docs/brian2-crosscheck.md).
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

# Deliberate mapping errors, to show that the check can fail (not used by the tests).
MUTATIONS = {
    "none": "the exact mapping",
    "refractory_R": "refractory = R*dt (Brian2 then releases the neuron one step early)",
    "post_before_pre": "postsynaptic pathways ordered before presynaptic ones",
    "a_minus": "the depression amplitude (a_minus or a2_minus) 1% larger in Brian2",
    "rho0": "the target rate rho0 of inhibitory STDP (its offset alpha) 1% larger in Brian2",
    "plasticity_before_transmission": "on_pre transmits and updates w in the order the experiment does not ask for",
    "adapt_b": "the adaptation current increment b of adaptive populations 1% larger in Brian2",
    "eta": "the learning rate eta of every rule that has one 1% larger in Brian2",
    "periodic_late": "periodic sweeps in the first step of each period (steps P, 2P, ...) instead of the last",
}

POP_DEFAULTS = dict(tau_m_ms=10.0, c_m_nf=0.25, v_rest_mv=-65.0, v_reset_mv=-65.0,
                    v_thresh_mv=-50.0, t_ref_ms=2.0, tau_syn_e_ms=5.0, tau_syn_i_ms=5.0,
                    i_offset_na=0.0, adapt_b_na=0.0, tau_w_ms=100.0, theta_jump_mv=0.0,
                    tau_theta_ms=50.0, ip_eta_mv=0.0, ip_target_hz=5.0, ip_tau_ms=1000.0)


def step_of(t_ms, dt_ms):
    """docs/experiment-format.md: a time lands on step floor(t/dt + 1e-9)."""
    return math.floor(t_ms / dt_ms + 1e-9)


def refractory_steps(t_ref_ms, dt_ms):
    return math.ceil(t_ref_ms / dt_ms - 1e-9)


# ----------------------------------------------------------------------------- inputs

def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Inputs:
    """The experiment file plus what plasticore wrote with --write-inputs."""

    def __init__(self, experiment_path, golden_dir):
        import tomllib  # Python >= 3.11
        with open(experiment_path, "rb") as f:
            self.exp = tomllib.load(f)
        self.dir = golden_dir
        with open(os.path.join(golden_dir, "summary.json")) as f:
            self.summary = json.load(f)
        if self.exp.get("scale"):
            raise SystemExit("ERROR: [scale] is applied by plasticore's loader; the cross-check reads the file as "
                             "written. Write the network at the size to simulate")
        self.dt = float(self.exp["simulation"]["dt_ms"])
        self.steps = int(self.summary["steps"])
        self.populations = []
        for p in self.exp.get("population", []):
            q = dict(POP_DEFAULTS)
            q.update(p)
            q.setdefault("v_init_mv", q["v_rest_mv"])
            self.populations.append(q)
        self.pop_names = [p["name"] for p in self.populations]
        # The on-line Poisson background's counts come from plasticore's counter-based stream
        # (docs/semantics.md, "Poisson background"), which Brian2 cannot draw; a PoissonInput
        # would give another realisation, and this check compares spike by spike.
        with_background = [p["name"] for p in self.populations if "background_rate_hz" in p]
        if with_background:
            raise SystemExit("ERROR: population(s) {} have a Poisson background (background_rate_hz); Brian2 "
                             "cannot reproduce its draws, so a spike-by-spike cross-check is impossible "
                             "(docs/brian2-crosscheck.md, \"Poisson background\")".format(
                                 ", ".join("'" + n + "'" for n in with_background)))
        self.sources = self.exp.get("source", [])
        # plasticity.json: every plastic projection's rule, parameter values (defaults filled
        # in) and Brian2 code, from the rule's declaration; the reward events of reward sources.
        with open(os.path.join(golden_dir, "plasticity.json")) as f:
            self.plasticity = json.load(f)
        self.projections = []
        for pr in self.exp.get("projection", []):
            q = dict(pr)
            q.setdefault("receptor", "excitatory")
            q["rule"] = self.plasticity["projections"].get(pr["name"])
            self.projections.append(q)
        self.sources = [s for s in self.exp.get("source", []) if s.get("kind") != "reward"]
        self.stimulations = self.exp.get("stimulation", [])
        # Each population that a modulated rule projects onto, and the reward source it listens to.
        self.modulated = {}
        for q in self.projections:
            if q["rule"] and "modulator" in q["rule"]:
                src = q["rule"]["modulator"]
                if self.modulated.setdefault(q["post"], src) != src:
                    raise SystemExit(f"ERROR: population '{q['post']}' listens to two reward sources; the "
                                     "cross-check supports one per population")
        self.record = self.exp.get("record", {})

        # network.csv: every synapse in weights.csv order.
        self.synapses = {pr["name"]: ([], [], [], []) for pr in self.projections}
        with open(os.path.join(golden_dir, "network.csv"), newline="") as f:
            r = csv.reader(f)
            next(r)
            for name, pre, post, d, w in r:
                s = self.synapses[name]
                s[0].append(int(pre)); s[1].append(int(post)); s[2].append(int(d)); s[3].append(float(w))
        # stimulus.csv: every source spike as (channel, step).
        self.stimulus = {s["name"]: ([], []) for s in self.sources}
        with open(os.path.join(golden_dir, "stimulus.csv"), newline="") as f:
            r = csv.reader(f)
            next(r)
            for name, ch, step, _t in r:
                if name not in self.stimulus:
                    continue  # a reward source: its events come from plasticity.json
                self.stimulus[name][0].append(int(ch))
                self.stimulus[name][1].append(int(step))

    def source_size(self, src):
        """Channels of a source: its size, else derived from what plasticore generated."""
        n = 0
        if "size" in src:
            n = int(src["size"])
        elif "times_ms" in src:
            n = len(src["times_ms"])
        elif isinstance(src.get("dt_pair_ms"), list):
            n = len(src["dt_pair_ms"])
        elif isinstance(src.get("dt_pair_ms"), (int, float)):
            n = 1
        chans = self.stimulus[src["name"]][0]
        n = max(n, max(chans) + 1 if chans else 0)
        for pr in self.projections:
            if pr["pre"] == src["name"] and self.synapses[pr["name"]][0]:
                n = max(n, max(self.synapses[pr["name"]][0]) + 1)
        return max(n, 1)

    def golden_spikes(self):
        out = defaultdict(list)
        with open(os.path.join(self.dir, "spikes.csv"), newline="") as f:
            r = csv.reader(f)
            next(r)
            for step, _t, group, neuron in r:
                out[group].append((int(step), int(neuron)))
        return out

    def golden_final_weights(self):
        """The last rows of weights.csv are the final weights, projection by projection."""
        total = sum(len(s[0]) for s in self.synapses.values())
        rows = read_csv(os.path.join(self.dir, "weights.csv"))[-total:] if total else []
        out = {pr["name"]: [] for pr in self.projections}
        for r in rows:
            out[r["projection"]].append(float(r["weight_na"]))
        return out

    def golden_state(self):
        out = defaultdict(dict)  # (population, neuron) -> step -> (v, I_e, I_i)
        with open(os.path.join(self.dir, "state.csv"), newline="") as f:
            r = csv.reader(f)
            next(r)
            for step, _t, pop, neuron, v, ie, ii in r:
                out[(pop, int(neuron))][int(step)] = (float(v), float(ie), float(ii))
        return out


# ----------------------------------------------------------------------------- Brian2 model

NEURON_EQS = """
dv/dt = (v_rest - v)/tau_m + (I_e - I_i + i_offset + I_bias)/C_m : volt (unless refractory)
dI_e/dt = -I_e/tau_syn_e : amp
dI_i/dt = -I_i/tau_syn_i : amp
I_bias : amp
"""
# The adaptive LIF (docs/semantics.md, "Adaptive LIF"): the adaptation current w (w_a here:
# Brian2 refuses a neuron variable named like the synaptic weight) enters the
# membrane like I_i, w and the threshold offset theta decay (also while v is clamped), the
# threshold is v_thresh + theta and the reset adds b and theta_jump. Intrinsic plasticity adds
# the rate trace a and the threshold offset theta_ip, integrated exactly with the rest.
ADAPTIVE_EQS = """
dv/dt = (v_rest - v)/tau_m + (I_e - I_i - w_a + i_offset + I_bias)/C_m : volt (unless refractory)
dI_e/dt = -I_e/tau_syn_e : amp
dI_i/dt = -I_i/tau_syn_i : amp
dw_a/dt = -w_a/tau_w : amp
dtheta/dt = -theta/tau_theta : volt
I_bias : amp
"""
# Brian2 2.5's exact solver gives up on a and theta_ip in the same system as v, so they are
# advanced by their closed-form step in a run_regularly right after the state update (the
# same slot of the schedule): theta_ip += ip_eta (a tau_a (1 - exp(-dt/tau_a)) - ip_target dt),
# a *= exp(-dt/tau_a).
IP_EQS = """
a : Hz
theta_ip : volt
"""
IP_STEP = ("theta_ip += ip_eta * (a * tau_a * (1 - exp(-dt/tau_a)) - ip_target * dt)\n"
           "a = a * exp(-dt/tau_a)")


def is_adaptive(p):
    return p["adapt_b_na"] != 0 or p["theta_jump_mv"] != 0 or p["ip_eta_mv"] != 0


# A population that modulated rules project onto: the amount of this step's reward events
# (summed), set at the start of the step; a custom event "modulator" fires when it is not zero
# and drives the rules' modulator pathway (step 5 of docs/semantics.md).
MODULATOR_EQS = "modulator_amount : Hz\n"


def rule_namespace(b2, rule, mutate):
    """The rule's Brian2 namespace: its declaration's expressions with units, evaluated."""
    units = dict(ms=b2.ms, nA=b2.nA, Hz=b2.Hz, second=b2.second)
    ns = {k: eval(v, {"__builtins__": {}}, units) for k, v in rule["brian2"]["namespace"].items()}
    if mutate == "a_minus":
        for key in ("a_minus", "a2_minus"):
            if key in ns:
                ns[key] = ns[key] * 1.01
    if mutate == "rho0" and "rho0" in ns:
        ns["rho0"] = ns["rho0"] * 1.01
    if mutate == "eta" and "eta" in ns:
        ns["eta"] = ns["eta"] * 1.01
    return ns


def period_steps(b2, rule, dt):
    """A periodic rule's period P [steps]: its declared namespace entry `period` as the nearest
    whole number of steps, halves up, at least one (docs/semantics.md step 7; nearest_steps in
    model/experiment/time_steps.hpp). None for a rule without a periodic update."""
    code = rule["brian2"] if rule else None
    if not code or not code.get("periodic"):
        return None
    if "period" not in code["namespace"]:
        raise SystemExit(f"ERROR: rule '{rule['rule']}' declares periodic Brian2 code but no namespace entry "
                         "'period' (model/plasticity/declaration.hpp, brian2_code::periodic)")
    period_ms = float(rule_namespace(b2, rule, "none")["period"] / b2.ms)
    return max(1, math.floor(period_ms / dt + 0.5 + 1e-9))


def periodic_event(P, mutate):
    """The custom event that runs the periodic pathways of period P: raised by every neuron of
    the post population in the last step of each period, n with (n + 1) mod P = 0."""
    if mutate == "periodic_late":
        return f"periodic_{P}", f"timestep(t, dt) % {P} == 0 and timestep(t, dt) > 0"
    return f"periodic_{P}", f"(timestep(t, dt) + 1) % {P} == 0"


def build_brian2_network(b2, inp, mutate="none", monitors=True):
    """The network of docs/semantics.md in Brian2's default schedule. Returns (objects, groups,
    synapses, spike monitors, state monitors)."""
    ms, mV, nA, nF = b2.ms, b2.mV, b2.nA, b2.nF
    dt = inp.dt
    objects, groups, syns, spike_mons, state_mons = [], {}, {}, {}, {}
    # Periodic rules (docs/semantics.md step 7): every neuron of the post population raises the
    # custom event "periodic_P" in the last step of each period (thresholds slot); the
    # projection's pathway "periodic" runs the declared update on it for every synapse into the
    # neuron, i.e. over all of the projection's weights, in the synapses slot after every
    # presynaptic, modulator and postsynaptic pathway of the step, projections in file order,
    # and before the resets (which touch no synaptic state).
    periodic_events = defaultdict(dict)  # population -> event name -> condition
    for pr in inp.projections:
        P = period_steps(b2, pr["rule"], dt)
        if P is not None:
            event, condition = periodic_event(P, mutate)
            periodic_events[pr["post"]][event] = condition

    for p in inp.populations:
        name = p["name"]
        R = refractory_steps(p["t_ref_ms"], dt)
        # Brian2: not_refractory = timestep(t - lastspike) >= timestep(refractory); a neuron
        # that spiked at step n is integrated again in step n + refractory/dt. The contract's
        # first integration is in step n + R + 1.
        ref_steps = R if mutate == "refractory_R" else R + 1
        blocks = [s for s in inp.stimulations if s["population"] == name]
        adaptive, ip = is_adaptive(p), p["ip_eta_mv"] != 0
        eqs = ((ADAPTIVE_EQS + (IP_EQS if ip else "")) if adaptive else NEURON_EQS) + \
            "".join(f"stim_mask_{k} : 1 (constant)\n" for k in range(len(blocks)))
        reward = inp.modulated.get(name)
        events = {}
        if reward:
            eqs += MODULATOR_EQS
            events = {"modulator": "modulator_amount != 0*Hz"}
        events.update(periodic_events.get(name, {}))
        ns = dict(v_rest=p["v_rest_mv"] * mV, tau_m=p["tau_m_ms"] * ms, C_m=p["c_m_nf"] * nF,
                  i_offset=p["i_offset_na"] * nA, tau_syn_e=p["tau_syn_e_ms"] * ms,
                  tau_syn_i=p["tau_syn_i_ms"] * ms, v_thresh=p["v_thresh_mv"] * mV,
                  v_reset=p["v_reset_mv"] * mV)
        threshold, reset = "v >= v_thresh", "v = v_reset"
        if adaptive:
            b_factor = 1.01 if mutate == "adapt_b" else 1.0
            ns.update(tau_w=p["tau_w_ms"] * ms, tau_theta=p["tau_theta_ms"] * ms,
                      adapt_b=p["adapt_b_na"] * b_factor * nA, theta_jump=p["theta_jump_mv"] * mV)
            threshold = "v >= v_thresh + theta" + (" + theta_ip" if ip else "")
            reset = "v = v_reset; w_a += adapt_b; theta += theta_jump" + ("; a += 1/tau_a" if ip else "")
            if ip:
                # ip_eta [mV/(Hz s)]: the threshold's drift per second per Hz of rate error.
                ns.update(tau_a=p["ip_tau_ms"] * ms, ip_target=p["ip_target_hz"] * b2.Hz,
                          ip_eta=p["ip_eta_mv"] * mV / b2.Hz / b2.second)
        g = b2.NeuronGroup(int(p["size"]), eqs, threshold=threshold, reset=reset,
                           refractory=ref_steps * dt * ms, method="exact", namespace=ns,
                           events=events, name=f"pop_{name}")
        if reward:
            import numpy as np
            steps, amounts = inp.plasticity["modulators"][reward]["steps"], inp.plasticity["modulators"][reward]["amounts"]
            per_step = np.zeros(inp.steps + 1)
            for st, a in zip(steps, amounts):
                per_step[st] += a
            ns["reward_amounts"] = b2.TimedArray(per_step * b2.Hz, dt=dt * ms)
            objects.append(g.run_regularly("modulator_amount = reward_amounts(t)", when="start", order=-9,
                                           name=f"reward_{name}"))
        g.v = p["v_init_mv"] * mV
        if blocks:
            # I_bias at the start of each step: the sum of the active blocks, in file order.
            terms = []
            for k, s in enumerate(blocks):
                mask = [0.0] * int(p["size"])
                for j in (s.get("neurons") or range(int(p["size"]))):
                    mask[j] = 1.0
                setattr(g, f"stim_mask_{k}", mask)
                start = step_of(float(s.get("start_ms", 0.0)), dt)
                stop = step_of(float(s["stop_ms"]), dt) if "stop_ms" in s else inp.steps + 1
                ns[f"stim_amp_{k}"] = float(s["amplitude_na"]) * nA
                # Oscillating (tACS-like): amplitude sin(2 pi f (n - n0) dt + phase), held over step n.
                wave = ""
                if "frequency_hz" in s:
                    ns[f"stim_f_{k}"] = float(s["frequency_hz"]) * b2.Hz
                    ns[f"stim_phase_{k}"] = math.radians(float(s.get("phase_deg", 0.0)))
                    wave = (f" * sin(2 * pi * stim_f_{k} * (timestep(t, dt) - {start}) * dt"
                            f" + stim_phase_{k})")
                terms.append(f"stim_amp_{k} * stim_mask_{k} * int(timestep(t, dt) >= {start})"
                             f" * int(timestep(t, dt) < {stop}){wave}")
            objects.append(g.run_regularly("I_bias = " + " + ".join(terms), when="start",
                                           order=-10, name=f"bias_{name}"))
        if adaptive and ip:
            objects.append(g.run_regularly(IP_STEP, when="groups", order=1, name=f"ip_{name}"))
        groups[name] = g
        objects.append(g)

    for s in inp.sources:
        name = s["name"]
        chans, steps = inp.stimulus[name]
        import numpy as np
        g = b2.SpikeGeneratorGroup(inp.source_size(s), np.asarray(chans, dtype=int),
                                   np.asarray(steps, dtype=float) * dt * ms, name=f"src_{name}")
        groups[name] = g
        objects.append(g)

    n_proj = len(inp.projections)
    for k, pr in enumerate(inp.projections):
        name = pr["name"]
        pre, post, delay, w0 = inp.synapses[name]
        target = "I_i_post" if pr["receptor"] == "inhibitory" else "I_e_post"
        transmit = f"{target} += w"
        rule = pr["rule"]
        if rule:
            # The rule's own Brian2 code (model/plasticity/<rule>.cpp), with transmission in the
            # order of docs/semantics.md: state brought up to t, transmit, presynaptic plasticity.
            code = rule["brian2"]
            ns = rule_namespace(b2, rule, mutate)
            # transmit = "after_update" (PyNN's order): the arriving spike carries the updated
            # weight. The mutation swaps whichever order the experiment asks for.
            after = rule.get("transmit", "before_update") == "after_update"
            if mutate == "plasticity_before_transmission":
                after = not after
            if after:
                on_pre = "\n".join(x for x in (code["on_pre_before"], code["on_pre"], transmit) if x)
            else:
                on_pre = "\n".join(x for x in (code["on_pre_before"], transmit, code["on_pre"]) if x)
            on_post = {"post": code["on_post"]}
            on_event = {}
            if code["on_modulator"]:
                on_post["modulator"] = code["on_modulator"]
                on_event["modulator"] = "modulator"
            P = period_steps(b2, rule, dt)
            if P is not None:
                on_post["periodic"] = code["periodic"]
                on_event["periodic"] = periodic_event(P, mutate)[0]
            S = b2.Synapses(groups[pr["pre"]], groups[pr["post"]], model="w : amp\n" + code["model"],
                            on_pre=on_pre, on_post=on_post, on_event=on_event, namespace=ns, name=f"proj_{name}")
        else:
            S = b2.Synapses(groups[pr["pre"]], groups[pr["post"]], model="w : amp",
                            on_pre=transmit, namespace={}, name=f"proj_{name}")
        import numpy as np
        if pre:
            S.connect(i=np.asarray(pre, dtype=int), j=np.asarray(post, dtype=int))
            S.w = np.asarray(w0) * nA
            S.delay = np.asarray(delay, dtype=float) * dt * ms
        # Every presynaptic pathway (file order), then every modulator pathway, then every
        # postsynaptic one (docs/semantics.md, steps 4 to 6).
        if mutate == "post_before_pre":
            S.pre.order = 2 * n_proj + k
            if rule:
                S.post.order = k
        else:
            S.pre.order = k
            if rule:
                S.post.order = 2 * n_proj + k
        if rule and rule["brian2"]["on_modulator"]:
            S.modulator.order = n_proj + k
        if rule and rule["brian2"].get("periodic"):
            S.periodic.order = 3 * n_proj + k
        syns[name] = S
        objects.append(S)

    if monitors:
        for name in inp.record.get("spikes", []):
            m = b2.SpikeMonitor(groups[name], name=f"spikes_{name}")
            spike_mons[name] = m
            objects.append(m)
        for k, rec in enumerate(inp.record.get("state", [])):
            name = rec["population"]
            size = int(next(p["size"] for p in inp.populations if p["name"] == name))
            neurons = list(rec.get("neurons") or range(size))
            every = max(1, round(float(rec.get("interval_ms", 0.0)) / dt))
            m = b2.StateMonitor(groups[name], ["v", "I_e", "I_i"], record=neurons,
                                dt=every * dt * ms, name=f"state_{k}_{name}")
            state_mons[(k, name)] = (m, neurons)
            objects.append(m)
    return objects, groups, syns, spike_mons, state_mons


# ----------------------------------------------------------------------------- comparison

def first_difference(a, b):
    for k in range(min(len(a), len(b))):
        if a[k] != b[k]:
            return k
    return min(len(a), len(b)) if len(a) != len(b) else None


def describe_spike(x, dt):
    return "none" if x is None else f"step {x[0]} (t = {x[0] * dt:g} ms) neuron {x[1]}"


def compare(inp, b2, syns, spike_mons, state_mons, rtol, vtol):
    ok = True
    dt = inp.dt
    gspikes = inp.golden_spikes()
    print("spikes (identical steps required):")
    for name, m in spike_mons.items():
        bs = sorted(zip((int(round(x)) for x in (m.t_[:] / (dt * 1e-3))), (int(i) for i in m.i[:])))
        gs = sorted(gspikes.get(name, []))
        k = first_difference(gs, bs)
        if k is None:
            print(f"  {name:<20} {len(gs):>8} golden {len(bs):>8} brian2  identical")
        else:
            ok = False
            g = gs[k] if k < len(gs) else None
            b = bs[k] if k < len(bs) else None
            print(f"  {name:<20} {len(gs):>8} golden {len(bs):>8} brian2  DIFFER at spike #{k}: "
                  f"golden {describe_spike(g, dt)}, brian2 {describe_spike(b, dt)}")

    gw = inp.golden_final_weights()
    print(f"final weights (max |dw| <= rtol * scale, rtol = {rtol:g}, "
          "scale = max(max|w|, w_max - w_min)):")
    for pr in inp.projections:
        name = pr["name"]
        g = gw[name]
        b = list(syns[name].w_[:] * 1e9) if g else []
        if len(b) != len(g):
            ok = False
            print(f"  {name:<20} synapse count differs: golden {len(g)}, brian2 {len(b)}")
            continue
        if not g:
            print(f"  {name:<20} no synapses")
            continue
        scale = max(abs(x) for x in g)
        if pr["rule"]:
            par = pr["rule"]["parameters"]
            scale = max(scale, float(par["w_max_na"]) - float(par["w_min_na"]))
        diffs = [abs(x - y) for x, y in zip(g, b)]
        worst = max(range(len(diffs)), key=diffs.__getitem__)
        rel = diffs[worst] / scale if scale > 0 else diffs[worst]
        good = rel <= rtol
        ok &= good
        pre, post = inp.synapses[name][0][worst], inp.synapses[name][1][worst]
        print(f"  {name:<20} {len(g):>8} synapses  max |dw| = {diffs[worst]:.3e} nA "
              f"({rel:.3e} of {scale:g} nA) at synapse #{worst} ({pre}->{post})  "
              f"{'ok' if good else 'FAIL'}")

    if state_mons:
        gstate = inp.golden_state()
        print(f"recorded state (|dv| <= {vtol:g} mV, |dI| <= {vtol:g} * max(1, max|I|) nA):")
    for (k, name), (m, neurons) in state_mons.items():
        steps = [int(round(x)) for x in m.t_[:] / (dt * 1e-3)]
        dv = di = 0.0
        imax = 1.0
        where = None
        n_cmp = 0
        for r, j in enumerate(neurons):
            gj = gstate.get((name, j), {})
            v, ie, ii = m.v_[r] * 1e3, m.I_e_[r] * 1e9, m.I_i_[r] * 1e9
            for c, s in enumerate(steps):
                if s not in gj:
                    continue
                gv, gie, gii = gj[s]
                n_cmp += 1
                imax = max(imax, abs(gie), abs(gii))
                d = abs(v[c] - gv)
                if d > dv:
                    dv, where = d, (j, s)
                di = max(di, abs(ie[c] - gie), abs(ii[c] - gii))
        expected = sum(len(gstate.get((name, j), {})) for j in neurons)
        good = dv <= vtol and di <= vtol * imax and n_cmp == expected and n_cmp > 0
        ok &= good
        at = f" (neuron {where[0]}, step {where[1]})" if where else ""
        print(f"  {name:<20} {n_cmp:>8} samples  max |dv| = {dv:.3e} mV{at}, "
              f"max |dI| = {di:.3e} nA  {'ok' if good else 'FAIL'}"
              + ("" if n_cmp == expected else f"  (golden has {expected} samples)"))
    return ok


# ----------------------------------------------------------------------------- main

def run_golden(args, golden_dir):
    cmd = [args.plasticore, "run", args.experiment, "--model", "golden", "--out", golden_dir,
           "--write-inputs", "--quiet"]
    if args.duration is not None:
        cmd += ["--duration", repr(args.duration)]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"ERROR: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
        sys.exit(2)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("experiment")
    ap.add_argument("--plasticore", required=True, help="path of the plasticore binary")
    ap.add_argument("--duration", type=float, help="override the duration [ms]")
    ap.add_argument("--workdir", help="keep golden/ results here (default: a temporary directory)")
    ap.add_argument("--rtol", type=float, default=1e-9, help="weight tolerance (default 1e-9)")
    ap.add_argument("--vtol", type=float, default=1e-6, help="state tolerance [mV] (default 1e-6)")
    ap.add_argument("--target", default="auto", choices=["auto", "cython", "numpy"],
                    help="Brian2 code generation target (auto: cython if it works, else numpy)")
    ap.add_argument("--mutate", default="none", choices=sorted(MUTATIONS),
                    help="deliberately break the mapping to see the check fail: "
                         + "; ".join(f"{k}: {v}" for k, v in MUTATIONS.items() if k != "none"))
    ap.add_argument("--expect-mismatch", action="store_true",
                    help="succeed only if the comparison finds a mismatch (with --mutate: the check can fail)")
    args = ap.parse_args()

    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pythran's numpy deprecation noise on import
            import brian2 as b2
            import numpy  # noqa: F401
    except Exception as e:  # ImportError, or a broken installation
        print(f"SKIPPED: brian2 not available under {sys.executable} ({e})")
        return 77
    if not os.path.isfile(args.experiment):
        print(f"ERROR: no experiment file '{args.experiment}'")
        return 2

    tmp = None
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        work = args.workdir
    else:
        tmp = tempfile.TemporaryDirectory(prefix="brian2-crosscheck-")
        work = tmp.name
    golden_dir = os.path.join(work, "golden")
    t_golden = run_golden(args, golden_dir)
    inp = Inputs(args.experiment, golden_dir)
    for p in inp.populations:
        if p["tau_m_ms"] in (p["tau_syn_e_ms"], p["tau_syn_i_ms"]) or (is_adaptive(p) and p["tau_m_ms"] == p["tau_w_ms"]):
            print(f"ERROR: population '{p['name']}': tau_syn or tau_w equal to tau_m is not mapped to Brian2 "
                  "(with '(unless refractory)' its exact solver yields NaN; docs/brian2-crosscheck.md, "
                  "Limitations); use distinct time constants")
            return 2

    import logging
    b2.BrianLogger.log_level_warn()
    logging.getLogger("py.warnings").setLevel(logging.ERROR)
    target = args.target
    if target == "auto":
        target = "cython"
        try:
            import Cython  # noqa: F401
        except ImportError:
            target = "numpy"
    b2.prefs.codegen.target = target
    b2.start_scope()
    b2.defaultclock.dt = inp.dt * b2.ms
    objects, groups, syns, spike_mons, state_mons = build_brian2_network(b2, inp, args.mutate)
    net = b2.Network(*objects)
    t0 = time.perf_counter()
    net.run(inp.steps * inp.dt * b2.ms, namespace={})
    # Rules whose weights move between events: every weight brought to the end of the run, as
    # golden's final weights are (the declaration's final_weight expression, evaluated at t_N).
    for pr in inp.projections:
        if pr["rule"] and pr["rule"]["brian2"]["final_weight"] and inp.synapses[pr["name"]][0]:
            syns[pr["name"]].w = pr["rule"]["brian2"]["final_weight"]
    t_brian = time.perf_counter() - t0
    brian_steps = int(round(float(b2.defaultclock.t / b2.defaultclock.dt)))

    print(f"crosscheck {args.experiment}: {inp.steps} steps of {inp.dt:g} ms; golden "
          f"{t_golden:.2f} s (incl. writing inputs), brian2 {b2.__version__} ({target}) {t_brian:.2f} s"
          + (f"; MUTATION: {MUTATIONS[args.mutate]}" if args.mutate != "none" else ""))
    ok = brian_steps == inp.steps
    if not ok:
        print(f"  brian2 ran {brian_steps} steps, golden {inp.steps}")
    ok &= compare(inp, b2, syns, spike_mons, state_mons, args.rtol, args.vtol)
    print("PASS" if ok else "FAIL")
    if tmp:
        tmp.cleanup()
    if args.expect_mismatch:
        print("expected a mismatch: " + ("found one (the check can fail)" if not ok else "NONE FOUND"))
        return 1 if ok else 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
