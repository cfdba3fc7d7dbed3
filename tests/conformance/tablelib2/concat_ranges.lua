-- explicit ranges i..j
local t = {"a", "b", "c", "d", "e"}
print(table.concat(t, ",", 1, 5))
print(table.concat(t, ",", 2))
print(table.concat(t, ",", 2, 4))
print(table.concat(t, ",", 3, 3))
print("[" .. table.concat(t, ",", 4, 3) .. "]")
print("[" .. table.concat(t, ",", 10, 1) .. "]")
print(table.concat(t, ",", "2", "3"))
print(table.concat(t, ",", 2.0, 4.0))
print(pcall(table.concat, t, ",", 2.5))
print(pcall(table.concat, t, ",", 1, "x"))
print(pcall(table.concat, t, ",", 1, 6))
print(pcall(table.concat, t, ",", 0, 2))
local u = {[-1] = "m", [0] = "z", [1] = "o"}
print(table.concat(u, ",", -1, 1))
