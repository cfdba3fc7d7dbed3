#!/usr/bin/env bash
# Runs the greenhouse node on a simulated NodeMCU device for an hour of device time (virtual
# time: it takes a second or so), first with its modules in the Lua Flash Store, then with the
# same modules as .lua files in the device's file system, checks that both print the same
# results, and compares the heap left each way.
#
#   examples/device-app/run.sh [FLASHLUAC [FLASHLUA]]
#
# The binaries default to .build/release/flashluac and .build/release/flashlua. HEAP=SIZE sets
# the devices' heap budget (default 44k, an ESP8266's).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
flashluac="$(absolute "${1:-$root/.build/release/flashluac}")"
flashlua="$(absolute "${2:-$root/.build/release/flashlua}")"
heap="${HEAP:-44k}"
for b in "$flashluac" "$flashlua"; do
    [ -x "$b" ] || { echo "run.sh: no binary at $b (swift build -c release --product flashlua / flashluac)" >&2; exit 1; }
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/device-app.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$here"

# device DIR [options]: an hour of the device in virtual time (3700 s: the hour starts a second
# after boot), bounded in real time in case something goes round in circles.
device() {
    local dir="$1"
    shift
    timeout 120 "$flashlua" --device "$dir" --virtual-time --run-for 3700 --heap "$heap" "$@"
}
# What the application printed: its log lines and the summary, without the lines about the heap
# and the file system, which differ by design.
results() { grep -E '^([0-9]{2}:){2}[0-9]{2} |^summary:' "$1" || true; }
free_after_hour() { sed -n 's/^heap: \([0-9]*\) bytes free at the end.*/\1/p' "$1"; }
free_started() { sed -n 's/^heap: \([0-9]*\) bytes free with the application running.*/\1/p' "$1"; }

echo "== flashluac -f --numbers 32 -o lfs.img lfs/*.lua"
"$flashluac" -f --numbers 32 -o "$tmp/lfs.img" lfs/*.lua
"$flashluac" --info "$tmp/lfs.img" | sed -n '2,5p'

# Device 1: its file system holds init.lua, config.txt and lfs.img. The first boot finds LFS
# empty and loads the image (the device restarts into it); the second boot runs the hour.
echo
echo "== device 1, with LFS: flashlua --device DIR --virtual-time --run-for 3700 --heap $heap"
echo "   (DIR/fs: init.lua config.txt lfs.img)"
mkdir -p "$tmp/with-lfs/fs"
cp fs/init.lua fs/config.txt "$tmp/lfs.img" "$tmp/with-lfs/fs/"
device "$tmp/with-lfs" | tee "$tmp/lfs.out"
if ! grep -q '^summary:' "$tmp/lfs.out"; then
    echo "run.sh: the application did not get through the hour from LFS" >&2
    exit 1
fi
budget="$(sed -n 's/^NodeMCU .*, heap \([0-9]*\), LFS.*/\1/p' "$tmp/lfs.out" | head -n 1)"

# Device 2: LFS stays empty; the modules are .lua files next to init.lua, so the same init.lua
# requires them from the file system and each is compiled into the heap.
echo
echo "== device 2, without LFS: the same command (DIR/fs: init.lua config.txt $(cd lfs && echo *.lua))"
mkdir -p "$tmp/without-lfs/fs"
cp fs/init.lua fs/config.txt lfs/*.lua "$tmp/without-lfs/fs/"
device "$tmp/without-lfs" >"$tmp/src.out" 2>&1 || true
compare="$tmp/src.out"
if grep -q '^summary:' "$tmp/src.out"; then
    without="$(free_after_hour "$tmp/src.out") bytes"
    started_without="$(free_started "$tmp/src.out") bytes"
    grep -E '^(init|heap|fs):' "$tmp/src.out"
else
    # It did not get through the hour: show how it ended, then run it with a bigger heap, to
    # compare its results and see what it needs.
    echo "(it did not get through the hour; the end of what it printed:)"
    tail -n 4 "$tmp/src.out" | sed 's/^/    /'
    without="ran out of memory"
    started_without="$(free_started "$tmp/src.out")"
    started_without="${started_without:+$started_without bytes}"
    started_without="${started_without:-ran out of memory}"
    echo
    echo "== device 3, without LFS with --heap 96k, to compare the results"
    mkdir -p "$tmp/big/fs"
    cp fs/init.lua fs/config.txt lfs/*.lua "$tmp/big/fs/"
    heap=96k device "$tmp/big" >"$tmp/big.out" 2>&1 || true
    grep -E '^(init|heap|fs):' "$tmp/big.out" || true
    compare="$tmp/big.out"
    big_used=$((96 * 1024 - $(free_after_hour "$tmp/big.out")))
    without="ran out of memory (in 96 KB it has $(free_after_hour "$tmp/big.out") bytes free: it uses $big_used)"
fi
if ! diff <(results "$tmp/lfs.out") <(results "$compare") >"$tmp/diff"; then
    echo "run.sh: the application printed different results with and without LFS:" >&2
    head -n 20 "$tmp/diff" >&2
    exit 1
fi
echo "(the application printed the same $(results "$compare" | wc -l) lines of results as with LFS)"

echo
echo "== heap (the budget: $budget bytes free at boot)"
echo "heap free with the application started: with LFS $(free_started "$tmp/lfs.out") bytes, without LFS $started_without"
echo "heap free after an hour:                with LFS $(free_after_hour "$tmp/lfs.out") bytes, without LFS $without"
