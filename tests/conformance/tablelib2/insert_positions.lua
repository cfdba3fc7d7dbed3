-- table.insert at the end, the front, the middle and one past the end
local t = {}
table.insert(t, "a")
table.insert(t, 1, "b")
table.insert(t, 2, "c")
table.insert(t, #t + 1, "d")
table.insert(t, #t, "e")
print(#t, table.concat(t, ","))
table.insert(t, 1, 1)
print(table.concat(t, ","))
table.insert(t, 3.0, "f")
print(table.concat(t, ","))
table.insert(t, "2", "g")
print(table.concat(t, ","))
local n = {}
for i = 1, 10 do table.insert(n, 1, i) end
print(table.concat(n, " "))
print(select("#", table.insert({}, 1)))
