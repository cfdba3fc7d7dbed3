-- without __le, 5.3 evaluates a <= b as not (b < a)
local log = {}
local mt = {__lt = function(x, y) log[#log + 1] = x.v .. "<" .. y.v return x.v < y.v end}
local function V(v) return setmetatable({v = v}, mt) end
local a, b, c = V(1), V(2), V(1)
print(a <= b, b <= a, a <= c, a >= b, b >= a)
print(table.concat(log, " "))
-- with neither __le nor __lt
local plain = setmetatable({}, {})
print(pcall(function() return plain <= plain end))
-- __le present is used directly
local mt2 = {__le = function() return false end, __lt = function() return true end}
local x, y = setmetatable({}, mt2), setmetatable({}, mt2)
print(x <= y, x < y, x >= y, x > y)
