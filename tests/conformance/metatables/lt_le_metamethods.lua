local log = {}
local mt = {}
mt.__lt = function(x, y) log[#log + 1] = "lt(" .. x.v .. "," .. y.v .. ")" return x.v < y.v end
mt.__le = function(x, y) log[#log + 1] = "le(" .. x.v .. "," .. y.v .. ")" return x.v <= y.v end
local function V(v) return setmetatable({v = v}, mt) end
local a, b = V(1), V(2)
print(a < b, a > b, a <= b, a >= b, b < a, b <= a)
print(table.concat(log, " "))
-- a > b is translated to b < a
log = {}
print(a > b, a >= b)
print(table.concat(log, " "))
-- result is converted to a boolean
local t = setmetatable({}, {__lt = function() return 1 end, __le = function() return nil end})
print(t < t, t <= t, t > t, t >= t)
-- mixed operands: metamethod found on either side
local n = setmetatable({v = 5}, {__lt = function(x, y)
  local xv = type(x) == "table" and x.v or x
  local yv = type(y) == "table" and y.v or y
  return xv < yv end})
print(n < 10, 1 < n, n > 3, pcall(function() return n <= 10 end))
print(pcall(function() return {} < {} end))
