#!/usr/bin/env bash
# Installs the Debian packages plasticore needs, and nothing else.
# Idempotent: when every package is present it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsystemc-dev      # SystemC 2.3.4 (C++17 build): the cycle-accurate core
  verilator           # RTL synapse-update unit -> SystemC/C++
  iverilog yosys      # second RTL front end (lint) and generic synthesis figures
  libboost-dev        # Boost.Multiprecision: exact reference and 50-digit golden model
  catch2              # unit and property tests (v2)
  libbenchmark-dev    # Google Benchmark for bench/
  libtomlplusplus-dev # experiment files (TOML, with source positions for errors)
  nlohmann-json3-dev  # JSON outputs
  libcli11-dev        # command line
  libfmt-dev          # formatting
  python3-brian python3-numpy python3-matplotlib  # Brian2 cross-check and plots (/usr/bin/python3)
  slurm-wlm munge     # a real one-node Slurm cluster for the sweep --slurm test (tests/slurm)
  python3-dev pybind11-dev python3-pybind11       # the Python module (python/)
  python3-pynn        # the PyNN back end plasticore.pynn and its cross-validation on pyNN.brian2
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
