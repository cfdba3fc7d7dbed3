-- ^ always produces a float and is right associative
print(2^2, math.type(2^2), 2^0.5, 2^-2, (-2)^2, -2^2, (-8)^(1/3) ~= (-8)^(1/3))
print(2^3^2, (2^3)^2)
print(0^0, 0^-1, 10^308, 10^309, (-2)^3)
print(2^63 == math.maxinteger + 1.0, 2^64, 2^-1074 > 0)
print("2"^"3", 4^"0.5")
print(-2 ^ 2, 2 ^ -1 ^ 2)
