#!/usr/bin/env bash
# The rule tables of docs/experiment-format.md are `plasticore rules --markdown`: fails with a
# diff when a rule's declaration changed and the docs did not (regenerate with
# `tests/cli/check_rule_tables.sh BIN SOURCE_DIR --update`).
set -euo pipefail
bin=$1 src=$2 doc=$2/docs/experiment-format.md
generated=$(mktemp)
documented=$(mktemp)
trap 'rm -f "$generated" "$documented"' EXIT
"$bin" rules --markdown > "$generated"
awk '/<!-- rules:begin/{on=1; next} /<!-- rules:end -->/{on=0} on' "$doc" > "$documented"
if [[ ${3:-} == --update ]]; then
  awk -v gen="$generated" '/<!-- rules:begin/{print; while ((getline l < gen) > 0) print l; skip=1; next}
       /<!-- rules:end -->/{skip=0} !skip' "$doc" > "$doc.new" && mv "$doc.new" "$doc"
  echo "updated $doc"
  exit 0
fi
if ! diff -u "$documented" "$generated"; then
  echo "docs/experiment-format.md's rule tables differ from 'plasticore rules --markdown' (above);"
  echo "regenerate: tests/cli/check_rule_tables.sh build/plasticore . --update"
  exit 1
fi
echo "docs/experiment-format.md rule tables are current ($(grep -c '^#### ' "$generated") rules)"
