#!/usr/bin/env bash
# Builds and runs the programs gen_programs.py wrote (DIR/manifest.txt: "SEED PATH" lines).
#   run-fuzz.sh DIR "ADJOINT_CC [flags]" ["CLANG"]
# Each program is built with Adjoint at every level of FUZZ_OPTS (environment; default
# "-O0 -O2") and run: it compares its tangent (forward mode), its gradient (--mode reverse)
# or its tangents, gradients and split-mode gradients (--mode memory) with central
# differences and with each other, and exits non-zero on a mismatch. With CLANG, each
# program is also built without the plugin (-DPRIMAL_ONLY, under AddressSanitizer and
# UndefinedBehaviorSanitizer) and run, so the generated code itself is known to be
# well-defined. FUZZ_VALGRIND=K (environment) also runs the -O2 build (else the last one)
# of every program whose seed is a multiple of K under valgrind memcheck. FUZZ_JOBS
# programs at a time (default 2).
#
# Every build is classified:
#   ok
#   diagnostic  the compile failed with "error: adjoint:" and nothing worse: a request the
#               plugin refuses. A failure unless FUZZ_ALLOW_DIAG=1 (then only counted).
#   wrong       the program reports a mismatch (a wrong derivative)
#   crash       the compiler crashed (a signal, "PLEASE submit a bug report", "Stack
#               dump"), or its output failed the verifier ("internal error", "not valid
#               IR"), or the program died on a signal or timed out, or valgrind reported an
#               error
#   error       any other failed compile, or a failed primal-only build or run: a bug of
#               the generator
# A compile that fails in any other way than with a diagnostic is retried once (the plugin
# may have been in the middle of a rebuild). A program counts in the worst class of its builds (crash > wrong > error > diagnostic).
# Prints the seed, level, class and source of every failure (with the first lines of its
# log; logs stay next to the sources as fuzz-SEED-OLEVEL.log), then
#   fuzz: P programs, B builds, W wrong, C crashes, D diagnostics, E errors; S fd skipped
# (S: finite-difference checks a program skipped because steps h and h/2 disagreed), and
# exits 1 if any program failed.
set -uo pipefail

if [ "${1:-}" = --one ]; then
  # --one SEED SRC: one program, every build; settings come from the environment.
  seed=$2 src=$3
  dir=$(dirname "$src")
  bin="$dir/fuzz-$seed"
  res="$bin.result"
  : > "$res"
  mode=$(sed -n '1,5s/.*\(--mode [a-z]*\).*/ \1/p' "$src" | head -n 1)
  # libraries the program links, named in it by a line "// link: -lopenblas"
  libs=$(sed -n 's|^// link: ||p' "$src")
  cc=$FUZZ_CC
  case $src in *.cpp) cc=${FUZZ_CXX:-$FUZZ_CC} ;; esac
  record() { # level class log
    echo "$1 $2" >> "$res"
    if [ "$2" != ok ] && { [ "$2" != diagnostic ] || [ "${FUZZ_ALLOW_DIAG:-0}" != 1 ]; }; then
      {
        echo "FUZZ FAIL seed $seed at $1: $2"
        echo "  source: $src"
        echo "  reproduce: python3 $FUZZ_GEN$mode --out DIR --seeds $seed"
        sed 's/^/  | /' "$3" | head -n 40
      } >> "$bin.fail"
    fi
  }
  # compile LEVEL LOG: the plugin is rebuilt from time to time; a compile that fails
  # otherwise than with a diagnostic of the plugin is retried once (after waiting for a
  # plugin that cannot be loaded)
  compile() {
    local try rc
    for try in 1 2; do
      # shellcheck disable=SC2086
      $cc $1 "$src" -o "$bin$1" -lm $libs > "$2" 2>&1
      rc=$?
      [ $rc -eq 0 ] && return 0
      if grep -q 'error: adjoint:' "$2" &&
         ! grep -q 'PLEASE submit a bug report\|Stack dump\|internal error\|not valid IR' "$2"; then
        return $rc
      fi
      [ $try = 1 ] || return $rc
      for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
        grep -q 'unable to load plugin' "$2" || break
        sleep 10
        # shellcheck disable=SC2086
        $cc $1 "$src" -o "$bin$1" -lm $libs > "$2" 2>&1 && return 0
      done
    done
    return $rc
  }
  last=
  for O in ${FUZZ_OPTS:--O0 -O2}; do
    log="$bin$O.log"
    compile "$O" "$log"
    rc=$?
    if [ $rc -ne 0 ]; then
      if [ $rc -gt 128 ] || grep -q 'PLEASE submit a bug report\|Stack dump' "$log"; then
        record "$O" crash "$log"
      elif grep -q 'internal error\|not valid IR' "$log"; then
        record "$O" crash "$log"
      elif grep -q 'error: adjoint:' "$log"; then
        record "$O" diagnostic "$log"
      else
        record "$O" error "$log"
      fi
      continue
    fi
    timeout 30 "$bin$O" > "$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
      record "$O" ok "$log"
      last=$O
      s=$(sed -n 's/^fd: [0-9]* checked, \([0-9]*\) skipped$/\1/p' "$log" | head -n 1)
      [ -n "$s" ] && echo "fdskip ${s}" >> "$res"
    elif [ $rc -eq 1 ]; then
      record "$O" wrong "$log"
    else
      echo "(exit status $rc)" >> "$log"
      record "$O" crash "$log"
    fi
  done
  if [ -n "${FUZZ_VALGRIND:-}" ] && [ $((seed % FUZZ_VALGRIND)) -eq 0 ] && [ -n "$last" ]; then
    case " ${FUZZ_OPTS:--O0 -O2} " in *" -O2 "*) grep -q '^-O2 ok' "$res" && last=-O2 ;; esac
    log="$bin$last-valgrind.log"
    timeout 300 valgrind -q --error-exitcode=99 "$bin$last" > "$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
      record "valgrind$last" ok "$log"
    elif [ $rc -eq 99 ] || [ $rc -gt 124 ]; then
      record "valgrind$last" crash "$log"
    else
      record "valgrind$last" wrong "$log"
    fi
  fi
  if [ -n "${FUZZ_CLANG:-}" ]; then
    log="$bin-primal.log"
    plain=$FUZZ_CLANG
    case $src in *.cpp) plain=${FUZZ_CLANGXX:-$FUZZ_CLANG} ;; esac
    # shellcheck disable=SC2086
    if ! $plain -DPRIMAL_ONLY -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
      -fno-omit-frame-pointer $FUZZ_INC "$src" -o "$bin-primal" -lm $libs > "$log" 2>&1; then
      record primal error "$log"
    elif ! ASAN_OPTIONS=detect_leaks=${FUZZ_LEAKS:-1} timeout 30 "$bin-primal" > "$log" 2>&1; then
      record primal error "$log"
    else
      record primal ok "$log"
    fi
  fi
  [ -f "$bin.fail" ] && { cat "$bin.fail"; exit 1; }
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
rm -f "$dir"/*.fail "$dir"/*.result
start=$SECONDS
xargs -P "${FUZZ_JOBS:-2}" -L 1 bash "$0" --one < "$manifest" > "$dir/run.log" 2>&1
grep -v '^ok seed' "$dir/run.log"
total=$(wc -l < "$manifest")
# a program's class: the worst of its builds
W=0 C=0 D=0 E=0 B=0 S=0
while read -r seed path; do
  res="$(dirname "$path")/fuzz-$seed.result"
  [ -f "$res" ] || { E=$((E + 1)); continue; }
  B=$((B + $(grep -c '^-O' "$res")))
  S=$((S + $(awk '$1 == "fdskip" { s += $2 } END { print s + 0 }' "$res")))
  if grep -q ' crash$' "$res"; then C=$((C + 1))
  elif grep -q ' wrong$' "$res"; then W=$((W + 1))
  elif grep -q ' error$' "$res"; then E=$((E + 1))
  elif grep -q ' diagnostic$' "$res"; then D=$((D + 1))
  fi
done < "$manifest"
echo "fuzz: $total programs, $B builds, $W wrong, $C crashes, $D diagnostics, $E errors; $S fd skipped ($((SECONDS - start))s)"
failed=$(find "$dir" -name '*.fail' | wc -l)
if [ "$failed" -ne 0 ]; then
  echo "failing programs:"
  cat "$dir"/*.fail | grep '^FUZZ FAIL\|source:'
  exit 1
fi
exit 0
