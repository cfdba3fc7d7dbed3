local t = {10, 20, 30, x = 1, y = 2, z = 3, [1.5] = "f"}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
-- next
print(next({}), next({5}), next({5}, 1))
print(pcall(next, {}, "nokey"))
print(pcall(next, nil))
local k, v = next({x = 1})
print(k, v)
-- clearing fields during traversal is allowed
local big = {}
for i = 1, 20 do big["k" .. i] = i end
local n = 0
for key in pairs(big) do big[key] = nil n = n + 1 end
print(n, next(big))
-- pairs returns next, t, nil
local f, s, init = pairs(t)
print(f == next, s == t, init)
-- ipairs returns three values
local f2, s2, i2 = ipairs(t)
print(type(f2), s2 == t, i2)
print(pcall(pairs))
print(pcall(ipairs))
-- pairs(nil) itself succeeds in 5.3; the first call of next fails
local pf, ps, pi = pairs(nil)
print(pf == next, ps, pi)
print(pcall(function() for k in pairs(nil) do end end))
