-- table.move within a table and into another table
local function show(t, n) local o = {} for i = 1, n do o[i] = tostring(t[i]) end return table.concat(o, ",") end
local a = {1, 2, 3, 4, 5}
local r = table.move(a, 1, 3, 1, {})
print(show(r, 3))
print(table.move(a, 1, 0, 1) == a)
local b = {}
print(table.move(a, 2, 4, 1, b) == b, show(b, 4))
local c = {"x", "y"}
table.move(a, 1, 5, 3, c)
print(show(c, 7))
local d = table.move({1, 2, 3}, 1, 3, 10)
print(d[10], d[11], d[12], d[1])
local e = table.move({1, 2, 3}, 2, 3, -5)
print(e[-5], e[-4], e[1])
print(select("#", table.move({}, 1, 0, 1)))
