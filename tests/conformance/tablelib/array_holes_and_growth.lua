local t = {}
for i = 1, 1000 do t[i] = i end
print(#t)
for i = 1, 1000, 2 do t[i] = nil end
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
-- refill and check sequence length again
for i = 1, 1000 do t[i] = i * 2 end
print(#t, t[1000])
-- negative and zero indices are hash keys, not counted by #
local u = {[0] = 0, [-1] = -1, 1, 2}
print(#u, u[0], u[-1])
-- growing by t[#t+1]
local g = {}
for i = 1, 50 do g[#g + 1] = i end
print(#g, g[50])
-- shrinking via table.remove
while #g > 10 do table.remove(g) end
print(#g, g[#g])
