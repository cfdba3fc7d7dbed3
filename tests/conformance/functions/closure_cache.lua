-- Lua 5.3's closure cache (lvm.c getcached): CLOSURE reuses the last closure of a
-- prototype whose upvalues would all be the same.

-- No upvalues that change: one closure for the whole loop.
local a = {}
for i = 1, 5 do a[i] = function (x) return x + 1 end end
print("no upvalues", a[1] == a[2], a[2] == a[5], a[3](1))

-- Globals only (_ENV, an upvalue of the enclosing function): cached.
a = {}
for i = 1, 5 do a[i] = function (x) return x + a + _ENV end end
print("_ENV", a[3] == a[4] and a[4] == a[5])

-- A fresh local per iteration: different upvalues, different closures.
local b = {}
for i = 1, 3 do b[i] = function () return i end end
print("loop variable", b[1] == b[2], b[2] == b[3], b[1](), b[2](), b[3]())

-- A local outside the loop (the same open upvalue): cached.
local c = {}
local shared = 10
for i = 1, 3 do c[i] = function () return shared end end
print("outer local", c[1] == c[2], c[2] == c[3], c[3]())
shared = 20
print("shared sees update", c[1]())

-- A local declared in the loop body is a new variable each time.
local d = {}
for i = 1, 3 do
  local v = i * 2
  d[i] = function () return v end
end
print("body local", d[1] == d[2], d[1](), d[3]())

-- Same upvalue, but the function made in different calls of its parent.
local function maker(x) return function () return x end end
local m1, m2 = maker(1), maker(1)
print("maker", m1 == m2, m1(), m2())
local function constmaker() return function () return 42 end end
print("constmaker", constmaker() == constmaker())

-- Nested: the inner function's cache in each outer closure.
local function outer(x)
  local t = {}
  for i = 1, 3 do t[i] = function () return x end end
  return t
end
local o1, o2 = outer(1), outer(2)
print("nested", o1[1] == o1[3], o2[1] == o2[2], o1[1] == o2[1], o1[1](), o2[1]())

-- Closed upvalues: a closure whose upvalue was closed is not equal to a new one
-- whose upvalue is open in a new frame.
local function counter()
  local n = 0
  return function () n = n + 1; return n end
end
local k1, k2 = counter(), counter()
print("counters", k1 == k2, k1(), k1(), k2())

-- Interleaved prototypes: each has its own cache.
local e, f = {}, {}
for i = 1, 3 do
  e[i] = function () return "e" end
  f[i] = function () return "f" end
end
print("two protos", e[1] == e[3], f[1] == f[3], e[1] == f[1])

-- Alternating upvalues: only the last closure is cached.
local x, y = 1, 2
local g = {}
for i = 1, 4 do
  if i % 2 == 1 then g[i] = function () return x end else g[i] = function () return y end end
end
print("alternating", g[1] == g[3], g[2] == g[4], g[1] == g[2])
local h = {}
local function pick(v) if v then return function () return x end end return function () return y end end
print("pick", pick(true) == pick(true), pick(false) == pick(false))

-- The cache never keeps a closure alive.
local weak = setmetatable({}, {__mode = "v"})
local function make() return function () return 1 end end
weak[1] = make()
collectgarbage()
print("collected", weak[1] == nil)
local again = make()
print("after collect", type(again), again == make())

-- A closure still referenced survives a collection and is still reused.
local keep = make()
collectgarbage()
collectgarbage()
print("kept", keep == make())

-- Many closures in a loop with a cache hit make no garbage.
collectgarbage()
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 10000 do local fn = function () return shared end end
local grew = collectgarbage("count") - before
collectgarbage("restart")
print("no garbage", grew < 1)

-- Closures as table keys: equal closures are the same key.
local set = {}
for i = 1, 10 do set[function () end] = true end
local n = 0
for _ in pairs(set) do n = n + 1 end
print("keys", n)

-- Inside coroutines: the open upvalue of the coroutine's frame.
local co = coroutine.wrap(function ()
  local z = 5
  local first = function () return z end
  coroutine.yield(first == function () return z end)
  coroutine.yield(first())
end)
print("coroutine", co(), co())

-- string.dump/load makes a new prototype: its own cache.
local src = load("return function () return 1 end")
print("load", src() == src(), load("return function () return 1 end")() == src())
