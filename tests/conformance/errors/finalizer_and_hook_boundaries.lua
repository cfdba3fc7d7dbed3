-- errors raised in finalizers and hooks: where they surface and what stays protected
local function strip(m) return (tostring(m):gsub("^.-:%d+: ", "")) end
-- an error in __gc surfaces at the collection that ran it, wrapped as lua5.3 does
setmetatable({}, {__gc = function () error("in gc") end})
print("collect", pcall(collectgarbage))
setmetatable({}, {__gc = function () error({}) end})
local ok, e = pcall(collectgarbage)
print("collect table error", ok, type(e))
-- a finalizer that errors does not stop the others
local ran = {}
for i = 1, 3 do
  setmetatable({}, {__gc = function () ran[#ran + 1] = i; if i == 2 then error("two") end end})
end
for i = 1, 3 do pcall(collectgarbage) end
table.sort(ran)
print("ran", table.concat(ran, ","))
-- finalizers may yield? no: they run non-yieldable
local co = coroutine.wrap(function ()
  setmetatable({}, {__gc = function () local ok, m = pcall(coroutine.yield) ; print("yield in gc", ok, strip(m)) end})
  collectgarbage()
  return "co done"
end)
print(co())
-- hooks: an error in a hook reaches the interrupted code and pcall catches it
local n, active = 0, false
debug.sethook(function () if active then n = n + 1; if n == 3 then active = false; error("hook error") end end end, "l")
local ok, m = pcall(function ()
  active = true
  local a = 1
  local b = 2
  local c = 3
  return a + b + c
end)
debug.sethook()
print("line hook error", ok, strip(m))
local armed = false
debug.sethook(function (ev) if armed then armed = false; error("call hook " .. ev) end end, "c")
local ok, m = pcall(function () armed = true; return math.abs(-1) end)
debug.sethook()
print("call hook error", ok, strip(m))
-- a count hook that yields out of a coroutine is refused in 5.3 from Lua hooks
co = coroutine.create(function ()
  debug.sethook(function () coroutine.yield() end, "", 1)
  local x = 0
  for i = 1, 10 do x = x + i end
  return x
end)
print("yield in hook", coroutine.resume(co))
debug.sethook()
print(debug.gethook())
