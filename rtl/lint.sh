#!/usr/bin/env bash
# Lints the STDP update unit and the learning engine in every width configuration, the engine
# in both package variants (engine_variant.sh) and also with PLASTICORE_ALTER_TERM (docs/rtl.md, "Lint").
#   lint.sh verilator|iverilog|yosys|all
# verilator --lint-only -Wall must be clean: the RTL needs no waivers (unused bits are read
# into signals named unused_*, which Verilator's default --unused-regexp exempts).
set -euo pipefail
cd "$(dirname "$0")"
tool=${1:-all}
sources=(xorshift32.sv round_shift.sv stdp_lut_mem.sv stdp_update_unit.sv)
# The engine in both package variants (engine_variant.sh): as built, and minimal.
variant_dir=$(mktemp -d)
trap 'rm -rf "$variant_dir"' EXIT
./engine_variant.sh minimal > "$variant_dir/learning_engine_pkg.sv"
engine_rest=(xorshift32.sv stdp_lut_mem.sv learning_engine_round.sv learning_engine.sv)
source ./configurations.sh
status=0
for c in "${rtl_configs[@]}"; do
  read -r name n g ti tf depth <<<"$c"
  if [[ $tool == verilator || $tool == all ]]; then
    if out=$(verilator --lint-only -Wall --top-module stdp_update_unit -GWeightBits="$n" -GGuardBits="$g" \
        -GTraceInt="$ti" -GTraceFrac="$tf" -GLutDepth="$depth" "${sources[@]}" 2>&1) && [[ -z $out ]]; then
      echo "verilator -Wall $name: clean"
    else
      echo "verilator -Wall $name: FAILED"; echo "$out"; status=1
    fi
  fi
  if [[ $tool == iverilog || $tool == all ]]; then
    p=stdp_update_unit
    if out=$(iverilog -g2012 -o /dev/null -s $p -P$p.WeightBits="$n" -P$p.GuardBits="$g" -P$p.TraceInt="$ti" \
        -P$p.TraceFrac="$tf" -P$p.LutDepth="$depth" "${sources[@]}" 2>&1) && [[ -z $out ]]; then
      echo "iverilog -g2012 $name: clean"
    else
      echo "iverilog -g2012 $name: FAILED"; echo "$out"; status=1
    fi
  fi
  if [[ $tool == yosys || $tool == all ]]; then
    if out=$(yosys -q -p "read_verilog -sv ${sources[*]}; chparam -set WeightBits $n -set GuardBits $g \
        -set TraceInt $ti -set TraceFrac $tf -set LutDepth $depth stdp_update_unit; \
        hierarchy -check -top stdp_update_unit; proc" 2>&1) && [[ -z $out ]]; then
      echo "yosys read_verilog -sv $name: clean"
    else
      echo "yosys read_verilog -sv $name: FAILED"; echo "$out"; status=1
    fi
  fi
  # The learning engine: LutDepth from the same line (LutWidth is the package's).
  for variant in as-built minimal; do
    pkg=learning_engine_pkg.sv
    [[ $variant == minimal ]] && pkg=$variant_dir/learning_engine_pkg.sv
    engine_sources=("$pkg" "${engine_rest[@]}")
    if [[ $tool == verilator || $tool == all ]]; then
      for define in "" +define+PLASTICORE_ALTER_TERM; do
        if out=$(verilator --lint-only -Wall --assert --top-module learning_engine -GLutDepth="$depth" \
            $define "${engine_sources[@]}" 2>&1) && [[ -z $out ]]; then
          echo "verilator -Wall learning_engine $variant $name $define: clean"
        else
          echo "verilator -Wall learning_engine $variant $name $define: FAILED"; echo "$out"; status=1
        fi
      done
    fi
    if [[ $tool == iverilog || $tool == all ]]; then
      p=learning_engine
      if out=$(iverilog -g2012 -o /dev/null -s $p -P$p.LutDepth="$depth" \
          "${engine_sources[@]}" 2>&1) && [[ -z $out ]]; then
        echo "iverilog -g2012 learning_engine $variant $name: clean"
      else
        echo "iverilog -g2012 learning_engine $variant $name: FAILED"; echo "$out"; status=1
      fi
    fi
    if [[ $tool == yosys || $tool == all ]]; then
      if out=$(yosys -q -p "read_verilog -sv ${engine_sources[*]}; chparam -set LutDepth $depth \
          learning_engine; hierarchy -check -top learning_engine; proc" 2>&1) && [[ -z $out ]]; then
        echo "yosys read_verilog -sv learning_engine $variant $name: clean"
      else
        echo "yosys read_verilog -sv learning_engine $variant $name: FAILED"; echo "$out"; status=1
      fi
    fi
  done
done
exit $status
