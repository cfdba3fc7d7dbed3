local v = tonumber("not a number")
print("asserting")
assert(v, "value must be a number")
