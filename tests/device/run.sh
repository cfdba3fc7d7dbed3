#!/usr/bin/env bash
# The NodeMCU device model end to end: `flashlua --device DIR` booted through each path, with
# the console driven from standard input. Usage: tests/device/run.sh FLASHLUA FLASHLUAC
set -uo pipefail
FLASHLUA="$1"
FLASHLUAC="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d /tmp/flashlua-device-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# True when every non-empty line of $1 occurs, in order, as part of a line of $2.
contains_in_order() {
    local -a want have
    mapfile -t want <<<"$1"
    mapfile -t have <<<"$2"
    local i=0 line
    for line in "${have[@]}"; do
        while [ "$i" -lt "${#want[@]}" ] && [ -z "${want[$i]}" ]; do i=$((i + 1)); done
        [ "$i" -lt "${#want[@]}" ] && [[ "$line" == *"${want[$i]}"* ]] && i=$((i + 1))
    done
    while [ "$i" -lt "${#want[@]}" ] && [ -z "${want[$i]}" ]; do i=$((i + 1)); done
    [ "$i" -eq "${#want[@]}" ]
}

# check NAME EXPECTED ACTUAL: the actual output must contain every line of EXPECTED, in order.
check() {
    local name="$1" expected="$2" actual="$3"
    if contains_in_order "$expected" "$actual"
    then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        echo "--- expected (in order):"; echo "$expected"
        echo "--- actual:"; echo "$actual"
    fi
}

device() { local dir="$1"; shift; timeout 60 "$FLASHLUA" --device "$dir" --virtual-time "$@" 2>&1; echo "exit=$?"; }

# 1. A blank device: flash and file system are created; no init.lua is reported; the console works.
d="$WORK/blank"
out=$(printf 'print(node.flashsize(), file.exists("init.lua"))\n=node.getpartitiontable().lfs_addr\n' | device "$d" -i)
check "blank device" "heap 45056
lua: cannot open init.lua
> 4194304	false
> 524288
exit=0" "$out"
[ -f "$d/flash.bin" ] && [ -d "$d/fs" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: flash.bin or fs missing"; }

# 2. A failing init.lua prints its error and the device stays up at the prompt.
d="$WORK/failing"; mkdir -p "$d/fs"
echo 'print("starting") local cfg = nil print(cfg.port)' > "$d/fs/init.lua"
out=$(printf 'print("still up")\n' | device "$d" -i)
check "failing init.lua" "starting
init.lua:1: attempt to index a nil value (local 'cfg')
stack traceback:
> still up
exit=0" "$out"

# 3. init.lc boots when there is no init.lua (compiled on the device with node.compile).
d="$WORK/compiled"; mkdir -p "$d/fs"
echo 'print("hello from " .. (debug.getinfo(1, "S").short_src))' > "$d/fs/boot.lua"
out=$(printf 'node.compile("boot.lua")\nfile.rename("boot.lc", "init.lc")\nfile.remove("boot.lua")\nnode.restart()\n' | device "$d" -i)
check "init.lc after node.compile" "lua: cannot open init.lua
restarting
hello from boot.lua
exit=0" "$out"

# 4. A device that restarts itself in a loop is stopped with a message.
d="$WORK/loop"; mkdir -p "$d/fs"
echo 'print("boot") node.restart()' > "$d/fs/init.lua"
out=$(device "$d")
check "restart loop" "boot
restarting
restart loop: the device restarted 5 times within 2 s of booting; stopped
exit=1" "$out"
# ... but a restart after a while of running is an ordinary restart (once: a file marks it).
echo 'if not file.exists("again") then file.putcontents("again", "1") tmr.create():alarm(5000, tmr.ALARM_SINGLE, node.restart) else print("second boot") end' > "$d/fs/init.lua"
out=$(device "$d")
check "late restart" "restarting
second boot
exit=0" "$out"

# 5. Timers on virtual time: an hour of a 1 s timer and a 60 s timer, in order, at once.
d="$WORK/timers"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local ticks, minutes = 0, 0
local fast = tmr.create()
fast:alarm(1000, tmr.ALARM_AUTO, function() ticks = ticks + 1 end)
tmr.create():alarm(60000, tmr.ALARM_AUTO, function(t)
  minutes = minutes + 1
  -- the 3,600th tick is due at the same moment as the 60th minute: either may come first
  if minutes == 60 then t:unregister() fast:unregister() print("hour", ticks >= 3599, minutes, tmr.time()) end
end)
LUA
out=$(device "$d")
check "hour of timers" "hour	true	60	3600
exit=0" "$out"

# 6. A full file system: writes fail as on the device (nil), fsinfo shows it, the device goes on.
d="$WORK/full"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
if node.getpartitiontable().spiffs_size > 65536 then
  local p = node.getpartitiontable()
  node.setpartitiontable{spiffs_addr = p.spiffs_addr, spiffs_size = 65536}
end
local chunk = string.rep("x", 4096)
local n = 0
while file.putcontents("f" .. n, chunk) do n = n + 1 end
local remaining, used, total = file.fsinfo()
print("files", n, "total", total, "remaining < 4096", remaining < 4096)
print("append fails", file.open("f0", "a"):write(chunk))
LUA
out=$(device "$d")
check "full file system" "restarting
files	13	total	57344	remaining < 4096	true
append fails	nil
exit=0" "$out"

# 7. A partition change: checked (a misaligned table is an error and nothing changes), applied at
#    the restart, LFS moves (and is empty until reloaded).
d="$WORK/partition"; mkdir -p "$d/fs"
out=$(printf 'print(pcall(node.setpartitiontable, {lfs_addr = 0x80100}))\n=node.getpartitiontable().lfs_addr\nnode.setpartitiontable{lfs_addr = 0xC0000, lfs_size = 0x40000}\n=node.getpartitiontable().lfs_addr, node.getpartitiontable().lfs_size, node.LFS.config.base\n' | device "$d" -i)
check "partition change" "false	invalid partition table:
> 524288
restarting
> 786432	262144	786432
exit=0" "$out"

# 8. LFS reload from the device prompt: a bad image is refused and nothing changes; a good one
#    restarts the device into it; init.lua then uses its modules.
d="$WORK/reload"; mkdir -p "$d/fs"
echo 'local M = {} function M.hello(n) return "hello " .. n end return M' > "$WORK/greet.lua"
"$FLASHLUAC" -f -o "$d/fs/lfs.img" "$WORK/greet.lua"
printf 'not an image' > "$d/fs/bad.img"
echo 'if node.LFS.greet then print(node.LFS.greet().hello("device")) end' > "$d/fs/init.lua"
out=$(printf '=node.LFS.reload("bad.img")\n=#node.LFS.list()\nnode.LFS.reload("lfs.img")\n=node.LFS.list()[1], require("greet").hello("console")\n' | device "$d" -i)
check "reload from the prompt" "bad.img: not an LFS image
> 0
restarting
hello device
> greet	hello console
exit=0" "$out"

# 9. The heap budget: 44 KB as on an ESP8266; a program that needs more fails as on the chip.
d="$WORK/heap"; mkdir -p "$d/fs"
echo 'local t = {} local ok, err = pcall(function() for i = 1, 1e6 do t[i] = {i} end end) print(ok, err) t = nil collectgarbage() print(node.heap() > 40000)' > "$d/fs/init.lua"
out=$(device "$d")
check "heap budget" "false	not enough memory
true
exit=0" "$out"
out=$(device "$d" --heap 200k)
check "bigger heap" "heap 204800
false	not enough memory
exit=0" "$out"

# 9b. The collector's pause counts the program's bytes, not the libraries (NodeMCU's are in
#     ROM): a loop making garbage sees regular collections, so node.heap() stays near its top.
d="$WORK/gc"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local n, lowest = 0, node.heap()
tmr.create():alarm(10, tmr.ALARM_AUTO, function(t)
  n = n + 1
  local garbage = {}
  for i = 1, 20 do garbage[i] = {i} end
  lowest = math.min(lowest, node.heap())
  if n == 2000 then t:unregister() print("lowest free heap above 36 KB", lowest > 36 * 1024) end
end)
LUA
out=$(device "$d")
check "regular collections on a device" "lowest free heap above 36 KB	true
exit=0" "$out"

# 10. Closed file objects are freed: their finalizers, queued by the emergency collections that
#     a full 44 KB heap gets, run at the next safe point, so a thousand file.open/close do not
#     fill the heap with closed handles.
d="$WORK/handles"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local n, failed = 0, 0
tmr.create():alarm(10, tmr.ALARM_AUTO, function(t)
  n = n + 1
  if not pcall(function() local f = file.open("x.txt", "w") f:write("x") f:close() end) then failed = failed + 1 end
  if n == 3000 then t:unregister() print("opened and closed", n, "failed", failed) end
end)
LUA
out=$(device "$d")
check "closed file objects are freed" "opened and closed	3000	failed	0
exit=0" "$out"

# 11. --run-for counts the device's time across restarts: a device that restarts every 5 s runs
#     three boots in 12 s instead of forever.
d="$WORK/runfor"; mkdir -p "$d/fs"
echo 'print("boot") tmr.create():alarm(5000, tmr.ALARM_SINGLE, node.restart)' > "$d/fs/init.lua"
out=$(device "$d" --run-for 12)
check "--run-for across restarts" "boot
restarting
boot
restarting
boot
exit=0" "$out"
[ "$(grep -c '^boot' <<<"$out")" = 3 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: --run-for: $(grep -c '^boot' <<<"$out") boots, 3 expected"; }

# 12. Recorded console sessions: each sessions/NAME.in typed at the prompt must print NAME.out.
for input in "$HERE"/sessions/*.in; do
    name="$(basename "$input" .in)"
    d="$WORK/session-$name"; mkdir -p "$d/fs"
    [ -d "$HERE/sessions/$name.fs" ] && cp -r "$HERE/sessions/$name.fs/." "$d/fs/"
    actual=$(timeout 60 "$FLASHLUA" --device "$d" --virtual-time -i < "$input" 2>&1)
    if [ "$actual" == "$(cat "$HERE/sessions/$name.out")" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: session $name"
        diff <(echo "$actual") "$HERE/sessions/$name.out" | head -20
    fi
done

echo "device: $passed passed, $failed failed"
[ "$failed" = 0 ]
