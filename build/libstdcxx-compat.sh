#!/usr/bin/env bash
# Makes TorchSharp 0.107's libLibTorchSharp.so load on systems whose libstdc++ predates
# GLIBCXX_3.4.32 (e.g. Debian 12, GCC 12). Run by the build after every copy to an output folder;
# does nothing on systems that have the symbol version, and nothing twice.
#   usage: libstdcxx-compat.sh <output-folder> <cache-folder>
set -euo pipefail
out=$1; cache=$2
[ "$(uname -s)" = Linux ] || exit 0
mapfile -t libs < <(find "$out" -name libLibTorchSharp.so -type f 2>/dev/null)
[ ${#libs[@]} -gt 0 ] || exit 0

stdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
[ -n "$stdcxx" ] || stdcxx=$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)
if [ -n "$stdcxx" ] && grep -qa 'GLIBCXX_3\.4\.32' "$stdcxx"; then exit 0; fi

shim=libneuromas_iosinit.so
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$cache"
if ! command -v patchelf >/dev/null; then
  echo "libstdcxx-compat: installing patchelf (Debian package) to patch libLibTorchSharp.so"
  if [ "$(id -u)" = 0 ]; then
    (apt-get install -y -qq patchelf >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq patchelf >/dev/null; })
  else
    sudo -n apt-get install -y -qq patchelf >/dev/null
  fi
fi
command -v patchelf >/dev/null || { echo "libstdcxx-compat: error: patchelf is needed (apt-get install patchelf)" >&2; exit 1; }
[ -f "$cache/$shim" ] || g++ -shared -fPIC -O2 -o "$cache/$shim" "$here/compat/ios_base_library_init.cpp"
[ -x "$cache/weaken_verneed" ] || gcc -O2 -o "$cache/weaken_verneed" "$here/compat/weaken_verneed.c"

for lib in "${libs[@]}"; do
  dir=$(dirname "$lib")
  cp -f "$cache/$shim" "$dir/$shim"
  if ! readelf -d "$lib" | grep -q "\[$shim\]"; then
    "$cache/weaken_verneed" "$lib" GLIBCXX_3.4.32
    patchelf --add-needed "$shim" "$lib"
    echo "libstdcxx-compat: patched $lib"
  fi
done
