#!/usr/bin/env bash
# Prints the learning engine's package (learning_engine_pkg.sv) for a variant:
#   engine_variant.sh as-built|minimal
# as-built: the package as it is (the configuration the simulator verilates).
# minimal:  just enough for pair STDP (and the other one-term rules whose products fit 48 bits:
#           inhibitory STDP, synaptic scaling): 1 term of 2 products, 2 decay tables, a 1-bit
#           table select (64 microprogram words), 48-bit values, 16-bit decay-table entries (the
#           traces' u1.15 at the reference widths); everything else as built.
# Used by synth/synth_engine.sh and lint.sh (docs/rtl.md, "Synthesis").
set -euo pipefail
pkg="$(dirname "$0")/learning_engine_pkg.sv"
case ${1:-} in
  as-built) cat "$pkg" ;;
  minimal)
    out=$(sed -E -e 's/(localparam int NumTerms *= *)[0-9]+;/\11;/' -e 's/(localparam int NumTables *= *)[0-9]+;/\12;/' \
                 -e 's/(localparam int TableWidth *= *)[0-9]+;/\11;/' -e 's/(localparam int TableSelWidth *= *)[0-9]+;/\11;/' \
                 -e 's/(localparam int OpSlots *= *)[0-9]+;/\164;/' -e 's/(localparam int NumSteps *= *)[0-9]+;/\12;/' \
                 -e 's/(localparam int DataWidth *= *)[0-9]+;/\148;/' -e 's/(localparam int LutWidth *= *)[0-9]+;/\116;/' "$pkg")
    for want in "NumTerms *= *1;" "NumTables *= *2;" "TableWidth *= *1;" "TableSelWidth *= *1;" "OpSlots *= *64;" \
                "NumSteps *= *2;" "DataWidth *= *48;" "LutWidth *= *16;"; do
      grep -Eq "localparam int $want" <<<"$out" || { echo "engine_variant.sh: no 'localparam int $want' after the edit" >&2; exit 2; }
    done
    printf '%s\n' "$out"
    ;;
  *) echo "usage: engine_variant.sh as-built|minimal (got '${1:-}')" >&2; exit 2 ;;
esac
