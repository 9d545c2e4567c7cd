#!/usr/bin/env bash
# Installs Adjoint's Rust backend (build-22/lib/libEnzyme-22.so) where Debian's rustc looks for
# it: <sysroot>/lib/rustlib/<host>/lib/libEnzyme-22.so, the sysroot being /usr. With --uninstall,
# removes it again. Either way it only touches a file that is Adjoint's: another backend there is
# left alone, with a message. Uses sudo where the directory is not writable.
#   scripts/install-rust-backend.sh [--uninstall] [--rustc PATH] [--library PATH]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rustc=/usr/bin/rustc
action=install
built="$root/build-22/lib/libEnzyme-22.so"
while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) action=uninstall ;;
    --rustc) rustc=$2; shift ;;
    --library) built=$2; shift ;;
    *) echo "usage: $0 [--uninstall] [--rustc PATH] [--library PATH]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$rustc" ] || { echo "error: $rustc not found: install rustc-web (scripts/install-deps.sh)" >&2; exit 1; }
sysroot=$("$rustc" --print sysroot)
host=$("$rustc" -vV | sed -n 's/^host: //p')
dest="$sysroot/lib/rustlib/$host/lib/libEnzyme-22.so"
# sudo only where the directory is not writable (a private sysroot needs none).
dir=$(dirname "$dest"); while [ ! -d "$dir" ]; do dir=$(dirname "$dir"); done
SUDO=""; [ -w "$dir" ] || SUDO=sudo

# Adjoint's library exports adjoint_backend_version; another backend does not.
is_ours() { nm -D --defined-only "$1" 2>/dev/null | grep -q ' adjoint_backend_version$'; }

if [ -e "$dest" ] && ! is_ours "$dest"; then
  echo "error: $dest exists and is not Adjoint's backend; move it away yourself if you want" \
       "Adjoint there (nothing was changed)" >&2
  exit 1
fi
if [ "$action" = uninstall ]; then
  if [ -e "$dest" ]; then $SUDO rm -f "$dest"; echo "removed $dest"; else echo "not installed: $dest"; fi
  exit 0
fi
[ -f "$built" ] || { echo "error: $built is missing: run scripts/build.sh first" >&2; exit 1; }
$SUDO install -D -m 0644 "$built" "$dest"
echo "installed $dest"
echo "build with: RUSTC_BOOTSTRAP=1 $rustc -Zautodiff=Enable -Clto=fat -O prog.rs"
