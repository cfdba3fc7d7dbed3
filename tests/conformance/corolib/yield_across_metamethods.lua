-- yields inside metamethods called from Lua code
local mt = {}
for _, ev in ipairs({"__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__idiv",
                     "__band", "__bor", "__bxor", "__shl", "__shr", "__bnot", "__concat", "__len"}) do
  mt[ev] = function(a, b) return coroutine.yield(ev) end
end
mt.__eq = function() return coroutine.yield("__eq") end
mt.__lt = function() return coroutine.yield("__lt") end
mt.__le = function() return coroutine.yield("__le") end
mt.__index = function(t, k) return coroutine.yield("__index " .. k) end
mt.__newindex = function(t, k, v) coroutine.yield("__newindex " .. k) end
mt.__call = function(self, a) return coroutine.yield("__call " .. a) end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.wrap(function()
  print(a + 1, a - 1, a * 1, a / 1, a % 1, a ^ 1, -a, a // 1)
  print(a & 1, a | 1, a ~ 1, a << 1, a >> 1, ~a, a .. "s", #a)
  print(a == b, a < b, a <= b, a > b, a >= b, a ~= b)
  if a < b then print("branch taken") else print("branch not taken") end
  print(a.key)
  a.other = 1
  print(a("arg"))
  return "finished"
end)
local r = co()
local n = 0
while r ~= "finished" do
  n = n + 1
  io.write(tostring(r), " ")
  r = co(n % 3 == 0 and false or n)
end
print()
print(r, n)
