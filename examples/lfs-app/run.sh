#!/usr/bin/env bash
# Builds the example's Lua Flash Store image and runs the application from it in a 44 KB heap,
# then from the source files for comparison, and prints the heap each way needs.
#
#   examples/lfs-app/run.sh [FLASHLUAC [FLASHLUA]]
#
# The binaries default to .build/release/flashluac and .build/release/flashlua.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
flashluac="$(absolute "${1:-$root/.build/release/flashluac}")"
flashlua="$(absolute "${2:-$root/.build/release/flashlua}")"
for b in "$flashluac" "$flashlua"; do
    [ -x "$b" ] || { echo "run.sh: no binary at $b (swift build -c release --product flashlua / flashluac)" >&2; exit 1; }
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/lfs-app.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$here"

echo "== flashluac -f -o lfs.img lfs/*.lua"
"$flashluac" -f -o "$tmp/lfs.img" lfs/*.lua
"$flashluac" --info "$tmp/lfs.img" | sed -n '2,5p'

echo
echo "== flashlua --heap 44k --lfs lfs.img main.lua"
"$flashlua" --heap 44k --lfs "$tmp/lfs.img" main.lua | tee "$tmp/lfs.out"

echo
echo "== the same application from its source files (flashlua main.lua)"
if "$flashlua" --heap 44k main.lua >"$tmp/src44.out" 2>"$tmp/src44.err"; then
    fits44="fits in 44 KB"
else
    fits44="does not fit in 44 KB: $(head -n 1 "$tmp/src44.err")"
fi
"$flashlua" main.lua >"$tmp/src.out"
# Both runs must print the same, apart from the lines about the mode and the heap.
strip() { grep -v -e '^mode:' -e '^heap:' -e '^strings:' "$1"; }
if ! diff <(strip "$tmp/lfs.out") <(strip "$tmp/src.out") >"$tmp/diff"; then
    echo "run.sh: the application printed different results from LFS and from source:" >&2
    head -n 20 "$tmp/diff" >&2
    exit 1
fi
echo "(same results as from LFS)"
grep -e '^mode:' -e '^heap:' "$tmp/src.out"
echo "with --heap 44k: $fits44"

echo
echo "== heap in use"
heap() { sed -n 's/^heap: .* \([0-9.]*\) KB with the application loaded, \([0-9.]*\) KB at the end$/\1 \2/p' "$1"; }
read -r lfs_loaded lfs_end < <(heap "$tmp/lfs.out")
read -r src_loaded src_end < <(heap "$tmp/src.out")
printf '%-34s %10s %10s\n' "" "from LFS" "from source"
printf '%-34s %7s KB %7s KB\n' "application loaded" "$lfs_loaded" "$src_loaded"
printf '%-34s %7s KB %7s KB\n' "after six simulated hours + HTTP" "$lfs_end" "$src_end"
