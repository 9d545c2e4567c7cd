#!/usr/bin/env bash
# Builds and runs the programs gen_programs.py wrote (DIR/manifest.txt: "SEED PATH" lines).
#   run-fuzz.sh DIR "ADJOINT_CC [flags]" ["CLANG"]
# Each program is built with Adjoint at -O0 and at -O2 and run: it compares its
# tangent (forward mode) or its gradient (gen_programs.py --mode reverse) with
# central differences and exits non-zero on a mismatch. With
# CLANG, each program is also built without the plugin (-DPRIMAL_ONLY, under
# AddressSanitizer and UndefinedBehaviorSanitizer) and run, so the generated
# code itself is known to be well-defined. Two programs are built at a time.
# Any failed build (a crash or an error from the plugin) or failed run prints
# the seed, the source path and the output, and makes the script exit 1.
# FUZZ_OPTS="-O1 -O3" (environment) builds at other levels instead.
set -uo pipefail

if [ "${1:-}" = --one ]; then
  # --one SEED SRC: one program, every build; settings come from the environment.
  seed=$2 src=$3
  dir=$(dirname "$src")
  bin="$dir/fuzz-$seed"
  mode=$(sed -n '1,5s/.*\(--mode [a-z]*\).*/ \1/p' "$src" | head -n 1)
  fail() { # what, log
    {
      echo "FUZZ FAIL seed $seed: $1"
      echo "  source: $src"
      echo "  reproduce: python3 $FUZZ_GEN$mode --out DIR --seeds $seed"
      sed 's/^/  | /' "$2" | head -n 60
    } > "$bin.fail"
    cat "$bin.fail"
    exit 1
  }
  for O in ${FUZZ_OPTS:--O0 -O2}; do
    log="$bin$O.log"
    # shellcheck disable=SC2086
    $FUZZ_CC $O "$src" -o "$bin$O" -lm > "$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
      if [ $rc -gt 128 ] || grep -q 'PLEASE submit a bug report\|Stack dump' "$log"; then
        fail "compiler crashed at $O (exit $rc)" "$log"
      fi
      fail "compile failed at $O (exit $rc)" "$log"
    fi
    timeout 30 "$bin$O" > "$log" 2>&1
    rc=$?
    [ $rc -eq 0 ] || fail "program built at $O exited with $rc" "$log"
  done
  if [ -n "${FUZZ_CLANG:-}" ]; then
    log="$bin-primal.log"
    # shellcheck disable=SC2086
    $FUZZ_CLANG -DPRIMAL_ONLY -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
      -fno-omit-frame-pointer $FUZZ_INC "$src" -o "$bin-primal" -lm > "$log" 2>&1 ||
      fail "plain clang build (PRIMAL_ONLY) failed" "$log"
    ASAN_OPTIONS=detect_leaks=${FUZZ_LEAKS:-1} timeout 30 "$bin-primal" > "$log" 2>&1 ||
      fail "primal-only build (sanitizers) failed" "$log"
  fi
  echo "ok seed $seed"
  exit 0
fi

dir=${1:?usage: run-fuzz.sh DIR ADJOINT_CC [CLANG]}
here=$(cd "$(dirname "$0")" && pwd)
export FUZZ_CC=${2:?usage: run-fuzz.sh DIR ADJOINT_CC [CLANG]}
export FUZZ_CLANG=${3:-}
export FUZZ_GEN="$here/gen_programs.py"
export FUZZ_INC="-I$here/../integration/include -I$here/../../include"
# LeakSanitizer needs ptrace; where it cannot run, check without it.
if [ -n "$FUZZ_CLANG" ]; then
  probe="$dir/lsan-probe"
  printf 'int main(void) { return 0; }\n' > "$probe.c"
  if $FUZZ_CLANG -fsanitize=address "$probe.c" -o "$probe" > /dev/null 2>&1 &&
     ! "$probe" > /dev/null 2>&1; then
    export FUZZ_LEAKS=0
  fi
fi
manifest="$dir/manifest.txt"
[ -s "$manifest" ] || { echo "run-fuzz.sh: no programs in $manifest"; exit 1; }
rm -f "$dir"/*.fail
start=$SECONDS
xargs -P 2 -L 1 bash "$0" --one < "$manifest"
status=$?
total=$(wc -l < "$manifest")
failed=$(find "$dir" -name '*.fail' | wc -l)
echo "fuzz: $total programs, $failed failed, $((SECONDS - start))s"
if [ "$failed" -ne 0 ]; then
  echo "failing programs:"
  cat "$dir"/*.fail | grep '^FUZZ FAIL\|source:'
  exit 1
fi
[ $status -eq 0 ] || { echo "fuzz: xargs exited with $status"; exit 1; }
exit 0
