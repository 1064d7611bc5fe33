#!/usr/bin/env bash
# `cmake --install` of the build tree into a scratch prefix; the package must import from there
# (run from /, so the source and build trees are not on the path) and run a model.
# usage: install_check.sh BUILD_DIR PREFIX PACKAGE_DIR_UNDER_PREFIX PYTHON EXAMPLE
set -euo pipefail
build=$1 prefix=$2 subdir=$3 python=$4 example=$5
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" > /dev/null
cd /
PYTHONPATH="$prefix/$subdir" "$python" - "$prefix" "$example" <<'PY'
import sys
import plasticore, plasticore.pynn
assert plasticore.__file__.startswith(sys.argv[1]), plasticore.__file__
res = plasticore.run(sys.argv[2], duration_ms=100.0)
assert res.steps == 1000, res.steps
print("installed:", plasticore.__file__, res)
PY
