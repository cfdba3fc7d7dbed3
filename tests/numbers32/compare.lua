-- Integer vs float comparisons near 2^24 (float precision) and 2^31 (integer range).
local i24, f24, max = 16777217, 2^24, math.maxinteger
print(i24 == f24, i24 == f24 + 1, i24 > f24, i24 < f24 + 2, i24 + 0.0 == f24)
print(max == 2^31, max < 2^31, max + 0.0 == 2^31, max <= 2^31 - 1, max > 2^31 - 129)
print(math.mininteger == -2^31, math.mininteger < -2^31, math.mininteger <= -2^31)
print(1 == 1.0, -0.0 == 0, 0.1 + 0.2 == 0.3, 1/3 == 0.3333333, 0.1 == 0.1000000001)
print(16777216 < 16777217.0, 16777215 < 16777215.5, 2147483520 == 2147483520.0, 2147483520 < 2147483584.0)
print(max > 1e10, max < math.huge, math.mininteger > -math.huge, 0/0 == 0/0, 0/0 < 1)
print(math.max(16777217, 16777216.0), math.min(max, 2^31))
print("10" == 10, "abc" < "abd", pcall(function() return 1 < "2" end))
local values = {3, 2.5, 2^31, -1, math.mininteger, 16777217, 2^24, 0.1}
table.sort(values)
print(table.concat(values, " "))
