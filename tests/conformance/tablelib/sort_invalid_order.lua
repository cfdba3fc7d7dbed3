-- an inconsistent comparator raises "invalid order function for sorting" in 5.3 (for some inputs)
local t = {}
for i = 1, 100 do t[i] = (i * 37) % 101 end
local ok, err = pcall(table.sort, t, function(a, b) return true end)
print(ok, err)
-- errors inside the comparator propagate
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("cmp failed") end))
-- the comparator sees only the elements
local seen_nil = false
table.sort({3, 1, 2}, function(a, b) if a == nil or b == nil then seen_nil = true end return a < b end)
print(seen_nil)
