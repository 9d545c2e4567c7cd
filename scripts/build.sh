#!/usr/bin/env bash
# Configures (once) and builds Adjoint with Ninja, 2 jobs: build/ against LLVM 19 (the plugin
# for clang 19), and build-22/ against LLVM 22 (clang 22 and libEnzyme-22.so, the backend of
# Debian's rustc) when LLVM 22 is installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
configure() { # build dir, LLVM version
  [ -f "$root/$1/build.ninja" ] || cmake -S "$root" -B "$root/$1" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DADJOINT_LLVM_VERSION="$2"
  ninja -C "$root/$1" -j2
}
configure build 19
if [ -d /usr/lib/llvm-22/lib/cmake/llvm ]; then configure build-22 22; fi
