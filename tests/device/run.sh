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

# same_output NAME EXPECTED ACTUAL: the actual output must be EXPECTED exactly (and not empty).
same_output() {
    local name="$1" expected="$2" actual="$3"
    if [ -n "$expected" ] && [ "$expected" == "$actual" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        diff <(echo "$expected") <(echo "$actual") | head -20
    fi
}

device() { local dir="$1"; shift; timeout 60 "$FLASHLUA" --device "$dir" --virtual-time "$@" 2>&1; echo "exit=$?"; }

# 1. A blank device: flash and file system are created; no init.lua is reported; the console works.
d="$WORK/blank"
out=$(printf 'print(node.flashsize(), file.exists("init.lua"))\n=node.getpartitiontable().lfs_addr\n' | device "$d" -i)
check "blank device" "heap 45056
cannot open init.lua: 
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
check "init.lc after node.compile" "cannot open init.lua: 
restarting
hello from boot.lua
exit=0" "$out"

# 4. A device that restarts itself in a loop is stopped with a message.
d="$WORK/loop"; mkdir -p "$d/fs"
echo 'print("boot") node.restart()' > "$d/fs/init.lua"
out=$(device "$d")
check "restart loop" "boot
restarting
restart loop: the device asked to restart 5 times in a row within 2 s of booting; stopped
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
"$FLASHLUAC" -f --numbers 32 -o "$d/fs/lfs.img" "$WORK/greet.lua"
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

# 12. NodeMCU's Lua, not Debian's. The names below are the firmware's (../shared/nodemcu/app/lua53):
#     linit.c opens base, package, string, table, debug, coroutine, math, utf8 (io and os only in
#     the luac.cross host build); lbaselib.c's base_func with LUA_COMPAT_LOADSTRING and
#     LUA_COMPAT_UNPACK (luaconf.h), plus _G/_VERSION (luaopen_base) and package/require
#     (luaopen_package); node, file, tmr are this device's modules. The firmware resolves
#     the library names through _G's metatable (its ROM table, also the global ROM); FlashLua
#     keeps them in _G itself and has no ROM, so the check is on what a name reaches.
d="$WORK/libraries"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local function keys(t) local r = {} for k in pairs(t) do r[#r + 1] = k end table.sort(r) return table.concat(r, " ") end
print("globals: " .. keys(_G))
print("math: " .. keys(math))
print("package: " .. keys(package))
print("path", package.path, package.loaders == package.searchers)
print("absent", io, os, bit32, math.pow, math.atan2, math.log10, math.ldexp, package.loadlib, package.cpath)
print("require io", (pcall(require, "io")), (pcall(require, "os")))
LUA
out=$(device "$d")
# lmathlib.c's mathlib ROTable without LUA_COMPAT_MATHLIB; loadlib.c's pk_funcs with
# LUA_NODEMCU_NOCLOADERS and LUA_COMPAT_LOADERS; luaconf.h's LUA_PATH_DEFAULT.
check "NodeMCU's library set" "globals: _G _VERSION assert bit collectgarbage coroutine debug dofile encoder error file getmetatable ipairs load loadfile loadstring math next node package pairs pcall print rawequal rawget rawlen rawset require select setmetatable string table tmr tonumber tostring type unpack utf8 xpcall
math: abs acos asin atan ceil cos deg exp floor fmod huge log max maxinteger min mininteger modf pi rad random randomseed sin sqrt tan tointeger type ult
package: config loaded loaders path preload searchers searchpath
path	?.lc;?.lua	true
absent	nil	nil	nil	nil	nil	nil	nil	nil	nil
require io	false	false
exit=0" "$out"

# 13. The compat functions: unpack (luaB_unpack calls table.unpack), loadstring (the same function
#     as load), package.loaders, ipairs without __ipairs (no LUA_COMPAT_IPAIRS), and a module
#     found as "?.lc" before "?.lua".
d="$WORK/compat"; mkdir -p "$d/fs"
echo 'return "from lua"' > "$d/fs/both.lua"
cat > "$d/fs/init.lua" <<'LUA'
print("unpack", unpack({1, 2, 3}))
print("unpack", select("#", unpack({}, 1, 3)), unpack({1, 2, 3}, 2))
print("loadstring", loadstring == load, loadstring("return 6 * 7")(), loadstring("x = ")) 
local n = 0
for _ in ipairs(setmetatable({10, 20}, {__ipairs = function() error("__ipairs used") end})) do n = n + 1 end
print("ipairs", n)
package.loaders[#package.loaders + 1] = function(name) return function() return "loader " .. name end end
print("loaders", require("virtual"))
file.putcontents("both.lc", string.dump(function() return "from lc" end))
print("path order", require("both"))
-- lauxlib.c on the chip: strerror(n) is "", so a missing file is "cannot open NAME: ".
print("missing", select(2, pcall(dofile, "missing.lua")) .. "|")
print("missing", select(2, loadfile("missing.lua")) .. "|")
LUA
out=$(device "$d")
check "compat functions" "unpack	1	2	3
unpack	3	2	3
loadstring	true	42	nil	[string \"x = \"]:1: unexpected symbol near <eof>
ipairs	2
loaders	loader virtual
path order	from lc
missing	cannot open missing.lua: |
missing	cannot open missing.lua: |
exit=0" "$out"

# 13b. NodeMCU's interpreter as the reference: nodemcu/baselib.lua (base, string, table, math,
#      utf8, package without io/os/LFS) prints the same under `luac.cross -e` (NodeMCU's
#      lua53 on the host, the ESP8266's 32-bit numbers as the device's) as on the device.
#      LUAC_CROSS=path, else the one scripts/build-luac-cross.sh builds (built here if missing).
cross="${LUAC_CROSS:-}"
if [ -z "$cross" ]; then
    cross="$(bash "$HERE/../../scripts/build-luac-cross.sh")/luac.cross"
fi
# device_as_cross NAME: nodemcu/NAME.lua as the device's init.lua prints what `$cross -e` prints.
device_as_cross() {
    local name="$1" d="$WORK/$1"
    mkdir -p "$d/fs" "$WORK/$name-cross"
    cp "$HERE/nodemcu/$name.lua" "$d/fs/init.lua"
    cp "$HERE/nodemcu/$name.lua" "$WORK/$name-cross/init.lua"
    same_output "nodemcu/$name.lua differs from luac.cross -e" \
        "$(cd "$WORK/$name-cross" && "$cross" -e init.lua 2>&1)" "$(device "$d" | sed '1,2d;$d')"
}
device_as_cross baselib

# 13c. NodeMCU's bit module (nodemcu/bitstruct.lua): same output as `luac.cross -e` (the `$cross`
#      of 13b), every function with edge cases and error messages.
device_as_cross bitstruct

# 13d. NodeMCU's encoder module (encoder.c): nodemcu/encoder.lua prints encoder.expected
#      (written by nodemcu/encoder_expected.py from Python's base64/binascii).
d="$WORK/encoder"; mkdir -p "$d/fs"
cp "$HERE/nodemcu/encoder.lua" "$d/fs/init.lua"
same_output "nodemcu/encoder.lua differs from nodemcu/encoder.expected" \
    "$(cat "$HERE/nodemcu/encoder.expected")" "$(device "$d" | sed '1,2d;$d')"

# 14. An uncaught error in a callback, by default (node.c default_onerror): the report
#     (debug.traceback(message, 2), lauxlib.c errhandler) is printed and the device restarts 2 s
#     after the first error of the boot; later errors are printed and do not move the restart.
#     A file counts the boots.
d="$WORK/onerror-default"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local boots = (tonumber((file.getcontents("boots"))) or 0) + 1
file.putcontents("boots", tostring(boots))
print("boot", boots)
tmr.create():alarm(500, tmr.ALARM_SINGLE, function() error("tick failed") end)
tmr.create():alarm(1500, tmr.ALARM_SINGLE, function() local cfg = nil print(cfg.port) end)
tmr.create():alarm(2400, tmr.ALARM_SINGLE, function() print("before the restart", tmr.now() // 1000) end)
tmr.create():alarm(2600, tmr.ALARM_SINGLE, function() print("after the restart time") end)
LUA
out=$(device "$d" --run-for 4)
check "uncaught callback error: print, then restart" "boot	1
init.lua:4: tick failed
stack traceback:
	[C]: in function 'error'
	init.lua:4: in function <init.lua:4>
init.lua:5: attempt to index a nil value (local 'cfg')
before the restart	2400
restarting
boot	2
init.lua:4: tick failed
exit=0" "$out"
[ "$(grep -c 'after the restart time' <<<"$out")" = 0 ] && [ "$(grep -c '^restarting' <<<"$out")" = 1 ] \
    && [ "$(cat "$d/fs/boots")" = 2 ] && passed=$((passed + 1)) \
    || { failed=$((failed + 1)); echo "FAIL: default onerror: one restart at 2.5 s expected"; echo "$out"; }

# 15. node.setonerror(f): f gets the report (a string with the traceback; a table error object
#     untouched, as debug.traceback returns it) and the device does not restart; an error in a
#     posted task is reported the same way; node.setonerror() restores the default.
d="$WORK/onerror-handler"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
local boots = (tonumber((file.getcontents("boots"))) or 0) + 1
file.putcontents("boots", tostring(boots))
print("boot", boots)
node.setonerror(function(report)
  if type(report) == "table" then print("handler: table", report.code) return end
  print("handler: " .. report:gsub("\n.*", "") .. " | " .. select(2, report:gsub("\n", "")) .. " more lines")
end)
tmr.create():alarm(100, tmr.ALARM_SINGLE, function() error("tick failed") end)
tmr.create():alarm(200, tmr.ALARM_SINGLE, function() error({code = 7}) end)
node.task.post(function() error("task failed", 0) end)
tmr.create():alarm(5000, tmr.ALARM_SINGLE, function() print("still up", tmr.now() // 1000) node.setonerror() error("default again") end)
LUA
out=$(device "$d" --run-for 10)
check "node.setonerror handler, no restart" "boot	1
handler: task failed | 3 more lines
handler: init.lua:8: tick failed | 3 more lines
handler: table	7
still up	5000
init.lua:11: default again
restarting
boot	2
exit=0" "$out"
[ "$(grep -c '^restarting' <<<"$out")" = 1 ] && passed=$((passed + 1)) \
    || { failed=$((failed + 1)); echo "FAIL: setonerror: one restart (after node.setonerror()) expected"; }

# 15b. docs/modules/node.md's example: the handler prints and restarts at once (no 2 s wait).
d="$WORK/onerror-doc"; mkdir -p "$d/fs"
cat > "$d/fs/init.lua" <<'LUA'
if file.exists("restarted") then print("rebooted") return end
file.putcontents("restarted", "1")
node.setonerror(function(s)
    print("Error: "..s)
    node.restart()
  end)
tmr.create():alarm(300, tmr.ALARM_SINGLE, function() error("sensor gone") end)
tmr.create():alarm(1000, tmr.ALARM_SINGLE, function() print("not reached") end)
LUA
out=$(device "$d")
check "node.md's setonerror example" "Error: init.lua:7: sensor gone
stack traceback:
restarting
rebooted
exit=0" "$out"
[ "$(grep -c 'not reached' <<<"$out")" = 0 ] && passed=$((passed + 1)) \
    || { failed=$((failed + 1)); echo "FAIL: the handler's node.restart did not restart at once"; }

# 16. A callback that fails at every boot restarts the device every 2 s, as on the chip; this
#     model stops it after 5 restarts asked for within 2 s of booting.
d="$WORK/error-loop"; mkdir -p "$d/fs"
echo 'print("boot") tmr.create():alarm(100, tmr.ALARM_SINGLE, function() error("fails every boot") end)' > "$d/fs/init.lua"
out=$(device "$d")
check "restart loop from callback errors" "boot
init.lua:1: fails every boot
restarting
boot
restart loop: the device asked to restart 5 times in a row within 2 s of booting; stopped
exit=1" "$out"

# 17. Errors at boot and at the console do not restart (lua.c: init.lua runs through docall and
#     its error is printed; console lines too): the device goes on with its timers.
d="$WORK/boot-error"; mkdir -p "$d/fs"
echo 'tmr.create():alarm(3000, tmr.ALARM_SINGLE, function() print("alive", tmr.now() // 1000) end) error("boot failed")' > "$d/fs/init.lua"
out=$(printf 'error("typed")\nprint("prompt still up")\n' | device "$d" -i)
check "errors at boot and at the console" "init.lua:1: boot failed
stack traceback:
> Lua error: 	stdin:1: typed
> prompt still up
alive	3000
exit=0" "$out"
[ "$(grep -c '^restarting' <<<"$out")" = 0 ] && passed=$((passed + 1)) \
    || { failed=$((failed + 1)); echo "FAIL: an error at boot or at the console restarted the device"; }

# 17a. pmain prints init.lua's error as msghandler left it: a table error object untouched.
d="$WORK/boot-table-error"; mkdir -p "$d/fs"
echo 'error({})' > "$d/fs/init.lua"
out=$(device "$d")
check "a table error object at boot" "table: 0x
exit=0" "$out"

# 17b. But a task posted from the console is a callback: its error is reported before the next
#      line runs (the report is a high-priority task), and the device restarts 2 s later.
d="$WORK/console-task"; mkdir -p "$d/fs"
out=$(printf 'node.task.post(function() error("in a task") end)\nprint("next line")\n' | device "$d" -i)
check "task error from the console" "> stdin:1: in a task
stack traceback:
> next line
restarting
exit=0" "$out"

# 18. Recorded console sessions: each sessions/NAME.in typed at the prompt must print NAME.out
#     (statements print nothing, "=expr" prints its values: NodeMCU's lua.c dojob).
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

# 19. NodeMCU's own formats on the device: nodemcu/app's modules in an LFS image written by
#     luac.cross -f (format 11), its util.lc by luac.cross (format 10), then the same built by
#     flashluac --nodemcu, by flashluac's own image and chunk (--numbers 32), and from the sources
#     in the file system. Each must print what luac.cross -e prints for the sources (NodeMCU's Lua
#     with the chip's numbers), the LFS ones after node.LFS.reload expanded the image into flash.
app="$HERE/nodemcu/app"
src="$WORK/app-src"; mkdir -p "$src"; cp "$app"/*.lua "$src/"
(cd "$src" && "$cross" -o util.lc util.lua)
expected=$(cd "$src" && "$cross" -e main.lua 2>&1)
app_device() {  # $1: variant name; builds into $WORK/app-$1/fs with the command in "$@"
    local name="$1" d="$WORK/app-$1"; shift
    mkdir -p "$d/fs"; cp "$app/init.lua" "$app/main.lua" "$d/fs/"
    if ! (cd "$src" && "$@" "$d/fs") >"$WORK/app-$name.log" 2>&1; then
        failed=$((failed + 1)); echo "FAIL: app ($name) did not build"; cat "$WORK/app-$name.log"; return
    fi
    same_output "app ($name) differs from luac.cross -e" "$expected" "$(device "$d" | sed -n '/^== app$/,/^== end$/p')"
}
build_cross() { "$cross" -f -o "$1/lfs.img" greeter.lua mathy.lua && "$cross" -o "$1/util.lc" util.lua; }
build_nodemcu() { "$FLASHLUAC" --nodemcu -f -o "$1/lfs.img" greeter.lua mathy.lua && "$FLASHLUAC" --nodemcu -o "$1/util.lc" util.lua; }
build_flashlua() { "$FLASHLUAC" --numbers 32 -f -o "$1/lfs.img" greeter.lua mathy.lua && "$FLASHLUAC" --numbers 32 -o "$1/util.lc" util.lua; }
build_sources() { cp greeter.lua mathy.lua "$1/" && "$FLASHLUAC" --numbers 32 -o "$1/util.lc" util.lua; }
app_device luac.cross build_cross
app_device nodemcu build_nodemcu
app_device flashlua build_flashlua
app_device sources build_sources

# 19b. A damaged luac.cross image is refused before the flash is touched: the LFS keeps the
#      image it has, and the error names the file and the problem.
d="$WORK/app-luac.cross"
head -c 300 "$d/fs/lfs.img" > "$d/fs/cut.img"
out=$(printf '=node.LFS.reload("cut.img")\n=node.LFS.list()[1] ~= nil\n' | device "$d" -i | sed -n '/^> /p')
check "damaged luac.cross image" "> cut.img: truncated precompiled chunk
> true" "$out"

echo "device: $passed passed, $failed failed"
[ "$failed" = 0 ]
