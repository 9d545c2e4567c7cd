#!/usr/bin/env bash
# Runs the whole test suite (building first if needed) and ends with a line
# "adjoint: N passed, M failed": every test against LLVM 19, then against LLVM 22 the Rust
# tests (Debian's rustc through libEnzyme-22.so) and a smoke subset of the C and IR tests.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" || { echo "adjoint: 0 passed, 1 failed"; exit 1; }
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
out=$(mktemp)
python3 "$lit" -sv -j2 "$root/build/test" "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
if [ $# -eq 0 ]; then
  if [ -f "$root/build-22/build.ninja" ] && [ -x /usr/bin/rustc ]; then
    t="$root/build-22/test"
    python3 "$lit" -sv -j2 "$t/rust" "$t/ir" "$t/integration/dot-product" \
      "$t/integration/readme-example.c" "$t/integration/reverse/primal-return.c" \
      "$t/integration/reverse/const-return.c" 2>&1 | tee -a "$out"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  else
    echo "LLVM 22 or Debian's rustc is missing: run scripts/install-deps.sh" | tee -a "$out"
    echo "  Failed: 1" >> "$out"
    status=1
  fi
fi
# lit's summary lines look like "  Passed: 12 (100.00%)"; both runs add up.
read -r passed failed < <(awk -F: '
  /^ *Passed *:/ { p += $2 + 0 }
  /^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *:/ { f += $2 + 0 }
  END { print p + 0, f + 0 }' "$out")
rm -f "$out"
echo "adjoint: ${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
