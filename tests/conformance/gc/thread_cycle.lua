-- Unreachable suspended coroutines in cycles through their own open upvalues are collected
-- (the second collection after they became unreachable, as lua5.3's remarkupvals), and their
-- finalizers run; threads waiting inside resume stay alive.
local log = {}
collectgarbage(); collectgarbage("stop")
do
  local function f (param)
    ;(function ()
      param = {param, f}
      setmetatable(param, {__gc = function () log[#log + 1] = "cycle" end})
      coroutine.yield(100)
    end)()
  end
  local co = coroutine.create(f)
  print(coroutine.resume(co, co))
end
collectgarbage(); print("first", #log)
collectgarbage(); print("second", #log, log[1])

-- several coroutines: finalizers run newest first
log = {}
do
  for i = 1, 3 do
    local co = coroutine.create(function (self)
      local t = setmetatable({self}, {__gc = function () log[#log + 1] = i end})
      coroutine.yield(t)
    end)
    coroutine.resume(co, co)
  end
end
collectgarbage(); collectgarbage(); collectgarbage()
print("order", table.concat(log, " "))

-- a dead coroutine that held itself
log = {}
do
  local co
  co = coroutine.create(function ()
    local t = setmetatable({co}, {__gc = function () log[#log + 1] = "dead" end})
    return t
  end)
  coroutine.resume(co)
  print(coroutine.status(co))
end
collectgarbage(); collectgarbage()
print("dead", #log, log[1])

-- a normal coroutine (it resumed the running one) stays alive across collections
local outer = coroutine.wrap(function ()
  local inner = coroutine.create(function ()
    collectgarbage(); collectgarbage()
    coroutine.yield("inner")
    return "done"
  end)
  setmetatable({}, {__gc = function () log[#log + 1] = "garbage" end})
  local a, b = coroutine.resume(inner)
  collectgarbage()
  local c, d = coroutine.resume(inner)
  return a, b, c, d, coroutine.status(inner)
end)
print(outer())
collectgarbage()
print("weak thread keys")
local w = setmetatable({}, {__mode = "k"})
for i = 1, 5 do
  local co = coroutine.create(function (s) coroutine.yield(s) end)
  coroutine.resume(co, co)
  w[co] = true
end
collectgarbage(); collectgarbage()
print(next(w))
collectgarbage("restart")
