-- integer arithmetic wraps around; float conversions do not
local max, min = math.maxinteger, math.mininteger
print(max + 1, min - 1, max * 2, min * 2, -min, min // -1, min % -1)
print(max + 1.0, min - 1.0, max * 2.0, -(min + 0.0))
print(max // 1, max // -1, min // 1, max % 2, min % 2, min % -2)
print(math.abs(min), math.abs(max), math.abs(-0.0))
print(1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 1 << -1, 2 >> -1, 5 >> 64)
print(max ~ min, ~0, ~max, 5 & -1, 0x10 | 0x01)
print(2^63 == max + 1.0, max + 0.0 == 2^63, min + 0.0 == -2^63)
print(string.format("%d", max * max), max * max)
print(3 // 0.0, -3 // 0.0, 0/0 ~= 0/0, 3 % math.huge, -3 % math.huge, 3 % -math.huge)
print(pcall(function() return 1 // 0 end))
print(pcall(function() return min % 0 end))
