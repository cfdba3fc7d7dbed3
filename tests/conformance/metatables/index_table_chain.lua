local base = {a = "base a", b = "base b"}
local mid = setmetatable({b = "mid b", c = "mid c"}, {__index = base})
local top = setmetatable({c = "top c"}, {__index = mid})
print(top.a, top.b, top.c, top.d)
print(rawget(top, "a"), rawget(top, "c"))
base.d = "late d"
print(top.d)
top.a = "own a"
print(top.a, mid.a, base.a)
-- __index is only consulted for absent keys
local t = setmetatable({x = false}, {__index = {x = "meta", y = "meta y"}})
print(t.x, t.y)
-- integer keys through the chain
local arr = setmetatable({}, {__index = {10, 20, 30}})
print(arr[1], arr[3], arr[4], #arr)
