local words = {"banana", "Apple", "cherry", "apple", "", "a", "B", "10", "9", "a\0b", "a\0a"}
table.sort(words)
for i, w in ipairs(words) do words[i] = string.format("%q", w) end
print(table.concat(words, " "))
print(("a"):rep(3, ("b"):rep(2)))
local parts = {}
for i = 1, 5 do parts[#parts + 1] = tostring(i) end
print(table.concat(parts), table.concat(parts, ", "), table.concat(parts, "-", 2, 4))
print(tostring(1) .. tostring(nil) .. tostring(true))
