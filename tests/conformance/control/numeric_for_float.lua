for x = 0, 1, 0.25 do io.write(x, " ") end print()
for x = 1, 0, -0.5 do io.write(x, " ") end print()
for x = 0.1, 0.5, 0.1 do io.write(x, " ") end print()
local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
print(n)
for x = 1, 3.5 do io.write(x, " ") end print()
for x = 1.5, 3 do io.write(x, " ") end print()
for x = 1, math.huge do if x > 3 then break end io.write(x, " ") end print()
for x = 1, -math.huge do io.write("never") end print("none")
for x = -1, -math.huge, -1 do if x < -3 then break end io.write(x, " ") end print()
for x = 1, 0/0 do io.write("never nan") end print("nan limit")
for x = 0/0, 1 do io.write("never nan") end print("nan start")
