local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "first")
table.insert(t, #t + 1, "last")
print(#t, table.concat(t, ","))
table.insert(t, 3, "middle")
print(table.concat(t, ","))
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
print(table.remove({}), table.remove({}, 0), table.remove({}, 1))
local u = {1, 2, 3}
print(table.remove(u, #u + 1), #u)
print(pcall(table.remove, u, 5))
print(pcall(table.insert, u, 0, "x"))
print(pcall(table.insert, u, 5, "x"))
print(pcall(table.insert, u))
print(pcall(table.insert, nil, "x"))
print(pcall(table.remove, nil))
-- remove on a table with [0]
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
print(select('#', table.insert({}, 1)))
