#!/usr/bin/env bash
# The benchmark suite in one command: every problem of bench/problems with its primal, the
# hand-written gradient, Adjoint's gradient (drivers/enzyme_api.cpp compiled with adjoint-c++),
# ADOL-C and Sacado; each gradient checked against the hand-written one before it is timed; a
# table on stdout and bench/results/ (results.csv, .json, .md, .png, machine.txt).
#   bench/suite.sh            full run, pinned to one core (a few minutes)
#   bench/suite.sh --smoke D  correctness only (one short sample), results in D; the test suite
#                             runs this so the benchmark never rots
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=""
if [ "${1:-}" = "--smoke" ]; then SMOKE=1; shift; fi
OUT=${1:-$ROOT/bench/results}
BUILD=$ROOT/build/bench-suite${SMOKE:+-smoke}
[ -x "$ROOT/build/bin/adjoint-c++" ] || "$ROOT/scripts/build.sh"
mkdir -p "$BUILD" "$OUT"
PIN=""
command -v taskset > /dev/null && PIN="taskset -c 0"
if [ -n "$SMOKE" ]; then
  export BENCH_SMOKE=1
  PIN=""
fi
ADCXX="$ROOT/build/bin/adjoint-c++" $PIN bash "$ROOT/bench/run.sh" "$BUILD" > "$BUILD/run.log" 2>&1 || {
  cat "$BUILD/run.log"; exit 1; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "cores: $(nproc)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "compiler: $(/usr/lib/llvm-19/bin/clang++ --version | head -1)"
  echo "flags: -O3 -std=c++17 -DNDEBUG (every variant)"
  echo "adjoint: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$OUT/machine.txt"
python3 "$ROOT/bench/summarize.py" "$BUILD" "$OUT"
