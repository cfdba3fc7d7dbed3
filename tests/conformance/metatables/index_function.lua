local calls = 0
local t = setmetatable({}, {__index = function(tbl, key)
  calls = calls + 1
  return "computed " .. tostring(key)
end})
print(t.foo, t[1], t[true])
print(calls)
t.foo = "stored"
print(t.foo, calls)
-- the function receives the original table
local proxy
proxy = setmetatable({}, {__index = function(tbl, k) return tbl == proxy end})
print(proxy.anything)
-- only the first return value is used
local m = setmetatable({}, {__index = function() return 1, 2, 3 end})
print(m.x)
-- memoizing __index
local fibs = setmetatable({[0] = 0, 1}, {__index = function(t, n) local v = t[n - 1] + t[n - 2] t[n] = v return v end})
print(fibs[80])
-- __index on strings: the string library
print(("abc").len, ("x"):rep(3), #getmetatable("").__index == 0)
print(pcall(function() return ("abc").nofunc() end))
