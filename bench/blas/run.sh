#!/usr/bin/env bash
# Gradient through OpenBLAS (dgemm, dgemv, ddot) by Adjoint's library rules, against the primal
# and a hand-written gradient; best of 15, one BLAS thread, pinned to core 0.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/bench-blas"
mkdir -p "$OUT"
"$ROOT/build/bin/adjoint-cc" -O2 "$ROOT/bench/blas/matrix-chain.c" -o "$OUT/matrix-chain" -lopenblas
OPENBLAS_NUM_THREADS=1 taskset -c 0 "$OUT/matrix-chain"
