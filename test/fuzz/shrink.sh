#!/usr/bin/env bash
# Shrinks a failing fuzz program with C-Vise, keeping the same failure.
#   test/fuzz/shrink.sh SRC [-O2] [OUT]
# SRC is a program written by gen_programs.py (any --mode). Without an -O level the
# first of -O0 -O1 -O2 -O3 at which SRC fails is used. The failure class is found first:
#   wrong     the program reports a mismatch (exit 1, "expected ... (tol"), and, for the
#             reverse-memory kind, forward mode still agrees with the differences (so the
#             harness in main is intact)
#   crash     the compiler crashed (signal, "PLEASE submit a bug report", "Stack dump")
#   verifier  the compile failed with "internal error" or "not valid IR"
#   runcrash  the program died of a signal (or timed out)
#   valgrind  valgrind memcheck reported an error
# and C-Vise reduces the program while it still fails in that class. For programs with a
# fixed harness (the reverse-memory kind: everything from "#define NIN" on), only the
# part above it is reduced; the harness is appended unchanged, so what remains is f and
# its helpers. Every candidate must also build with plain clang (-DPRIMAL_ONLY) without
# uninitialized-variable warnings and run clean under ASan and UBSan, so the reduction
# does not wander into undefined behaviour. Writes OUT (default: SRC with .reduced.c).
# Installs cvise with apt-get when it is missing (Debian package cvise).
set -uo pipefail
src=$(readlink -f "${1:?usage: shrink.sh SRC [-O2] [OUT]}")
level=${2:-}
case "$level" in -O*) out=${3:-} ;; *) out=$level level= ;; esac
out=${out:-${src%.*}.reduced.${src##*.}}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${ADJOINT_CC:=$root/build/bin/adjoint-cc}"
: "${ADJOINT_CXX:=$root/build/bin/adjoint-c++}"
: "${CLANG:=clang-19}"
: "${CLANGXX:=clang++-19}"
inc="-I$root/test/integration/include -I$root/include"

if ! command -v cvise > /dev/null; then
  echo "shrink.sh: installing cvise"
  if [ "$(id -u)" = 0 ]; then apt-get install -y cvise > /dev/null; else sudo apt-get install -y cvise > /dev/null; fi ||
    { echo "shrink.sh: cvise is missing (apt-get install cvise)"; exit 2; }
fi

work=$(mktemp -d /tmp/shrink.XXXXXX)
ext=${src##*.}
cc=$ADJOINT_CC plain=$CLANG
if [ "$ext" = cpp ]; then cc=$ADJOINT_CXX plain=$CLANGXX; fi

# The part to reduce and the fixed harness.
if grep -q '^#define NIN' "$src"; then
  n=$(grep -n '^#define NIN' "$src" | head -n 1 | cut -d: -f1)
  # the table of named global shadows belongs to the harness too (it comes right after the
  # globals; without it the harness reads shadows nothing writes)
  head -n $((n - 1)) "$src" | awk '
    /^#ifndef PRIMAL_ONLY$/ { hold = $0; next }
    hold != "" && /__enzyme_shadow_globals/ { table = 1; print hold > T; print > T; hold = ""; next }
    hold != "" { print hold; hold = "" }
    table && /^#endif$/ { print > T; table = 0; next }
    { print }' T="$work/table.$ext" > "$work/head.$ext"
  { [ -f "$work/table.$ext" ] && cat "$work/table.$ext"; tail -n +"$n" "$src"; } > "$work/tail.$ext"
else
  cp "$src" "$work/head.$ext"
  : > "$work/tail.$ext"
fi

# classify.sh FILE LEVEL: prints the failure class of one build (ok when it passes)
cat > "$work/classify.sh" <<EOF
#!/usr/bin/env bash
f=\$1 O=\$2 d=\$(dirname "\$1")
$cc $inc \$O "\$f" -o "\$d/bin" -lm > "\$d/cc.log" 2>&1
rc=\$?
if [ \$rc -ne 0 ]; then
  if [ \$rc -gt 128 ] || grep -q 'PLEASE submit a bug report\|Stack dump' "\$d/cc.log"; then echo crash
  elif grep -q 'internal error\|not valid IR' "\$d/cc.log"; then echo verifier
  elif grep -q 'error: adjoint:' "\$d/cc.log"; then echo diagnostic
  else echo compile-error; fi
  exit 0
fi
timeout 30 "\$d/bin" > "\$d/run.log" 2>&1
rc=\$?
if [ \$rc -gt 124 ] || [ \$rc -eq 124 ]; then echo runcrash; exit 0; fi
if [ \$rc -ne 0 ]; then
  if grep -q 'J v against differences' "\$d/run.log"; then echo wrong-forward; else echo wrong; fi
  exit 0
fi
if [ -n "\${SHRINK_VALGRIND:-}" ] && ! valgrind -q --error-exitcode=99 "\$d/bin" > "\$d/vg.log" 2>&1; then
  echo valgrind; exit 0
fi
echo ok
EOF
chmod +x "$work/classify.sh"

cat "$work/head.$ext" "$work/tail.$ext" > "$work/full.$ext"
class=
for O in ${level:--O0 -O1 -O2 -O3}; do
  c=$("$work/classify.sh" "$work/full.$ext" "$O")
  if [ "$c" = ok ] && [ "$O" = -O2 ]; then
    c=$(SHRINK_VALGRIND=1 "$work/classify.sh" "$work/full.$ext" "$O")
    [ "$c" = valgrind ] && export SHRINK_VALGRIND=1
  fi
  case $c in ok | diagnostic | compile-error | wrong-forward) ;; *) class=$c level=$O; break ;; esac
done
if [ -z "$class" ]; then
  echo "shrink.sh: $src does not fail in a class shrink.sh keeps (last: $c)"
  exit 1
fi
echo "shrink.sh: $src fails at $level: $class; reducing (work in $work)"

cat > "$work/test.sh" <<EOF
#!/usr/bin/env bash
cat head.$ext "$work/tail.$ext" > cand.$ext
$plain -DPRIMAL_ONLY -O1 -g -Werror=uninitialized -Werror=sometimes-uninitialized \
  -Werror=return-type -Werror=implicit-function-declaration \
  -fsanitize=address,undefined -fno-sanitize-recover=all $inc cand.$ext -o primal -lm \
  > /dev/null 2>&1 || exit 1
ASAN_OPTIONS=detect_leaks=0 timeout 20 ./primal > /dev/null 2>&1 || exit 1
[ "\$("$work/classify.sh" "\$PWD/cand.$ext" $level)" = $class ] || exit 1
EOF
chmod +x "$work/test.sh"
# MemorySanitizer too, when the original passes it: a reduction must not read uninitialized
# memory (-Wuninitialized misses array elements)
if $plain -DPRIMAL_ONLY -O1 -g -fsanitize=memory $inc "$work/full.$ext" -o "$work/msan" -lm \
     > /dev/null 2>&1 && timeout 20 "$work/msan" > /dev/null 2>&1; then
  cat >> "$work/test.sh" <<EOF
$plain -DPRIMAL_ONLY -O1 -g -fsanitize=memory $inc cand.$ext -o msan -lm > /dev/null 2>&1 || exit 1
timeout 20 ./msan > /dev/null 2>&1
EOF
fi
(cd "$work" && ./test.sh) || { echo "shrink.sh: the interestingness test does not hold on $src"; exit 1; }
(cd "$work" && cvise --n 2 --timeout 60 ./test.sh "head.$ext" > cvise.log 2>&1)
{
  echo "/* Reduced by test/fuzz/shrink.sh from $(basename "$src"): $class at $level."
  echo "   Build: $(basename "$cc") -Itest/integration/include $level FILE -lm, then run. */"
  cat "$work/head.$ext" "$work/tail.$ext"
} > "$out"
echo "shrink.sh: wrote $out ($(wc -l < "$out") lines, class $class at $level)"
