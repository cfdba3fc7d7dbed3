local t = {1, 2, 3, 4, 5}
table.move(t, 2, 4, 1)
print(table.concat(t, ","))
t = {1, 2, 3, 4, 5}
table.move(t, 1, 3, 3)
print(table.concat(t, ","))
local dst = {}
print(table.move({1, 2, 3}, 1, 3, 1, dst) == dst, table.concat(dst, ","))
print(table.concat(table.move({1, 2, 3}, 1, 0, 1, {"x"}), ","))
print(pcall(table.move, {}, 1, math.maxinteger, 2))
print(pcall(table.move, {1}, 1, 1))
