#!/usr/bin/env bash
# The benchmark suite in one command: every problem of bench/problems at every size, with its
# primal, the hand-written gradient, Adjoint's gradient (reverse mode: drivers/enzyme_api.cpp;
# forward mode where the input is small: drivers/enzyme_fwd.cpp; both compiled with adjoint-c++),
# ADOL-C and Sacado; each gradient checked against the hand-written one before it is timed; the
# compile time of each variant and of Adjoint's files without AD. Prints the tables and writes
# bench/results/ (results.csv, .json, .md, .png, machine.txt).
#   bench/suite.sh            full run, sizes 0 1 2, pinned to one core (about 10-15 minutes on
#                             2 cores; env SIZES, PROBS, COMPILE_REPS as in run.sh)
#   bench/suite.sh --smoke D  correctness only: size 0, one short sample per variant, one compile
#                             each (none without AD), built and written in D; the test suite
#                             runs this so the benchmark never rots
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=""
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; fi
OUT=${1:-$ROOT/bench/results}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# The smoke run builds inside its output directory, so that runs in parallel do not collide.
BUILD=${BUILD:-$ROOT/build/bench-suite}
[ -n "$SMOKE" ] && BUILD=$OUT/build
[ -x "$ROOT/build/bin/adjoint-c++" ] || "$ROOT/scripts/build.sh"
mkdir -p "$BUILD"
PIN=""
command -v taskset > /dev/null && PIN="taskset -c 0"
if [ -n "$SMOKE" ]; then
  export BENCH_SMOKE=1 SIZES=0 COMPILE_REPS=1 COMPILE_NOAD=0 JOBS=${JOBS:-$(nproc)}
  PIN=""
else
  export SIZES=${SIZES:-"0 1 2"} COMPILE_REPS=${COMPILE_REPS:-3} JOBS=1
fi
export ADCXX=${ADCXX:-$ROOT/build/bin/adjoint-c++}
t0=$(date +%s)
$PIN bash "$ROOT/bench/run.sh" "$BUILD" > "$BUILD/run.log" 2>&1 || {
  cat "$BUILD/run.log"; exit 1; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "cores: $(nproc)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "compiler: $(/usr/lib/llvm-19/bin/clang++ --version | head -1)"
  echo "flags: -O3 -std=c++17 -DNDEBUG (every variant)"
  echo "adjoint: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "sizes: $SIZES"
  if [ -n "$SMOKE" ]; then
    echo "mode: smoke (one sample per variant, not a measurement)"
  else
    echo "mode: pinned to CPU 0 (taskset); per variant a warm-up, then 5 interleaved samples of primal and gradient, each >= 0.2 s of CPU time; compile times: median of $COMPILE_REPS for Adjoint and the same file without AD"
  fi
  echo "duration_s: $(($(date +%s) - t0))"
} > "$OUT/machine.txt"
python3 "$ROOT/bench/summarize.py" "$BUILD" "$OUT"
