-- errors at coroutine boundaries: inside the body, in nested coroutines, C-stack depth,
-- resuming dead/running coroutines, wrap re-raising with position
local function strip(m) return (tostring(m):gsub("^.-:%d+: ", "")) end
local co = coroutine.create(function () error("body") end)
print(coroutine.resume(co))
print(coroutine.status(co), coroutine.resume(co))
co = coroutine.create(function () error({code = 1}) end)
local ok, e = coroutine.resume(co)
print(ok, type(e), e.code)
local function nest(n)
  if n == 0 then return "bottom" end
  local c = coroutine.wrap(function () return nest(n - 1) end)
  return c()
end
local ok, m = pcall(nest, 100)
print("nest 100", ok, m)
local ok, m = pcall(nest, 250)
print("nest 250", ok, strip(m))
print("resume self", coroutine.wrap(function () return coroutine.resume(coroutine.running()) end)())
local outer
outer = coroutine.create(function ()
  local inner = coroutine.create(function () return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print("resume normal", coroutine.resume(outer))
local w = coroutine.wrap(function () error("in wrap") end)
print("wrap error", pcall(w))
local w2 = coroutine.wrap(function () return 1 end)
w2()
print("wrap dead", pcall(w2))
print("resume non-coroutine", pcall(coroutine.resume, 1))
print("wrap non-function", pcall(coroutine.wrap, 1))
local rec
rec = function (n) return rec(n + 1) + 1 end
co = coroutine.create(function () return rec(1) end)
local ok, m = coroutine.resume(co)
print("overflow in coroutine", ok, strip(m), coroutine.status(co))
co = coroutine.create(function () local t = setmetatable({}, {__gc = true}); coroutine.yield(1); error("late") end)
print(coroutine.resume(co))
print(coroutine.resume(co))
co = coroutine.create(function (...) return select("#", ...), ... end)
print(coroutine.resume(co, nil, nil))
print(coroutine.isyieldable(), coroutine.wrap(function () return coroutine.isyieldable() end)())
print(select("#", coroutine.running()), coroutine.wrap(function () local c, m = coroutine.running() return type(c), m end)())
-- error inside a __close-less yield chain through pcall inside coroutine
co = coroutine.create(function ()
  local ok, v = pcall(function () coroutine.yield("from pcall"); error("after yield") end)
  coroutine.yield(ok, strip(v))
  return "done"
end)
print(coroutine.resume(co)); print(coroutine.resume(co)); print(coroutine.resume(co)); print(coroutine.resume(co))
