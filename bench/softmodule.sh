#!/usr/bin/env bash
# Softmodule figures: what a 20-function NodeMCU-style module (bench/softmodule/weather.lua)
# takes in the heap plain, with every function injected flushed (code loaded per call) or
# cached (loaded at the first call), before and after calls and after unloadModule; what each
# function's code and its stub take; the free heap of a simulated 44 KB ESP8266 running the
# module each way; and what a call costs in each mode against a plain call.
# Prints one Markdown report (also written to bench/results/softmodule.md).
#
#   bench/softmodule.sh [--runs N] [--rev REV]
#
#   --runs N     processes of the timing script, medians taken (default 3; 9 rounds each)
#   --rev REV    build flashlua from commit REV (git archive into .build-bench/rev-src)
#                instead of the working tree
#   FLASHLUA=path   use this binary instead of building
#
# Without FLASHLUA it builds with `swift build -c release --scratch-path .build-bench` (the
# scratch path bench/run.sh and bench/lfs.sh use). Heap figures come from
# bench/softmodule/measure.lua, one process per mode, under both heap models: plain `flashlua`
# (FlashLua's native 64-bit layout) and `flashlua --device DIR` (NodeMCU's 32-bit Lua 5.3 on an
# ESP8266, docs/HEAP-MODEL.md). Timings are ratios to a plain call of the same function in the
# same round of the same process. Takes about a minute after the build.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SMDIR="$ROOT/bench/softmodule"
RESULTS="$ROOT/bench/results/softmodule.md"
runs=3
rev=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift ;;
        --rev) rev="$2"; shift ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "softmodule.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
source "$(dirname "$0")/tools.sh"
need_tools softmodule.sh "timeout:coreutils"

# ---------------------------------------------------------------- binary
if [ -n "${FLASHLUA:-}" ]; then
    [ -n "$rev" ] && { echo "softmodule.sh: give either FLASHLUA or --rev" >&2; exit 2; }
    built="binary $FLASHLUA"
else
    build_for_bench softmodule.sh "$rev" flashlua
    built="$BENCH_BUILT"
    FLASHLUA="$BENCH_BIN/flashlua"
fi
case "$FLASHLUA" in /*) ;; *) FLASHLUA="$PWD/$FLASHLUA" ;; esac
[ -x "$FLASHLUA" ] || { echo "softmodule.sh: no binary at $FLASHLUA" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/flashlua-softmodule-bench.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "softmodule.sh: $*" >&2; exit 1; }
# awk helpers: g(n) groups digits (12,345), u(s) undoes it
AWKGROUP='function g(n,  s, o) { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } return s o }
function u(s) { gsub(/[ ,]/, "", s); return s + 0 }
'

# ---------------------------------------------------------------- native (plain flashlua)
# From inside the copy with LUA_PATH=./?.lua: short chunk names as on a device, and the .lc
# files next to the module. wcached.lua and wflushed.lua are the module again under other
# names, for the timing script's three modes in one process.
N="$TMP/native"
mkdir -p "$N"
cp "$SMDIR"/*.lua "$N/"
cp "$N/weather.lua" "$N/wcached.lua"
cp "$N/weather.lua" "$N/wflushed.lua"
native() { (cd "$N" && LUA_PATH="./?.lua" timeout 120 "$FLASHLUA" measure.lua "$@"); }

echo "== check: the same results plain, cached and flushed (native)"
native check >"$TMP/check-native.txt" 2>&1
grep -qx 'check ok' "$TMP/check-native.txt" || { cat "$TMP/check-native.txt" >&2; fail "check failed (native)"; }

echo "== heap, native model"
: >"$TMP/heap-native.txt"
for mode in plain cached flushed; do
    rm -f "$N"/*.lc
    native heap "$mode" >>"$TMP/heap-native.txt" 2>&1 || { cat "$TMP/heap-native.txt" >&2; fail "heap $mode failed (native)"; }
done
rm -f "$N"/*.lc
native stubs >"$TMP/stubs-native.txt" 2>&1 || { cat "$TMP/stubs-native.txt" >&2; fail "stubs failed (native)"; }

# ---------------------------------------------------------------- device model
# One simulated device for every run (its flash and files persist); init.lua is rewritten for
# each job, so each is a fresh boot. The measuring runs get a 256 KB budget (measure.lua itself
# takes about 23 KB of the device's heap); boot.lua runs in the default 44 KB, where a step that
# does not fit is reported as such.
D="$TMP/device"
mkdir -p "$D/fs"
cp "$SMDIR/weather.lua" "$SMDIR/measure.lua" "$SMDIR/boot.lua" "$D/fs/"
device() { # INIT-LINE [options]: boot with this init.lua; prints what the device printed
    local line="$1"; shift
    rm -f "$D"/fs/*.lc
    echo "$line" >"$D/fs/init.lua"
    timeout 120 "$FLASHLUA" --device "$D" --virtual-time "$@" 2>&1
}
echo "== check and heap, device model"
device "assert(loadfile('measure.lua'))('check')" --heap 256k >"$TMP/check-device.txt"
grep -qx 'check ok' "$TMP/check-device.txt" || { cat "$TMP/check-device.txt" >&2; fail "check failed (device)"; }
: >"$TMP/heap-device.txt"
for mode in plain cached flushed; do
    device "assert(loadfile('measure.lua'))('heap', '$mode')" --heap 256k >"$TMP/out.txt"
    grep -q "^heap $mode unload " "$TMP/out.txt" || { cat "$TMP/out.txt" >&2; fail "heap $mode failed (device)"; }
    grep '^heap ' "$TMP/out.txt" >>"$TMP/heap-device.txt"
done
device "assert(loadfile('measure.lua'))('stubs')" --heap 256k >"$TMP/out.txt"
grep '^stub ' "$TMP/out.txt" >"$TMP/stubs-device.txt"
[ "$(wc -l <"$TMP/stubs-device.txt")" -eq 20 ] || { cat "$TMP/out.txt" >&2; fail "stubs failed (device)"; }
budget=""
: >"$TMP/boot.txt"
for mode in plain cached flushed; do
    device "assert(loadfile('boot.lua'))('$mode')" >"$TMP/out.txt"
    [ -n "$budget" ] || budget="$(sed -n 's/^NodeMCU .*, heap \([0-9]*\), LFS.*/\1/p' "$TMP/out.txt" | head -n 1)"
    grep '^boot ' "$TMP/out.txt" >>"$TMP/boot.txt"
    grep -q "^boot $mode hour " "$TMP/out.txt" || echo "   ($mode: $(grep "^boot $mode .*failed" "$TMP/out.txt" || tail -n 1 "$TMP/out.txt"))"
done

# ---------------------------------------------------------------- call cost
echo "== call cost, $runs processes"
: >"$TMP/time.txt"
for ((r = 1; r <= runs; r++)); do
    rm -f "$N"/*.lc
    native time 9 >"$TMP/out.txt" 2>&1 || { cat "$TMP/out.txt" >&2; fail "time failed"; }
    cat "$TMP/out.txt" >>"$TMP/time.txt"
done

# ---------------------------------------------------------------- report
# heap FILE MODE STAGE -> bytes; over FILE MODE STAGE -> bytes over that mode's base
heap() { awk -v m="$2" -v s="$3" '$1 == "heap" && $2 == m && $3 == s { print $4; exit }' "$1"; }
over() { local v b; v="$(heap "$1" "$2" "$3")"; b="$(heap "$1" "$2" base)"; [ -n "$v" ] && [ -n "$b" ] && echo $((v - b)); }
cell() { local v; v="$(over "$@")"; [ -n "$v" ] && group "$v" || echo "—"; }
boot() { awk -v m="$1" -v s="$2" '$1 == "boot" && $2 == m && $3 == s { $1 = $2 = $3 = ""; sub(/^ +/, ""); print; exit }' "$TMP/boot.txt"; }
bootcell() { local v; v="$(boot "$1" "$2")"; case "$v" in ''|failed*) echo "${v:-—}" ;; *) group "$v" ;; esac; }
# median ratio of function $1 in mode $2: two decimals, none from 10 up
timing() {
    awk -v f="$1" -v m="$2" '$1 == "time" && $2 == f && $3 == m { print $4 }' "$TMP/time.txt" | median \
        | awk '{ printf ($1 >= 10 ? "%.0f" : "%.2f"), $1 }'
}
about() { sed -n "s/^about $1 //p" "$TMP/time.txt" | head -n 1; }
H_N="$TMP/heap-native.txt"; H_D="$TMP/heap-device.txt"
src_lines=$(wc -l <"$SMDIR/weather.lua" | tr -d ' ')
src_bytes=$(wc -c <"$SMDIR/weather.lua" | tr -d ' ')

out="$TMP/softmodule.md"
{
    echo "FlashLua $built; $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $(nproc 2>/dev/null || echo '?') cores."
    echo "Module: bench/softmodule/weather.lua, a weather station in the NodeMCU manner (BME280 compensation, derived"
    echo "quantities, ring-buffer statistics, alarms, JSON, HTTP request, LCD lines, CRC), 20 functions, $src_lines lines,"
    echo "$(group "$src_bytes") bytes, required from source. \"native\": plain \`flashlua\` (FlashLua's 64-bit layout);"
    echo "\"device\": \`flashlua --device\` (NodeMCU's 32-bit Lua 5.3 on an ESP8266, docs/HEAP-MODEL.md)."
    echo
    echo "**a. Heap over the baseline** (bytes, \`collectgarbage(\"count\")\` after two full collections; one process per"
    echo "mode; \"injected\" = all 20 functions injected with gencode = true)"
    echo
    echo "| stage | native plain | native cached | native flushed | device plain | device cached | device flushed |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    row() { # label stage
        local line="| $1 |" f m v
        for f in "$H_N" "$H_D"; do
            for m in plain cached flushed; do
                if [ "$2" = inj ] && [ "$m" = plain ]; then line="$line — |"; else line="$line $(cell "$f" "$m" "$2") |"; fi
            done
        done
        echo "$line"
    }
    row 'require "weather"' req
    row "all functions injected" inj
    row "every function called once" call1
    row "... and once more" call2
    row "after sm.unloadModule" unload
    echo
    echo "(What stays after unloadModule in the device model is the string table's bucket array, grown for the module's"
    echo "strings; the native model does not count the string table.)"
    echo
    echo "Baseline: $(group "$(heap "$H_N" plain base)") bytes native, $(group "$(heap "$H_D" plain base)") device (the interpreter, \`require \"softmodule\"\` and"
    echo "bench/softmodule/measure.lua); the softmodule library itself takes $(group "$(heap "$H_N" plain library)") bytes native, $(group "$(heap "$H_D" plain library)") device."
    for f in "$H_N" "$H_D"; do
        [ "$f" = "$H_N" ] && model=native || model=device
        req=$(over "$f" plain req); inj=$(over "$f" flushed inj)
        state=$(( $(over "$f" plain call1) - req ))
        left_f=$(( $(over "$f" flushed call1) - inj - state ))
        left_c=$(( $(over "$f" cached call1) - $(over "$f" plain call1) ))
        echo "$model: injecting keeps $(ratio "$inj" "$req") of the module's heap (saves $(group $((req - inj))) bytes); the first calls leave $(group "$state") bytes"
        echo "of module state in every mode (plain: call1 - require); flushed code left in RAM after the calls: $(group "$left_f") bytes;"
        echo "cached after the calls against plain after the calls: $(group "$left_c") bytes."
    done
    echo
    echo "**b. Per function** (code = heap its code takes when loaded: \`loadfile\` of its .lc minus the main closure and"
    echo "upvalues loadfile adds; saved = heap freed by injecting it alone into a freshly required module; stub = code - saved)"
    echo
    echo "| function | lines | upvalues | .lc bytes | native code | native saved | native stub | device code | device saved | device stub |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    LC_ALL=C join -j 2 <(LC_ALL=C sort -k2,2 "$TMP/stubs-native.txt") <(LC_ALL=C sort -k2,2 "$TMP/stubs-device.txt") \
        | awk "$AWKGROUP"'{ printf "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n", $1, $3, $4, g($5), g($6), g($7), g($6 - $7), g($12), g($13), g($12 - $13) }' \
        >"$TMP/stubs-table.txt"
    cat "$TMP/stubs-table.txt"
    awk -F'|' "$AWKGROUP"'{ l += $3; lc += u($5); nc += u($6); ns += u($7); dc += u($9); ds += u($10) } END {
        printf "| **all 20** | %d | | %s | %s | %s | %s | %s | %s | %s |\n", l, g(lc), g(nc), g(ns), g(nc - ns), g(dc), g(ds), g(dc - ds) }' "$TMP/stubs-table.txt"
    echo
    spread() { # column of the table -> "min-max (median M)"
        awk -F'|' -v c="$1" "$AWKGROUP"'{ print u($c) }' "$TMP/stubs-table.txt" | sort -n \
            | awk '{ v[NR] = $1 } END { if (v[1] == v[NR]) printf "%d", v[1]; else printf "%d-%d (median %d)", v[1], v[NR], v[int((NR + 1) / 2)] }'
    }
    echo "A stub takes $(spread 8) bytes native, $(spread 11) device: a prototype header with no code, constants or"
    echo "upvalue descriptors, and a trailer naming the .lc file by two shared strings (the module's base name and the"
    echo "function's key); it does not grow with the function's code or upvalues."
    echo
    echo "**c. A simulated ESP8266** (\`flashlua --device DIR --virtual-time\`, $(group "${budget:-0}") bytes of heap after boot; boot.lua as"
    echo "an application would: \`require \"softmodule\"\`, require the module, inject, then measuring cycles (configure, read,"
    echo "keep, alarms, display, upload: all 20 functions); free heap, \`node.heap()\` after a full collection)"
    echo
    echo "| step | plain | cached | flushed |"
    echo "|---|---:|---:|---:|"
    for step in start require inject cycle hour; do
        label="$step"
        [ "$step" = start ] && label="boot: boot.lua and softmodule loaded"
        [ "$step" = require ] && label='require "weather"'
        [ "$step" = inject ] && label="all functions injected"
        [ "$step" = cycle ] && label="after one measuring cycle"
        [ "$step" = hour ] && label="after 59 more (an hour of samples)"
        echo "| $label | $(bootcell plain "$step") | $(bootcell cached "$step") | $(bootcell flushed "$step") |"
    done
    echo
    echo "**d. Cost of a call** (native; time per call in the mode / time per plain call of the same function, same round;"
    echo "median over $runs processes x 9 interleaved rounds, each batch at least 25 ms; all 20 functions injected, so a"
    echo "function's calls of other module functions are soft calls too)"
    echo
    echo "| function | what | cached / plain | flushed / plain |"
    echo "|---|---|---:|---:|"
    for f in c_to_f comp_press encode reading; do
        echo "| $f | $(about "$f") | $(timing "$f" cached) | **$(timing "$f" flushed)** |"
    done
    echo
    echo "For scale: \`loadfile\` of comp_press's .lc ($(sed -n 's/^lcsize comp_press //p' "$TMP/time.txt" | head -n 1) bytes) takes $(timing comp_press loadfile) plain calls of comp_press; a flushed call"
    echo "reads, checksums, undumps and lays out the same file, then runs the function."
} >"$out"
echo
cat "$out"
mkdir -p "$(dirname "$RESULTS")"
cp "$out" "$RESULTS"
echo
echo "== written to bench/results/softmodule.md"
