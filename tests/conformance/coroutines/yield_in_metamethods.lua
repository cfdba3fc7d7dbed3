local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k) rawset(t, k, v) end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __add = function(a, b) return coroutine.yield("add") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __len = function(a) return coroutine.yield("len") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __unm = function(a) return coroutine.yield("unm") end,
}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local u = setmetatable({}, mt)
  print("index ->", t.foo)
  t.bar = 5
  print("newindex ->", rawget(t, "bar"))
  print("lt ->", t < u)
  print("le ->", t <= u)
  print("concat ->", t .. "s")
  print("concat chain ->", "a" .. "b" .. t)
  print("add ->", t + 1)
  print("eq ->", t == u)
  print("len ->", #t)
  print("call ->", t("arg"))
  print("unm ->", -t)
  return "end"
end)
print(co())
print(co("resolved"))
print(co(nil))
print(co(true))
print(co(false))
print(co("C1"))
print(co("C2"))
print(co(41))
print(co(1))
print(co(99))
print(co("called"))
print(co("negated"))
