local max, min = math.maxinteger, math.mininteger
local c = 0
for i = min, min + 10, max do c = c + 1 io.write(i, " ") end print(c)
c = 0
for i = 1, 0, max do c = c + 1 end print(c)
c = 0
for i = max, max, -1 do c = c + 1 end print(c)
c = 0
for i = min, min, 1 do c = c + 1 end print(c)
for i = 1, 2.9 do io.write(i, " ") end print()
for i = -1, -2.5, -1 do io.write(i, " ") end print()
for i = 1, 0.5 do io.write("never") end print("none")
c = 0
for i = 3, 2^53 do c = c + 1 if c > 3 then break end end print(c)
-- large steps
for i = 0, 10, max do io.write(i, " ") end print()
for i = 0, -10, min do io.write(i, " ") end print()
for i = max - 10, max - 5, 3 do io.write(i, " ") end print()
for i = min + 10, min + 5, -3 do io.write(i, " ") end print()
-- float loops near 2^53 keep their float type
for x = 2^53 - 4, 2^53 - 1 do io.write(string.format("%.0f", x), " ") end print()
-- float limits beyond the integer range with integer start
c = 0
for i = 1, 1e100 do c = c + 1 if c >= 3 then break end end print(c)
c = 0
for i = -1, -1e100, -1 do c = c + 1 if c >= 3 then break end end print(c)
for i = 5, -1e100 do io.write("never") end print("none")
for i = -5, 1e100, -1 do io.write("never") end print("none")
