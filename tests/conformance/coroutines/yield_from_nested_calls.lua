local function helper(x) return coroutine.yield(x * 2) + 1 end
local function middle(x) local a = helper(x) local b = helper(a) return a + b end
local co = coroutine.wrap(function(x) return "result", middle(x) end)
print(co(5))
print(co(100))
print(co(1000))
-- yield through a metamethod called by a library function in Lua code
local t = setmetatable({}, {__index = function(_, k) return coroutine.yield(k) end})
local co2 = coroutine.wrap(function() return t.a .. t.b end)
print(co2())
print(co2("A"))
print(co2("B"))
