-- integer arithmetic is exact (no float rounding) over the whole 64-bit range
local big = 9007199254740993
print(big, big + 1, big * 2, big - 1)
print(math.maxinteger - 1, math.maxinteger // 3, math.maxinteger % 1000)
print(123456789 * 987654321, 99999999999 * 99999999)
print(2^31 * 2^31 == 2^62, (1 << 31) * (1 << 31) == 1 << 62)
print(3037000499 * 3037000499, 3037000500 * 3037000500)
print(-7 * 3, -7 * -3, 0 * -1, math.type(0 * -1))
print(1000000007 * 1000000009 % 998244353)
