print(-1, - 1, -(-1), -1.5, -0, -0.0, math.type(-0))
print(-math.mininteger, -math.maxinteger, -(2^63))
local x = 5
print(-x, - -x, -x ^ 2, (-x) ^ 2, -x // 2, -x % 3)
print(-"3", -" 3.5 ", pcall(function() return -"x" end))
print(pcall(function() return -{} end))
print(pcall(function() local t = {} return -t.field end))
