-- Integer arithmetic wraps at 32 bits; float results are single precision (NodeMCU ESP8266).
-- Operands come from locals so that the compiler's constant folding is not what is tested.
local max, min = math.maxinteger, math.mininteger
local one, two, zero, mone = 1, 2, 0, -1
print("add", max + one, min - one, max + max, min + min)
print("sub", min - one, max - mone, zero - min)
print("mul", max * two, 65536 * 65536 + zero, 65537 * 65537 + zero, min * mone, 46341 * 46341 + zero)
print("unm", -min, -max, -(max + one))
print("idiv", min // mone, 7 // two, -7 // two, 7 // -2, max // min, min // max)
print("mod", min % mone, 7 % -3, -7 % 3, min % max, max % min, 5 % two)
print(pcall(function() return one // zero end))
print(pcall(function() return one % zero end))
print("fdiv", one / 3, two / 3, 10 / 4, one / zero, -one / zero, max / 3)
print("fidiv", 7.5 // two, -7.5 // two, one // 0.0, -one // 0.0, 1e30 // 7)
print("fmod", 5.5 % two, -5.5 % two, 5.5 % -2, 7.25 % 0.5, 2^20 % 3)
print("pow", two ^ 10, two ^ 0.5, 10 ^ 20, two ^ -1, 3 ^ 15, two ^ 24 + one)
print("float", 0.1 + 0.2, 1.1 * 1.1, 3.14159265358979 * two, 1e38 * 10, 1e-38 / 1e10)
print("cast", 16777217 + 0.0, 16777216 + 1.0, max + 0.0, min + 0.0, 123456789 * 1.0)
print("mixed", max + 0.5, 2147483000 + 0.25, one + 2^-30, 16777215 + 1.5)
print("third", one / 3 * 3, (one / 3) * 3 == one, 0.1 * 3, 100 / 7)
print("strings", "10" + one, "0x10" + zero, "1e3" * one, "3.5" // one, " 7 " - one, "2147483647" + one)
print("strings2", "2147483648" + zero, "0xffffffff" + zero, "0x100000000" + zero, "-2147483648" - one)
print("exact", 0.1, 1/3, 2/3, 1e-7, 123456.7, 1234567.8, 12345678.9, 3.4e38, 1.17549435e-38)
print("neg0", -0.0, zero * -1.0, 1/(-0.0))
local t = {}
for i = 1, 10 do t[#t + 1] = (i * 1103515245 + 12345) end
print("lcg", table.concat(t, " "))
local h = 5381
for c in ("the quick brown fox"):gmatch(".") do h = h * 33 + c:byte() end
print("djb2", h, h & 0xffff, h >> 16)
