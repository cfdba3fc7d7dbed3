-- table.remove from the end, the front, the middle, n+1 and empty tables
local t = {"a", "b", "c", "d", "e"}
print(table.remove(t), #t)
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
print(table.remove(t, #t + 1), table.concat(t, ","))
print(table.remove(t, #t), table.concat(t, ","))
local e = {}
print(table.remove(e), #e)
print(table.remove(e, 0), table.remove(e, #e))
print(select("#", table.remove(e)))
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
local h = {1, 2, 3, nil, 5}
print(#h == 5 or #h == 3)
local one = {"x"}
print(table.remove(one, 1), #one, one[1])
local f = {10, 20, 30}
print(table.remove(f, 2.0), table.remove(f, "1"), table.concat(f, ","))
