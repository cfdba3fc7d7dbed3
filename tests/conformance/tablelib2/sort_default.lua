-- table.sort with the default comparison
local function s(t) table.sort(t) return table.concat(t, " ") end
print(s({5, 2, 8, 1, 9, 3}))
print(s({3.5, -1, 2, 0.5, -7.25}))
print(s({"pear", "apple", "fig", "banana", "Apple", "apple2"}))
print(s({}))
print(s({1}))
print(s({2, 1}))
print(s({1, 1, 1, 1}))
print(s({math.maxinteger, math.mininteger, 0, -1, 1}))
print(s({"b", "a", "", "aa", "A"}))
local big = {}
for i = 1, 200 do big[i] = (i * 37) % 101 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[200])
print(pcall(table.sort, {1, "x", 2}))
print(pcall(table.sort, {1, {}, 2}))
print(pcall(table.sort, {true, false}))
