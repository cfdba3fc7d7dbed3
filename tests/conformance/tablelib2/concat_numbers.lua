-- table.concat converts integers and floats as tostring does
print(table.concat({1, 2, 3}))
print(table.concat({1, 2.5, -3, 1e100, 2^53}, ","))
print(table.concat({1.0, -0.0, 100.0, 1e15, 1e16}, " "))
print(table.concat({math.maxinteger, math.mininteger}, "|"))
print(table.concat({"a", 1, "b", 2.0}, "-"))
print(table.concat({0x10, 3 // 2, 3 / 2}, ";"))
print(table.concat({}, "x"), #table.concat({}))
print(table.concat({"only"}, ", "))
