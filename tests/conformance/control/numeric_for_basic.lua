for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1 do io.write(i, " ") end print("empty")
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 1, 10, 3 do io.write(i, " ") end print()
for i = 10, 1, -4 do io.write(i, " ") end print()
for i = 1, 1 do io.write(i, " ") end print()
for i = -2, 2 do io.write(i, " ") end print()
-- the limit and step are evaluated once
local lim = 3
for i = 1, lim do lim = 10 io.write(i, " ") end print(lim)
-- changing the control variable does not change the loop
for i = 1, 3 do local j = i; i = i * 10; io.write(j, ":", i, " ") end print()
-- type of the loop variable
for i = 1, 2 do io.write(math.type(i), " ") end print()
for i = 1.0, 2 do io.write(math.type(i), " ") end print()
for i = 1, 2.0 do io.write(math.type(i), " ") end print()
for i = 1, 2, 1.0 do io.write(math.type(i), " ") end print()
-- strings are converted
for i = "1", "3" do io.write(i, math.type(i), " ") end print()
