print(table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({}, "x"), table.concat({"a"}, "x"))
print(table.concat({1, 2, 3, 4, 5}, "-", 2, 4), table.concat({1, 2, 3}, "-", 3, 2), table.concat({1, 2}, "-", 2, 2))
print(table.concat({1.5, 2, "s"}, " "), table.concat({"a", "b"}, 3))
print(pcall(table.concat, {1, nil, 3}))
print(pcall(table.concat, {true}))
print(pcall(table.concat, {1, 2}, ",", 1, 3))
print(pcall(table.concat, {}, {}))
print(pcall(table.concat, "str"))
local big = {}
for i = 1, 1000 do big[i] = i % 10 end
print(#table.concat(big))
