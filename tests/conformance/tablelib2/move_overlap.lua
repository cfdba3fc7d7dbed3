-- overlapping moves in both directions
local function show(t, n) local o = {} for i = 1, n do o[i] = tostring(t[i]) end return table.concat(o, ",") end
local a = {1, 2, 3, 4, 5, 6}
table.move(a, 1, 4, 2)
print(show(a, 6))
a = {1, 2, 3, 4, 5, 6}
table.move(a, 2, 6, 1)
print(show(a, 6))
a = {1, 2, 3, 4, 5, 6}
table.move(a, 1, 6, 4)
print(show(a, 9))
a = {1, 2, 3, 4, 5, 6}
table.move(a, 3, 6, 1)
print(show(a, 6))
a = {1, 2, 3}
table.move(a, 1, 3, 1)
print(show(a, 3))
