#!/usr/bin/env bash
# Configures (once) and builds Adjoint into build/ with Ninja, 2 jobs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/build/build.ninja" ] || cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
ninja -C "$root/build" -j2
