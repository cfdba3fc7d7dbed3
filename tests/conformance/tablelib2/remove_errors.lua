-- table.remove "position out of bounds"
local t = {1, 2, 3}
print(pcall(table.remove, t, 0))
print(pcall(table.remove, t, 5))
print(pcall(table.remove, t, -1))
print(pcall(table.remove, t, 4))
print(pcall(table.remove, t, 1.5))
print(pcall(table.remove, t, "x"))
print(pcall(table.remove, {}, 1))
print(pcall(table.remove, {}, 2))
print(pcall(table.remove, {}, -1))
print(pcall(table.remove))
print(pcall(table.remove, 1))
print(table.concat(t, ","))
