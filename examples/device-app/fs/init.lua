-- init.lua: the device's bootstrap, as NodeMCU developers write it. It stays small because it
-- is compiled into RAM at every boot; the application lives in the Lua Flash Store.
--
--  1. LFS: if it does not hold the application version this file expects and the file system
--     has lfs.img, load the image (node.LFS.reload checks it, writes it to flash and restarts
--     the device into it). A marker file makes sure an image of the wrong version is loaded
--     only once instead of on every boot.
--  2. A boot counter: the application clears it once it runs well (its heartbeat has seen
--     sensor readings). After three boots without that, the device stays in safe mode at the
--     prompt instead of restarting in a loop.
--  3. The application starts a second later (time to type file.remove("init.lua") at the
--     prompt), in protected mode. require finds it in the file system or, after it, in LFS,
--     so the same init.lua runs the application from .lua files when LFS is empty.
local APP_VERSION = "1.2.0"   -- lfs/version.lua of the image this init.lua was written for
local IMAGE = "lfs.img"

local have = node.LFS.get("version")
have = have and have()
if have == APP_VERSION then
  file.remove("lfs.try")
elseif file.exists(IMAGE) then
  if file.getcontents("lfs.try") == APP_VERSION then
    print(("init: %s did not give LFS version %s; not reloading again"):format(IMAGE, APP_VERSION))
  else
    file.putcontents("lfs.try", APP_VERSION)
    print(("init: LFS has %s, want %s: loading %s"):format(have or "no application", APP_VERSION, IMAGE))
    local err = node.LFS.reload(IMAGE)   -- returns only when the image is refused
    print("init: LFS reload refused: " .. tostring(err))
  end
end

local boots = (tonumber(file.getcontents("boot.cnt") or "") or 0) + 1
if boots > 3 then
  print("init: 3 boots without a good run: safe mode (file.remove('boot.cnt') node.restart() to retry)")
  return
end
file.putcontents("boot.cnt", tostring(boots))

print(("init: boot %d, application %s, starting in 1 s"):format(boots,
  have and ("from LFS (version " .. have .. ", " .. #node.LFS.list() .. " modules)") or "from the file system"))
tmr.create():alarm(1000, tmr.ALARM_SINGLE, function()
  local ok, err = pcall(function() require("app").start() end)
  if not ok then print("init: the application did not start: " .. tostring(err)) end
end)
