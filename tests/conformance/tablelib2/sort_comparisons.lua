-- the exact sequence of comparisons made by lua5.3's quicksort (arrays of at most 100 elements)
local function trace(t)
  local log = {}
  table.sort(t, function(a, b) log[#log + 1] = a .. "<" .. b return a < b end)
  return table.concat(t, " ") .. " | " .. #log .. " | " .. table.concat(log, " ", 1, math.min(#log, 40))
end
print(trace({5, 3, 8, 1, 9, 2, 7}))
print(trace({1, 2, 3, 4, 5, 6}))
print(trace({6, 5, 4, 3, 2, 1}))
print(trace({2, 1}))
print(trace({1, 1, 2, 2, 1, 1}))
local t = {}
for i = 1, 100 do t[i] = (i * 37) % 101 end
local n = 0
table.sort(t, function(a, b) n = n + 1 return a < b end)
print(n, t[1], t[50], t[100])
