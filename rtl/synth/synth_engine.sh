#!/usr/bin/env bash
# Generic Yosys synthesis of the learning engine (rtl/learning_engine.sv) with the steps of
# synth.ys, at the widths of the given configurations of rtl/configurations.txt (default:
# reference spinnaker); LutDepth comes from there, LutWidth from the variant's package.
#   synth_engine.sh [--variant as-built|minimal] [config...]
# as-built: learning_engine_pkg.sv as it is (the configuration the simulator verilates);
# minimal:  just enough for the one-term rules (rtl/engine_variant.sh).
# Prints total cells, flip-flops and memory bits per configuration; the Yosys logs go to
# logs/engine_<variant>_<config>.*. docs/rtl.md, "The learning engine".
set -euo pipefail
cd "$(dirname "$0")"
source ../configurations.sh
variant=as-built
if [[ ${1:-} == --variant ]]; then
  variant=${2:?--variant needs as-built or minimal}
  shift 2
fi
configs=("$@")
[[ ${#configs[@]} -eq 0 ]] && configs=(reference spinnaker)
mkdir -p logs
# The variant's package (../engine_variant.sh says what each holds).
pkg=logs/learning_engine_pkg_$variant.sv
../engine_variant.sh "$variant" > "$pkg"
for want in "${configs[@]}"; do
  found=""
  for c in "${rtl_configs[@]}"; do
    read -r name n g ti tf depth <<<"$c"
    [[ $name == "$want" ]] && found="$depth $tf"
  done
  [[ -n $found ]] || { echo "synth_engine.sh: no configuration '$want' in rtl/configurations.txt" >&2; exit 2; }
  read -r depth tf <<<"$found"
  {
    echo "read_verilog -sv $pkg ../xorshift32.sv ../stdp_lut_mem.sv ../learning_engine_round.sv ../learning_engine.sv"
    echo "chparam -set LutDepth $depth learning_engine"
    sed -e 's/stdp_update_unit/learning_engine/g' -e '/^#/d' synth.ys
    echo "tee -q -o logs/engine_${variant}_$want.stat.json stat -json"
  } > "logs/engine_${variant}_$want.ys"
  nice yosys -q -l "logs/engine_${variant}_$want.log" -s "logs/engine_${variant}_$want.ys" > /dev/null
  tables=$(sed -nE 's/.*localparam int NumTables *= *([0-9]+);.*/\1/p' "$pkg")
  lw=$(sed -nE 's/.*localparam int LutWidth *= *([0-9]+);.*/\1/p' "$pkg")
  /usr/bin/python3 - "$variant" "$want" "$depth" "$lw" "$tables" <<'PY'
import json, sys
variant, name, depth, lw, tables = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
text = open(f"logs/engine_{variant}_{name}.stat.json").read()
stat = json.loads(text[text.index("{"):])
design = stat.get("design") or next(iter(stat["modules"].values()))
cells = design["num_cells_by_type"]
ffs = sum(v for k, v in cells.items() if "DFF" in k)
# Memories (not mapped): the decay tables and the OpSlots x UcWidth microcode words.
print(f"{variant} {name}: {design['num_cells']} cells, {ffs} flip-flops, decay tables {tables * depth * lw} bits, "
      f"{cells.get('$mem_v2', 0)} memories")
PY
done
