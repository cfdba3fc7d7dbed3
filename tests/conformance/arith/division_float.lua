-- / always produces a float
print(6 / 2, math.type(6 / 2), 7 / 2, -7 / 2, 1 / 3)
print(1 / 0, -1 / 0, 0.0 / 1, -0.0 / 1)
print(1 / 0 == math.huge, -1 / 0 == -math.huge)
print(math.maxinteger / 1, math.mininteger / -1)
print("9" / "3", math.type("9" / "3"))
print(2^63 / 2, 1e308 * 10 / 10)
print(1 / -0.0, 1 / (0 * -1), 1 / (-0.0 + 0))
