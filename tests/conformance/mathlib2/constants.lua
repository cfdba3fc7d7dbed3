-- math constants
print(math.pi, string.format("%.17g", math.pi))
print(math.huge, -math.huge, math.huge > math.maxinteger)
print(math.maxinteger, math.mininteger)
print(math.type(math.pi), math.type(math.huge), math.type(math.maxinteger), math.type(math.mininteger))
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger + 0.0, math.mininteger + 0.0)
print(-math.mininteger == math.mininteger, math.mininteger // -1, math.mininteger % -1)
