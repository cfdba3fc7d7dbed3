-- "invalid order function for sorting": comparators that are not strict orders
local t = {}
for i = 1, 100 do t[i] = (i * 7) % 13 end
local ok, err = pcall(table.sort, t, function(a, b) return true end)
print(ok, err)
local u = {}
for i = 1, 50 do u[i] = 5 end
ok, err = pcall(table.sort, u, function(a, b) return a <= b end)
print(ok, err)
local v = {3, 1, 2}
print(pcall(table.sort, v, function(a, b) return false end))
table.sort(v)
print(table.concat(v, " "))
print(pcall(table.sort, {1, 2, 3, 4, 5}, function(a, b) return true end))
