#!/usr/bin/env bash
# Generic Yosys synthesis of the learning engine (rtl/learning_engine.sv, pair-only
# configuration of learning_engine_pkg.sv) with the steps of synth.ys, at the widths of the
# given configurations of rtl/configurations.txt (default: reference spinnaker); LutDepth and
# LutWidth (TraceFrac + 1) come from there. Prints total cells, flip-flops and memory bits per
# configuration; the Yosys logs go to logs/engine_<config>.*. docs/rtl.md, "The learning engine".
set -euo pipefail
cd "$(dirname "$0")"
source ../configurations.sh
configs=("$@")
[[ ${#configs[@]} -eq 0 ]] && configs=(reference spinnaker)
mkdir -p logs
for want in "${configs[@]}"; do
  found=""
  for c in "${rtl_configs[@]}"; do
    read -r name n g ti tf depth <<<"$c"
    [[ $name == "$want" ]] && found="$depth $tf"
  done
  [[ -n $found ]] || { echo "synth_engine.sh: no configuration '$want' in rtl/configurations.txt" >&2; exit 2; }
  read -r depth tf <<<"$found"
  lw=$((tf + 1))
  {
    echo "read_verilog -sv ../learning_engine_pkg.sv ../xorshift32.sv ../stdp_lut_mem.sv ../learning_engine_round.sv ../learning_engine.sv"
    echo "chparam -set LutDepth $depth -set LutWidth $lw learning_engine"
    sed -e 's/stdp_update_unit/learning_engine/g' -e '/^#/d' synth.ys
    echo "tee -q -o logs/engine_$want.stat.json stat -json"
  } > "logs/engine_$want.ys"
  nice yosys -q -l "logs/engine_$want.log" -s "logs/engine_$want.ys" > /dev/null
  /usr/bin/python3 - "$want" "$depth" "$lw" <<'PY'
import json, sys
name, depth, lw = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = open(f"logs/engine_{name}.stat.json").read()
stat = json.loads(text[text.index("{"):])
design = stat.get("design") or next(iter(stat["modules"].values()))
cells = design["num_cells_by_type"]
ffs = sum(v for k, v in cells.items() if "DFF" in k)
# Memories (not mapped): both decay tables and the 32 x UcWidth microcode words.
print(f"{name}: {design['num_cells']} cells, {ffs} flip-flops, decay tables {2 * depth * lw} bits, "
      f"{cells.get('$mem_v2', 0)} memories")
PY
done
