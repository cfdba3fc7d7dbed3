#!/usr/bin/env bash
# Softmodule end to end. behaviour.lua must print exactly what lua5.3 prints for the plain
# module (behaviour.expected, re-recorded here with lua5.3 so a drifted recording fails), with
# every function injected flushed and cached, under plain flashlua and on the device model;
# mechanics.lua checks softmodule's own promises against mechanics.expected. Each run works in a
# fresh copy (it writes .lc files).
# Usage: tests/softmodule/run.sh FLASHLUA
set -uo pipefail
FLASHLUA="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d /tmp/flashlua-softmodule-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# run NAME EXPECTED-FILE COMMAND...: runs COMMAND in a fresh copy of the test modules.
run() {
    local name="$1" expected="$2"
    shift 2
    local dir="$WORK/$name"
    mkdir -p "$dir" && cp "$HERE"/*.lua "$dir"
    if (cd "$dir" && timeout 120 "$@" >out.txt 2>&1) && diff -u "$expected" "$dir/out.txt" >"$dir/diff.txt"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        cat "$dir/diff.txt" 2>/dev/null || cat "$dir/out.txt"
    fi
}

run "lua5.3 plain (the recording)" "$HERE/behaviour.expected" lua5.3 behaviour.lua plain
for mode in plain flushed cached; do
    run "flashlua $mode" "$HERE/behaviour.expected" "$FLASHLUA" behaviour.lua "$mode"
done
run "mechanics" "$HERE/mechanics.expected" "$FLASHLUA" mechanics.lua

# On the device model (flashlua --device): the .lc files go to its file system, whose names are
# flat ("forms.lua", not "./forms.lua"); otherwise the output is the recording's. The recording
# is lua5.3's (fact(20) needs 64-bit integers), so the device computes with 64-bit numbers here;
# tests/device's sessions/softmodule runs Softmodule with the chip's 32-bit numbers.
for mode in flushed cached; do
    dir="$WORK/device-$mode"
    mkdir -p "$dir/fs" && cp "$HERE"/*.lua "$dir/fs/"
    echo "arg = { [0] = 'behaviour.lua', '$mode' } dofile('behaviour.lua')" >"$dir/fs/init.lua"
    timeout 120 "$FLASHLUA" --device "$dir" --virtual-time --heap 256k --numbers 64 2>&1 | grep -v '^NodeMCU (FlashLua device model)' \
        | sed '1{/^$/d}' >"$dir/out.txt"
    if diff -u <(sed 's|\./||g' "$HERE/behaviour.expected") "$dir/out.txt" >"$dir/diff.txt" && [ -f "$dir/fs/forms.bump.lc" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: device $mode"
        cat "$dir/diff.txt"
    fi
done

echo "softmodule: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
