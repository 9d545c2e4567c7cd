#!/usr/bin/env bash
# Builds and runs the C++ programs gen_cxx.py wrote (DIR/manifest.txt: "SEED PATH" lines).
#   run-cxx.sh DIR "ADJOINT_CXX [flags]" ["CLANGXX"]
# Each program is built with the C++ driver at every level of CXX_OPTS (environment; default
# "-O0 -O1 -O2 -O3") and run: it checks its forward tangent against a Richardson-checked central
# difference and its gradient against the tangent (dot-product identity) and exits non-zero
# on a mismatch. With CLANGXX, each program is also built without the plugin (-DPRIMAL_ONLY,
# AddressSanitizer and UndefinedBehaviorSanitizer) and run. CXX_JOBS programs at a time
# (default 2); CXX_UNTIL (seconds since the epoch): programs not started by then are left out
# of the counts. Every build is classified:
#   ok, wrong (the program reports a mismatch), crash (the compiler crashed, or the program
#   died on a signal or timed out), diagnostic (the compile failed with "error: adjoint"),
#   error (any other failed compile or run: a generator bug).
# Prints "cxx-fuzz: P programs x L levels = B builds: O ok, W wrong, C crashes, D diagnostics,
# E errors; F primal failures; S fd skipped" and the seed, level and source of every failure
# (logs stay next to the sources: fuzz-SEED-OLEVEL.log); exits 1 unless every build is ok.
set -uo pipefail

if [ "${1:-}" = --one ]; then
  seed=$2 src=$3
  dir=$(dirname "$src")
  bin="$dir/fuzz-$seed"
  res="$bin.result"
  if [ -n "${CXX_UNTIL:-}" ] && [ "$(date +%s)" -gt "$CXX_UNTIL" ]; then
    echo "notrun" > "$res"; exit 0
  fi
  : > "$res"
  for O in $CXX_OPTS; do
    log="$bin$O.log"
    # shellcheck disable=SC2086
    $CXX_CC $O "$src" -o "$bin$O" -lm > "$log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && grep -q 'unable to load plugin' "$log"; then
      # The plugin is being rebuilt under us: once more, a little later.
      sleep 20
      # shellcheck disable=SC2086
      $CXX_CC $O "$src" -o "$bin$O" -lm > "$log" 2>&1
      rc=$?
    fi
    if [ $rc -ne 0 ]; then
      if [ $rc -gt 128 ] || grep -q 'PLEASE submit a bug report\|Stack dump' "$log"; then
        echo "$O crash compiler crashed (exit $rc)" >> "$res"
      elif grep -q 'error: adjoint' "$log"; then
        echo "$O diagnostic $(grep -m1 'error: adjoint' "$log" | cut -c1-300)" >> "$res"
      else
        echo "$O error compile failed (exit $rc): $(grep -m1 'error' "$log" | cut -c1-300)" >> "$res"
      fi
      continue
    fi
    timeout 30 "$bin$O" > "$log.run" 2>&1
    rc=$?
    cat "$log.run" >> "$log"; rm -f "$log.run" "$bin$O"
    grep -q 'fd skipped' "$log" && echo "$O skipped" >> "$res"
    if [ $rc -eq 0 ]; then
      echo "$O ok" >> "$res"
    elif [ $rc -eq 1 ] && grep -q 'checks failed' "$log"; then
      echo "$O wrong $(grep -v 'checks failed' "$log" | grep -m2 'expected' | tr '\n' ' ' | cut -c1-300)" >> "$res"
    elif [ $rc -gt 128 ]; then
      echo "$O crash program died (exit $rc)" >> "$res"
    else
      echo "$O error program exited with $rc" >> "$res"
    fi
  done
  if [ -n "${CXX_CLANG:-}" ]; then
    log="$bin-primal.log"
    # shellcheck disable=SC2086
    if ! $CXX_CLANG -DPRIMAL_ONLY -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
        -fno-omit-frame-pointer $CXX_INC "$src" -o "$bin-primal" -lm > "$log" 2>&1; then
      echo "primal failed plain clang++ build (PRIMAL_ONLY)" >> "$res"
    elif ! ASAN_OPTIONS=detect_leaks=${CXX_LEAKS:-1} timeout 30 "$bin-primal" >> "$log" 2>&1; then
      echo "primal failed primal-only build (sanitizers) failed" >> "$res"
    fi
    rm -f "$bin-primal"
  fi
  exit 0
fi

dir=${1:?usage: run-cxx.sh DIR ADJOINT_CXX [CLANGXX]}
here=$(cd "$(dirname "$0")" && pwd)
export CXX_CC=${2:?usage: run-cxx.sh DIR ADJOINT_CXX [CLANGXX]}
export CXX_CLANG=${3:-}
export CXX_OPTS=${CXX_OPTS:--O0 -O1 -O2 -O3}
export CXX_INC="-I$here/../integration/include -I$here/../../include"
if [ -n "$CXX_CLANG" ]; then
  # LeakSanitizer needs ptrace; where it cannot run, check without it.
  probe="$dir/lsan-probe"
  printf 'int main() { return 0; }\n' > "$probe.cpp"
  if $CXX_CLANG -fsanitize=address "$probe.cpp" -o "$probe" > /dev/null 2>&1 &&
     ! "$probe" > /dev/null 2>&1; then
    export CXX_LEAKS=0
  fi
fi
manifest="$dir/manifest.txt"
[ -s "$manifest" ] || { echo "run-cxx.sh: no programs in $manifest"; exit 1; }
rm -f "$dir"/*.result
start=$SECONDS
xargs -P "${CXX_JOBS:-2}" -L 1 bash "$0" --one < "$manifest"
programs=$(( $(wc -l < "$manifest") - $(cat "$dir"/*.result | grep -c '^notrun') ))
levels=$(echo $CXX_OPTS | wc -w)
count() { cat "$dir"/*.result 2>/dev/null | awk -v k="$1" '$2 == k' | wc -l; }
ok=$(count ok) wrong=$(count wrong) crash=$(count crash) diag=$(count diagnostic)
err=$(count error) skipped=$(count skipped) primal=$(cat "$dir"/*.result | grep -c '^primal')
echo "cxx-fuzz: $programs programs x $levels levels = $((programs * levels)) builds: $ok ok," \
  "$wrong wrong, $crash crashes, $diag diagnostics, $err errors; $primal primal failures;" \
  "$skipped fd skipped ($((SECONDS - start))s)"
if [ "$ok" -ne $((programs * levels)) ] || [ "$primal" -ne 0 ]; then
  echo "failing builds:"
  for r in "$dir"/*.result; do
    s=$(basename "$r" .result); s=${s#fuzz-}
    grep -v ' ok$\| skipped$\|^notrun$' "$r" | sed "s|^|  seed $s |; s|\$| [$dir/fuzz-$s.cpp]|"
  done
  exit 1
fi
exit 0
