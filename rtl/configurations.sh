# Sourced by lint.sh and synth/synth.sh: rtl_configs = the lines of configurations.txt
# ("name WeightBits GuardBits TraceInt TraceFrac LutDepth"), comments and blank lines dropped.
rtl_configs=()
while read -r line; do
  line=${line%%#*}
  [[ -z ${line// /} ]] && continue
  rtl_configs+=("$line")
done < "$(dirname "${BASH_SOURCE[0]}")/configurations.txt"
