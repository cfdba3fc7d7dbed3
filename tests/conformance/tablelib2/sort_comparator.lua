-- table.sort with comparators
local t = {5, 2, 8, 1, 9, 3}
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local people = {{n = "bob", a = 30}, {n = "al", a = 25}, {n = "cy", a = 35}, {n = "di", a = 20}}
table.sort(people, function(x, y) return x.a < y.a end)
local o = {} for i, p in ipairs(people) do o[i] = p.n end
print(table.concat(o, " "))
local w = {"ccc", "a", "bb", "dddd"}
table.sort(w, function(a, b) return #a < #b end)
print(table.concat(w, " "))
local calls = 0
local x = {3, 1, 2}
table.sort(x, function(a, b) calls = calls + 1 return a < b end)
print(table.concat(x, " "), calls > 0)
print(pcall(table.sort, {1, 2}, 42))
print(pcall(table.sort, {1, 2}, "f"))
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("cmp failed") end))
print(pcall(table.sort, {3, 2, 1}, function(a, b) error({code = 7}) end))
print(pcall(table.sort))
print(pcall(table.sort, "abc"))
local r = {3, 1, 2}
table.sort(r, nil)
print(table.concat(r, " "))
