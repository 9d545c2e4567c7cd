#!/usr/bin/env bash
# Installs the Debian 12 packages Adjoint needs to build and test, if missing.
set -euo pipefail
# valgrind: the test suite runs every reverse-mode program under memcheck. ADOL-C, Sacado and
# gnuplot: the benchmark suite (bench/suite.sh), whose smoke run is part of the test suite.
# cvise: test/fuzz/shrink.sh reduces failing fuzz programs with it. LLVM 22 and rustc-web
# (Debian's rustc 1.96, built on LLVM 22) with cargo-web: the Rust backend and its tests.
# OpenBLAS: the tests of the BLAS routines' library rules run against the system BLAS.
pkgs=(cmake ninja-build llvm-19-dev clang-19 lld-19 llvm-19-tools libclang-19-dev libzstd-dev
      python3 valgrind libadolc-dev libtrilinos-sacado-dev gnuplot-nox cvise
      llvm-22-dev clang-22 lld-22 llvm-22-tools libclang-22-dev rustc-web cargo-web
      libopenblas-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
