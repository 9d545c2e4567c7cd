#!/usr/bin/env bash
# Builds the plugins with AddressSanitizer and UndefinedBehaviorSanitizer into build-san/
# (cmake -DADJOINT_SANITIZE=ON, clang-19, -O1 -g) and runs the whole lit suite
# against that build. clang, opt and lld are not sanitized: build-san/san-bin wraps them so
# that they (and the linkers they start) preload the ASan runtime; the drivers and lit in
# build-san use those wrappers, and the programs the tests build and run get no preload
# (valgrind steps run as usual).
#   scripts/test-sanitized.sh [lit arguments, e.g. -j2 or a test path under build-san/test]
# ADJOINT_SAN_BUILD names another build folder. The plugin's sources are compiled as they are
# in the checkout: while they are being edited, run it on a copy (git archive HEAD | tar -x).
# Every sanitizer report also lands in $ADJOINT_SAN_LOG (default build-san/san-logs) as
# san.PID; the script lists them at the end and exits 1 if the suite failed or any report
# was written.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ADJOINT_SAN_BUILD:-$root/build-san}
export ADJOINT_SAN_LOG=${ADJOINT_SAN_LOG:-$build/san-logs}
mkdir -p "$ADJOINT_SAN_LOG"
rm -f "$ADJOINT_SAN_LOG"/san.*
# The wrappers write there even where lit drops the variable (it passes few to tests).
if [ ! -f "$build/build.ninja" ] || ! grep -q "ADJOINT_SAN_LOG:PATH=$ADJOINT_SAN_LOG\$" "$build/CMakeCache.txt"; then
  # -O1 -g: complete stacks, and a build that takes half the time of -O2.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DADJOINT_SANITIZE=ON \
    -DADJOINT_SAN_LOG="$ADJOINT_SAN_LOG" || exit 1
fi
ninja -C "$build" -j2 || exit 1
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-j2 "$build/test")
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "${args[@]}"
status=$?
reports=$(find "$ADJOINT_SAN_LOG" -name 'san.*' | wc -l)
echo "sanitized: lit exited with $status; $reports sanitizer report(s) in $ADJOINT_SAN_LOG"
find "$ADJOINT_SAN_LOG" -name 'san.*' -exec grep -H -m1 'ERROR\|runtime error' {} +
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
