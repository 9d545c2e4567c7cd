#!/usr/bin/env bash
# Builds one integration program every way a user can and runs each build;
# the program itself compares its derivatives with finite differences or an
# analytic value and exits non-zero on a mismatch.
#   check-program.sh SOURCE [extra compiler flags...]
# Builds: adjoint-cc/adjoint-c++ at -O0, -O2, -O3 (and, for reverse mode,
# -O2 under valgrind and -O2 with split gradients); clang -O2 to IR, then
# opt -passes=adjoint, then clang; clang -flto with the plugin in lld.
set -euo pipefail
src=$1; shift
extra=("$@")
case "$src" in
  *.cpp) drv="$ADJOINT_BIN/adjoint-c++"; cc="$LLVM_BIN/clang++" ;;
  *)     drv="$ADJOINT_BIN/adjoint-cc";  cc="$LLVM_BIN/clang" ;;
esac
inc="-I$(dirname "$0")/include -I$(dirname "$0")/../../include"
# Libraries a program links, named in it by a line "// link: -lopenblas".
read -r -a libs <<< "$(sed -n 's|^// link: ||p' "$src")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() { # name, binary
  if ! "$2" > "$tmp/$1.out" 2>&1; then
    echo "FAILED ($1): $src"; cat "$tmp/$1.out"; exit 1
  fi
}
for O in -O0 -O1 -O2 -O3; do
  $drv $O $inc "${extra[@]}" "$src" -o "$tmp/prog$O" -lm "${libs[@]}"
  run "adjoint-cc $O" "$tmp/prog$O"
done
# Reverse mode allocates (shadows, tapes) and moves frees: the -O2 build
# runs under valgrind too, and must make no invalid access and leak nothing.
# A program opts out with a line "valgrind: skip (the reason)".
if grep -q "__enzyme_autodiff\|__enzyme_augmentfwd" "$src" && ! grep -q "valgrind: skip" "$src"; then
  if ! command -v valgrind > /dev/null; then
    echo "FAILED: valgrind is not installed (scripts/install-deps.sh installs it)"; exit 1
  fi
  if ! valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      "$tmp/prog-O2" > "$tmp/valgrind.out" 2>&1; then
    echo "FAILED (valgrind, adjoint-cc -O2): $src"; cat "$tmp/valgrind.out"; exit 1
  fi
fi
# Gradients built from their split halves (augmented forward, reverse), kept
# apart so the tape crosses between two calls.
if grep -q "__enzyme_autodiff" "$src"; then
  $drv -O2 -mllvm -adjoint-split-gradients $inc "${extra[@]}" "$src" -o "$tmp/prog-split" -lm "${libs[@]}"
  run "adjoint-cc -O2, split gradients" "$tmp/prog-split"
fi
# opt path: the pass on textual IR.
$cc -O2 $inc "${extra[@]}" -S -emit-llvm "$src" -o "$tmp/prog.ll"
"$LLVM_BIN/opt" -load-pass-plugin="$ADJOINT_PLUGIN" -passes=adjoint "$tmp/prog.ll" -o "$tmp/prog.bc"
$cc -O2 "$tmp/prog.bc" -o "$tmp/prog-opt" -lm "${libs[@]}"
run "opt -passes=adjoint" "$tmp/prog-opt"
# LTO path: the plugin runs inside lld.
$cc -O2 -flto $inc "${extra[@]}" -c "$src" -o "$tmp/prog.lto.o"
$cc -O2 -flto -fuse-ld=lld -Wl,--load-pass-plugin="$ADJOINT_PLUGIN" "$tmp/prog.lto.o" -o "$tmp/prog-lto" -lm "${libs[@]}"
run "lld LTO" "$tmp/prog-lto"
