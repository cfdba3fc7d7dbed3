-- separators of various kinds
local t = {"a", "b", "c", "d"}
print(table.concat(t))
print(table.concat(t, ""))
print(table.concat(t, ", "))
print(table.concat(t, "\0") == "a\0b\0c\0d")
print(table.concat(t, 1))
print(table.concat(t, 2.5))
print(table.concat(t, "<sep>", 2, 3))
print(pcall(table.concat, t, {}))
print(pcall(table.concat, t, true))
print(table.concat(t, nil))
local long = string.rep("=", 10)
print(table.concat({1, 2}, long))
