-- table.remove at the border of empty tables and tables with [0]
local z = {[0] = "zero"}
print(table.remove(z), z[0])
local z2 = {[0] = "a", "b"}
print(table.remove(z2), z2[1], z2[0])
print(table.remove(z2), z2[0])
print(table.remove(z2), z2[0])
local t = {1, 2, 3}
print(table.remove(t, 4), #t)
print(table.remove(t, 3), #t)
local m = setmetatable({}, {__len = function() return 0 end, __index = function(_, k) return "idx" .. k end})
print(table.remove(m), table.remove(m, 1))
