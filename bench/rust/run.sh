#!/usr/bin/env bash
# Rust reverse-mode benchmark: bench/rust/kernels.rs built by Debian's rustc through Adjoint's
# backend (build-22's private sysroot), fat LTO, -O. Prints each kernel's gradient time against
# the primal and the hand-written gradient, then the compile time with autodiff over the same
# program without it (its d_* functions calling the hand-written gradients).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build-22/bench-rust"
mkdir -p "$OUT"
HOST=$(/usr/bin/rustc -vV | sed -n 's/^host: //p')
RUSTC=(env RUSTC_BOOTSTRAP=1 /usr/bin/rustc --edition=2021 --sysroot "$ROOT/build-22/rust-sysroot"
       -L "/usr/lib/rustlib/$HOST/lib" -Clto=fat -O)
compile() { # output, extra flags...; prints seconds
  local out=$1; shift
  local t0=$(date +%s.%N)
  "${RUSTC[@]}" "$@" "$ROOT/bench/rust/kernels.rs" -o "$out"
  echo "$(date +%s.%N) - $t0" | bc
}
best() { # the fastest of 3 builds
  local b=""
  for _ in 1 2 3; do
    local t; t=$(compile "$@")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
with=$(best "$OUT/kernels-ad" --cfg ad -Zautodiff=Enable)
without=$(best "$OUT/kernels-hand")
taskset -c 0 "$OUT/kernels-ad" | tee "$OUT/results.txt"
printf "RESULT compile with_autodiff_s=%.2f without_s=%.2f ratio=%.2f\n" "$with" "$without" \
  "$(echo "$with / $without" | bc -l)" | tee -a "$OUT/results.txt"
