#!/usr/bin/env bash
# Runs the random-program fuzzers, N programs of every kind, and prints one summary line.
#   scripts/fuzz.sh N [SEED]       seeds SEED .. SEED+N-1 (SEED defaults to 1)
# Kinds (test/fuzz/):
#   forward   gen_programs.py: __enzyme_fwddiff tangents against central differences
#   reverse   gen_programs.py --mode reverse: gradients of f returning a double
#   memory    gen_programs.py --mode memory (gen_reverse_memory.py): reverse and split mode
#             through output arrays, in-place updates, the heap, globals, copies, helpers of
#             every linkage, recursion, data-dependent loops
#   cxx       gen_cxx.py and run-cxx.sh, when both exist
#   stress    stress.sh N SEED (llvm-stress modules through opt), when it exists
# Every program is built at FUZZ_OPTS (default "-O0 -O1 -O2 -O3") and once without the
# plugin under ASan/UBSan; every 8th program's -O2 build (FUZZ_VALGRIND) also runs under
# valgrind. A diagnostic of the plugin ("error: adjoint:", no crash) is allowed and
# counted; a wrong value, a compiler crash, a verifier failure, a crash of the program or a
# valgrind error fails. Two jobs at a time (FUZZ_JOBS). Sources and logs stay in FUZZ_OUT
# (default /tmp/adjoint-fuzz), one folder per kind; FUZZ_KINDS="memory cxx" runs only those.
# Prints one line per kind, then
#   fuzz: P programs, B builds, W wrong, C crashes, D diagnostics
# and exits 1 if W or C (or E, generator errors, then shown on that line) is not zero.
# A failing program can be shrunk with test/fuzz/shrink.sh SRC.
set -uo pipefail
N=${1:?usage: scripts/fuzz.sh N [SEED]}
SEED=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
fz=$root/test/fuzz
out=${FUZZ_OUT:-/tmp/adjoint-fuzz}
export FUZZ_OPTS=${FUZZ_OPTS:--O0 -O1 -O2 -O3}
export FUZZ_VALGRIND=${FUZZ_VALGRIND:-8}
export FUZZ_JOBS=${FUZZ_JOBS:-2}
export FUZZ_ALLOW_DIAG=1
clang=${CLANG:-clang-19}
clangxx=${CLANGXX:-clang++-19}
inc="-I$root/test/integration/include"
cc="$root/build/bin/adjoint-cc $inc"
cxx="$root/build/bin/adjoint-c++ $inc"
[ -x "$root/build/bin/adjoint-cc" ] || { echo "fuzz.sh: build first (scripts/build.sh)"; exit 2; }
seeds="$SEED-$((SEED + N - 1))"
kinds=${FUZZ_KINDS:-forward reverse memory cxx stress}
P=0 B=0 W=0 C=0 D=0 E=0
mkdir -p "$out"
start=$SECONDS

# kind NAME GENERATOR-ARGS...: generate into $out/NAME and run run-fuzz.sh
run_kind() {
  local name=$1
  shift
  local d="$out/$name"
  rm -rf "$d" && mkdir -p "$d"
  if ! python3 "$@" --out "$d" --seeds "$seeds" > "$d/gen.log" 2>&1; then
    echo "$name: the generator failed (see $d/gen.log)"
    E=$((E + 1))
    return
  fi
  bash "$fz/run-fuzz.sh" "$d" "$cc" "$clang" > "$d/summary.log" 2>&1
  local line
  line=$(grep '^fuzz: ' "$d/summary.log" | tail -n 1)
  # fuzz: P programs, B builds, W wrong, C crashes, D diagnostics, E errors; S fd skipped (Ts)
  read -r p b w c dd e s _ < <(echo "$line" | sed 's/[^0-9 ]//g; s/  */ /g; s/^ //')
  echo "$name: ${line#fuzz: }"
  grep '^FUZZ FAIL\|  source:' "$d/summary.log" | sed 's/^/  /' | sort -u | head -n 40
  P=$((P + p)) B=$((B + b)) W=$((W + w)) C=$((C + c)) D=$((D + dd)) E=$((E + e))
}

for k in $kinds; do
  case $k in
    forward) run_kind forward "$fz/gen_programs.py" ;;
    reverse) run_kind reverse "$fz/gen_programs.py" --mode reverse ;;
    memory) run_kind memory "$fz/gen_programs.py" --mode memory ;;
    cxx)
      [ -f "$fz/gen_cxx.py" ] || continue
      d="$out/cxx"
      rm -rf "$d" && mkdir -p "$d"
      if ! python3 "$fz/gen_cxx.py" --out "$d" --seeds "$seeds" > "$d/gen.log" 2>&1 || [ ! -s "$d/manifest.txt" ]; then
        echo "cxx: gen_cxx.py does not take --out/--seeds (see $d/gen.log); skipped"
        continue
      fi
      if [ -f "$fz/run-cxx.sh" ]; then
        CXX_OPTS=$FUZZ_OPTS CXX_JOBS=$FUZZ_JOBS bash "$fz/run-cxx.sh" "$d" "$cxx" "$clangxx" > "$d/summary.log" 2>&1
        # cxx-fuzz: P programs x L levels = B builds: O ok, W wrong, C crashes, D diagnostics,
        # E errors; F primal failures; S fd skipped (Ts)   (W, C, D, E count builds)
        line=$(grep '^cxx-fuzz: ' "$d/summary.log" | tail -n 1)
        read -r p l b o w c dd e f s _ < <(echo "$line" | sed 's/[^0-9 ]//g; s/  */ /g; s/^ //')
        echo "cxx: ${line#cxx-fuzz: }"
        sed -n '/^failing builds:/,$p' "$d/summary.log" | sed 1d | sed 's/^/  /' | head -n 40
        P=$((P + p)) B=$((B + b)) W=$((W + w)) C=$((C + c)) D=$((D + dd)) E=$((E + e + f))
      else
        FUZZ_CXX=$cxx FUZZ_CLANGXX=$clangxx bash "$fz/run-fuzz.sh" "$d" "$cxx" "$clang" > "$d/summary.log" 2>&1
        line=$(grep '^fuzz: ' "$d/summary.log" | tail -n 1)
        read -r p b w c dd e s _ < <(echo "$line" | sed 's/[^0-9 ]//g; s/  */ /g; s/^ //')
        echo "cxx: ${line#fuzz: }"
        P=$((P + p)) B=$((B + b)) W=$((W + w)) C=$((C + c)) D=$((D + dd)) E=$((E + e))
      fi
      ;;
    stress)
      [ -f "$fz/stress.sh" ] || continue
      d="$out/stress"
      rm -rf "$d" && mkdir -p "$d"
      STRESS_OUT="$d" STRESS_JOBS=$FUZZ_JOBS bash "$fz/stress.sh" "$N" "$SEED" > "$d/summary.log" 2>&1
      # stress: N modules, C crashes, V invalid, D diagnostics, K differentiated (2 requests each)
      line=$(grep '^stress: ' "$d/summary.log" | tail -n 1)
      if [ -z "$line" ]; then
        echo "stress: no summary (see $d/summary.log)"
        E=$((E + 1))
        continue
      fi
      read -r n c v dd k _ < <(echo "$line" | sed 's/[^0-9 ]//g; s/  */ /g; s/^ //')
      echo "stress: ${line#stress: }"
      P=$((P + n)) B=$((B + c + v + dd + k)) C=$((C + c + v)) D=$((D + dd))
      ;;
    *) echo "fuzz.sh: unknown kind $k"; exit 2 ;;
  esac
done
extra=
[ "$E" -ne 0 ] && extra=", $E errors"
echo "fuzz: $P programs, $B builds, $W wrong, $C crashes, $D diagnostics$extra ($((SECONDS - start))s, $out)"
[ "$W" -eq 0 ] && [ "$C" -eq 0 ] && [ "$E" -eq 0 ]
