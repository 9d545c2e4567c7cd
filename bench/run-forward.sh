#!/usr/bin/env bash
# Forward-mode benchmark: time of one tangent (__enzyme_fwddiff) against the primal on
# loop-heavy problems, and the compile time of the same file with and without Adjoint.
# Usage: bench/run-forward.sh [build-dir]   (env: PROBS, default "heat ode mlp gmm ba")
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(mkdir -p "${1:-$ROOT/build/bench-forward}" && cd "${1:-$ROOT/build/bench-forward}" && pwd)
CXX=/usr/lib/llvm-19/bin/clang++
ADCXX="$ROOT/build/bin/adjoint-c++"
FLAGS="-O3 -std=c++17 -DNDEBUG"
PROBS=${PROBS:-"heat ode mlp gmm ba"}
cd "$BUILD"
: > results.txt
secs() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}'; }
for p in $PROBS; do
  def="-DPROB_$(echo "$p" | tr a-z A-Z)"
  $CXX $FLAGS $def -c "$HERE/hand/$p.cpp" -o "$p.hand.o"
  # Compile time: the same file, once without Adjoint (the request stays an external call) and
  # once with it; best of 3 each.
  plain=9e9; ad=9e9
  for i in 1 2 3; do
    t=$(secs $CXX $FLAGS $def -c "$HERE/drivers/tangent.cpp" -o "$p.plain.o"); plain=$(awk -v a=$plain -v b=$t 'BEGIN{print (b<a)?b:a}')
    t=$(secs $ADCXX $FLAGS $def -c "$HERE/drivers/tangent.cpp" -o "$p.tangent.o"); ad=$(awk -v a=$ad -v b=$t 'BEGIN{print (b<a)?b:a}')
  done
  echo "COMPILE prob=$p plain_s=$plain adjoint_s=$ad ratio=$(awk -v a=$ad -v b=$plain 'BEGIN{printf "%.2f", a/b}')" | tee -a results.txt
  $CXX "$p.tangent.o" "$p.hand.o" -o "$p.tangent"
  taskset -c 0 "./$p.tangent" | tee -a results.txt || true
done
echo
echo "tangent/primal CPU-time ratios (median of 5 interleaved samples):"
awk '/^RESULT/ { delete r; for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
       if (r["status"] == "WRONG") { printf "%-6s WRONG TANGENT err_vs_hand=%s\n", r["prob"], r["err_vs_hand"]; next }
       printf "%-6s n=%-7s primal=%.3es tangent=%.3es ratio=%6.2f\n", r["prob"], r["n"], r["primal_s"], r["grad_s"], r["ratio"] }
     /^COMPILE/ { print }' results.txt
