-- ranges near the integer limits
print(pcall(table.concat, {}, "", math.maxinteger - 1, math.maxinteger))
print(pcall(table.concat, {}, "", math.mininteger, math.mininteger + 1))
local t = {[math.maxinteger - 1] = "a", [math.maxinteger] = "b"}
print(table.concat(t, ",", math.maxinteger - 1, math.maxinteger))
local u = {[math.mininteger] = "x", [math.mininteger + 1] = "y"}
print(table.concat(u, ",", math.mininteger, math.mininteger + 1))
print(table.concat({}, ",", math.maxinteger, math.mininteger))
print(table.unpack(t, math.maxinteger - 1, math.maxinteger))
print(table.unpack(u, math.mininteger, math.mininteger + 1))
local m = table.move(t, math.maxinteger - 1, math.maxinteger, 1, {})
print(m[1], m[2])
