#!/usr/bin/env bash
# Runs the soil-moisture station for an hour of device time on three simulated NodeMCU devices
# (44 KB heap): with its module plain, then with every function but the two per-sample ones
# injected by softmodule, flushed (code loaded for each call, dropped after) and cached (loaded
# at the first call, kept). Checks that all three print the same results and compares the heap.
#
#   examples/softmodule-app/run.sh [FLASHLUA]
#
# The binary defaults to .build/release/flashlua. HEAP=SIZE sets the heap budget (default 44k).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
flashlua="$(absolute "${1:-$root/.build/release/flashlua}")"
heap="${HEAP:-44k}"
[ -x "$flashlua" ] || { echo "run.sh: no binary at $flashlua (swift build -c release --product flashlua)" >&2; exit 1; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/softmodule-app.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

free() { sed -n "s/^heap: \([0-9]*\) bytes free $2.*/\1/p" "$tmp/$1.out"; }
for mode in plain flushed cached; do
    echo "== $mode: flashlua --device DIR --virtual-time --run-for 3700 --heap $heap"
    mkdir -p "$tmp/$mode/fs"
    cp "$here"/fs/* "$tmp/$mode/fs/"
    echo "$mode" >"$tmp/$mode/fs/mode.txt"
    timeout 120 "$flashlua" --device "$tmp/$mode" --virtual-time --run-for 3700 --heap "$heap" | tee "$tmp/$mode.out"
    grep -q '^summary:' "$tmp/$mode.out" || { echo "run.sh: the $mode station did not get through the hour" >&2; exit 1; }
    grep -v '^heap:' "$tmp/$mode.out" | grep -v '^NodeMCU' >"$tmp/$mode.results"
    echo
done
for mode in flushed cached; do
    if ! diff -u "$tmp/plain.results" "$tmp/$mode.results"; then
        echo "run.sh: the $mode station printed other results than the plain one" >&2
        exit 1
    fi
done
echo "== the same results each way; heap free (bytes of a $heap budget):"
printf '%-10s %12s %12s %12s\n' "" "module in" "after" "end of hour"
for mode in plain flushed cached; do
    printf '%-10s %12s %12s %12s\n' "$mode" "$(free "$mode" "with the station module")" \
        "$(free "$mode" "after softmodule" || true)" "$(free "$mode" "at the end")"
done
ls "$tmp/flushed/fs" | grep '\.lc$' | tr '\n' ' ' | sed 's/^/.lc files written by softmodule: /'
echo
