#!/usr/bin/env bash
# Generic synthesis of rtl/stdp_update_unit.sv per width configuration with Yosys (synth.ys);
# writes cells.csv (configuration, total cells, memory bits, cells per type) next to this script
# and the Yosys logs to logs/. Usage: synth.sh [config...] (default: all four).
set -euo pipefail
cd "$(dirname "$0")"
# name WeightBits GuardBits TraceInt TraceFrac LutDepth: rtl/configurations.txt
source ../configurations.sh
declare -A params=()
all=()
for c in "${rtl_configs[@]}"; do
  read -r name rest <<<"$c"
  params[$name]=$rest
  all+=("$name")
done
configs=("$@")
[[ ${#configs[@]} -eq 0 ]] && configs=("${all[@]}")
for name in "${configs[@]}"; do
  [[ -n ${params[$name]:-} ]] || { echo "synth.sh: no configuration '$name' in rtl/configurations.txt" >&2; exit 2; }
done
export RTL_PARAMS
RTL_PARAMS=$(for name in "${configs[@]}"; do echo "$name ${params[$name]}"; done)
mkdir -p logs
for name in "${configs[@]}"; do
  read -r n g ti tf depth <<<"${params[$name]}"
  {
    echo "read_verilog -sv ../xorshift32.sv ../round_shift.sv ../stdp_lut_mem.sv ../stdp_update_unit.sv"
    echo "chparam -set WeightBits $n -set GuardBits $g -set TraceInt $ti -set TraceFrac $tf -set LutDepth $depth stdp_update_unit"
    cat synth.ys
    echo "tee -q -o logs/$name.stat.json stat -json"
  } > "logs/$name.ys"
  echo "synthesising $name (WeightBits=$n GuardBits=$g TraceInt=$ti TraceFrac=$tf LutDepth=$depth)"
  nice yosys -q -l "logs/$name.log" -s "logs/$name.ys" > /dev/null
done
/usr/bin/python3 - "${configs[@]}" <<'PY'
import csv, json, sys
rows, types = [], set()
import os
params = {l.split(None, 1)[0]: l.split(None, 1)[1] for l in os.environ["RTL_PARAMS"].splitlines()}
for name in sys.argv[1:]:
    text = open(f"logs/{name}.stat.json").read()
    stat = json.loads(text[text.index("{"):])
    design = stat.get("design") or next(iter(stat["modules"].values()))
    cells = design["num_cells_by_type"]
    types.update(cells)
    n, g, ti, tf, depth = (int(x) for x in params[name].split())
    # The $mem_v2 cell: both decay tables, 2 x LutDepth entries of TraceFrac + 1 bits.
    rows.append((name, params[name].split(), design["num_cells"], 2 * depth * (tf + 1), cells))
order = sorted(types, key=lambda t: (t.startswith("$mem"), t))
with open("cells.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["configuration", "WeightBits", "GuardBits", "TraceInt", "TraceFrac", "LutDepth",
                "total_cells", "memory_bits"] + order)
    for name, p, total, membits, cells in rows:
        w.writerow([name] + p + [total, membits] + [cells.get(t, 0) for t in order])
print(open("cells.csv").read())
PY
