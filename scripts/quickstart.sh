#!/usr/bin/env bash
# Quick start: install what is missing, build, then differentiate and run an example.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
echo "== compiling examples/hello.c with adjoint-cc -O2"
"$root/build/bin/adjoint-cc" -O2 "$root/examples/hello.c" -o "$root/build/hello" -lm
"$root/build/hello"
