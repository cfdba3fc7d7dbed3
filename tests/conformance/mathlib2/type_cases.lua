-- math.type
print(math.type(0), math.type(0.0), math.type(-0.0), math.type(1e308), math.type(1 // 1), math.type(1 / 1))
print(math.type(2^31), math.type(1 << 62), math.type(3 % 2), math.type(3.0 % 2))
print(math.type("1"), math.type("1.0"), math.type({}), math.type(print), math.type(true))
print(math.type(math.huge), math.type(-math.huge), math.type(0/0))
print(pcall(math.type))
print(math.type(nil))
print(math.type(0x7fffffffffffffff), math.type(0xffffffffffffffff), math.type(9223372036854775808))
