-- Number <-> string in the 32-bit model: "%.7g" floats, 32-bit integers, strtof-like numerals.
print(tostring(1/3), tostring(2^53), tostring(11.0), tostring(-0.5), tostring(1e100))
print(tostring(2^24), tostring(2^24 + 1.0), tostring(1e7), tostring(1e6), tostring(123456789.0))
print(1e15, 1e-5, 5e-324, 2^-149, 2^127 * 2, 3.0e38, -3.0e38)
print(1 .. "", 1.5 .. "", 2^31 .. "|", -2^31 .. "|", 0.1 .. 0.2)
print(tonumber("10"), tonumber("10.0"), tonumber("0x10"), tonumber("0x1p4"), tonumber("1e1"))
print(tonumber("2147483647"), tonumber("2147483648"), tonumber("-2147483648"), tonumber("-2147483649"))
print(tonumber("0xffffffff"), tonumber("0x80000000"), tonumber("0x123456789"), tonumber("9999999999"))
print(tonumber("0.1"), tonumber("16777217"), tonumber("16777217.0"), tonumber(" 12 "), tonumber("1e40"))
print(tonumber("ffffffff", 16), tonumber("7fffffff", 16), tonumber("100000000", 16), tonumber("-1", 16))
print(tonumber("zz", 36), tonumber("11111111111111111111111111111111", 2), tonumber("777", 8))
print(tonumber(""), tonumber("abc"), tonumber("inf"), tonumber("nan"), tonumber("0x"), tonumber("1e"))
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(2^31), math.tointeger(-2^31), math.tointeger(2^30))
print(math.tointeger("8"), math.tointeger(16777216.0), math.tointeger(-0.0))
print(math.type(1), math.type(1.0), math.type(2^31), math.type(0x7fffffff), math.type("1"))
print(string.format("%d", 3.0), string.format("%d", -2^31), pcall(string.format, "%d", 2^31))
print(pcall(string.format, "%d", 3.5))
print(#tostring(12345), string.rep("ab", 3.0), ("x"):rep(2))
print(("%5.1f|%-8d|%+.3e"):format(3.14159, 42, 12345.678))
-- luaconf.h ends by defining lua_str2number as (lua_Number)strtod: two roundings. A text just
-- above the midpoint of 1 and the next float is read as the midpoint double, then rounds to 1.0
-- (strtof would give 1.00000012).
local near = "1.00000005960464477539062500001"
print(string.format("%.9g %.9g", tonumber(near), near + 0), 1.00000005960464477539062500001 == 1)
