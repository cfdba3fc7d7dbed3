-- Bitwise operators on 32-bit lua_Integer (luaV_shiftl with 32-bit lua_Unsigned).
local one, mone, s31, s32, s33 = 1, -1, 31, 32, 33
print("shl", one << s31, one << s32, one << s33, one << 30, mone << s31, 3 << 30, one << -1)
print("shr", mone >> one, mone >> s31, mone >> s32, (one << s31) >> s31, 0x40000000 >> 30, 8 >> -1)
print("neg shifts", one << -s32, mone >> -s31, one << 64, one >> 64)
print("bnot", ~0, ~mone, ~math.maxinteger, ~math.mininteger, ~0x7fff)
print("and/or/xor", mone & 0xff, 0x12345678 | 0x0f0f0f0f, 0x12345678 ~ mone, math.mininteger | one)
print("floats", 2.0 << one, 3.0 & 1.0, 0x7fffffff & 1.0, -1.0 >> 28)
print("strings", "3" << one, "0xff" & 0x0f, "8" >> "1")
print(pcall(function() return 1.5 | one end))
print(pcall(function() return 2^31 | one end))
print(pcall(function() return 2^32 & one end))
print(pcall(function() return "1.5" | one end))
print(pcall(function() return "a" | one end))
print("hex literals", 0xffffffff, 0x80000000, 0x7fffffff, 0x100000000, 0xffffffffff)
local x = 0xdeadbeef
print("rot", x, (x << 8) | (x >> 24), x & 0xffff, x >> 16, string.format("%08x", x))
