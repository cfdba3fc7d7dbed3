-- a % b == a - (a // b) * b : the result has the sign of the divisor
local pairs_ = {{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {-6, 3}, {0, 3}, {3, 7}, {-3, 7}}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  print(a, b, a % b, math.type(a % b), (a + 0.0) % b, a % (b + 0.0))
end
print(5.5 % 2, -5.5 % 2, 5.5 % -2, -5.5 % -2)
print(pcall(function() return 1 % 0 end))
print(pcall(function() local z = 0 return 5 % z end))
print(math.mininteger % -1, math.maxinteger % -1, math.mininteger % math.maxinteger)
print(math.maxinteger % math.mininteger, math.mininteger % math.mininteger)
print(5 % math.huge, -5 % math.huge, 5 % -math.huge, -5 % -math.huge)
print(3 % -math.huge, 0 % math.huge)
print("10" % 3, 10 % "3", "10.5" % 3)
print(-0.0 % 1, 0.0 % -1)
