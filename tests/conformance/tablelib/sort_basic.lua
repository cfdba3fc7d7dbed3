local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local s = {"banana", "apple", "Cherry", "date"}
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return a:lower() < b:lower() end)
print(table.concat(s, " "))
-- sort by a field, stable tie-breaking by a second key
local recs = {{n = "x", a = 3}, {n = "y", a = 1}, {n = "z", a = 3}, {n = "w", a = 2}}
table.sort(recs, function(p, q) if p.a ~= q.a then return p.a < q.a end return p.n < q.n end)
for _, r in ipairs(recs) do io.write(r.n, r.a, " ") end print()
-- mixed ints and floats
local m = {3, 1.5, 2, -1, 2.5, 0}
table.sort(m)
print(table.concat(m, " "))
table.sort({})
table.sort({1})
local big = {}
for i = 1, 1000 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[1000])
print(pcall(table.sort, {1, "x", 2}))
print(pcall(table.sort, {1, 2, 3}, 5))
print(pcall(table.sort, nil))
