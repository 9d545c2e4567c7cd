#!/usr/bin/env bash
# Reverse-mode benchmark: gradient time of loop kernels (values and read-only arrays) against
# the primal and a hand-written gradient, the tape's peak size, with Adjoint's explanation of
# the tape per loop iteration (-adjoint-print-perf). Usage: bench/run-reverse.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/build/bench-reverse"
mkdir -p "$OUT"
# -adjoint-reuse-tape=0: every tape starts empty and grows through realloc, where its size is
# measured (a reused spare block would hide it).
"$ROOT/build/bin/adjoint-cc" -O3 -mllvm -adjoint-print-perf -mllvm -adjoint-reuse-tape=0 \
  "$ROOT/bench/reverse/kernels.c" \
  -Wl,--wrap=realloc -o "$OUT/kernels" -lm | grep -E "^adjoint: perf" || true
taskset -c 0 "$OUT/kernels" | tee "$OUT/results.txt"
