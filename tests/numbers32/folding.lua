-- Constant expressions: the compiler must fold them as the chip computes (32-bit wraparound,
-- single-precision floats) and read numerals as the chip's lexer does.
print(0x7fffffff + 1, 2147483647 * 2, -2147483648 - 1, 1 << 31, 1 << 32, -1 >> 1, ~0)
print(2147483648, 4294967296, -2147483648, 100000000000000, 0xffffffff, 0x100000001)
print(2^53, 1/3, 0.1 + 0.2, 16777217 + 0.0, 3 // 0.0, 2^31 // 1, 7 // 2, -7 % 3)
print(0.1, 1e39, 1e-46, 3.14159265358979, 0x1p-149, 0x1.fffffep127)
print(math.type(2147483648), math.type(2147483647), math.type(-2147483648))
local a = {[2147483648] = "f", [2147483647] = "i"}
print(a[2^31], a[math.maxinteger])
