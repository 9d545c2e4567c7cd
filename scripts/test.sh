#!/usr/bin/env bash
# Runs the whole test suite (building first if needed) and ends with a line
# "adjoint: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" || { echo "adjoint: 0 passed, 1 failed"; exit 1; }
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
out=$(mktemp)
python3 "$lit" -sv -j2 "$root/build/test" "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# lit's summary lines look like "  Passed: 12 (100.00%)".
read -r passed failed < <(awk -F: '
  /^ *Passed *:/ { p = $2 + 0 }
  /^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *:/ { f += $2 + 0 }
  END { print p + 0, f + 0 }' "$out")
rm -f "$out"
echo "adjoint: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
