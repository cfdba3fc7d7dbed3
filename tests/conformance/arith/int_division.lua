-- floor division rounds towards minus infinity
local pairs_ = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {6, 3}, {-6, 3}, {0, 5}, {1, 7}, {-1, 7}}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  print(a, b, a // b, math.type(a // b), a + 0.0 // b, a // (b + 0.0))
end
print(7.5 // 2, -7.5 // 2, 7 // 0.5, 1 // 0.3)
print(pcall(function() return 1 // 0 end))
print(pcall(function() local z = 0 return 5 // z end))
print(1 // 0.0, -1 // 0.0, 0.0 // 1, -0.0 // 1)
print(math.mininteger // -1, math.mininteger // 1, math.maxinteger // -1)
print(math.mininteger // 2, math.maxinteger // 2)
print(3 // 1, 3.0 // 1, "7" // 2, "7.0" // 2, 7 // "2")
