-- hooks are per thread
local log = {}
local function hook(ev) log[#log + 1] = ev .. ":" .. tostring(debug.getinfo(2, "n").name) end
local co = coroutine.create(function()
  local function inco() return 1 end
  inco()
  coroutine.yield()
  inco()
end)
debug.sethook(co, hook, "c")
print(debug.gethook(co) == hook, select(2, debug.gethook(co)))
print(debug.gethook())
local function outside() end
outside()
coroutine.resume(co)
outside()
coroutine.resume(co)
debug.sethook(co)
print(table.concat(log, " "))
-- a hook set inside a coroutine stays there
local co2 = coroutine.create(function()
  debug.sethook(function() end, "l")
  coroutine.yield(debug.gethook() ~= nil)
end)
print(coroutine.resume(co2))
print(debug.gethook())
