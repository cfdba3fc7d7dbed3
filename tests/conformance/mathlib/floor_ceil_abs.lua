for _, x in ipairs{3.7, -3.7, 3, -3, 0.5, -0.5, 2^53 + 0.0, -0.0, 1e100, 2^62 + 0.0, 2^63} do
  local f, c = math.floor(x), math.ceil(x)
  print(x, f, math.type(f), c, math.type(c))
end
print(math.abs(-5), math.abs(5.5), math.abs(-0.0), math.abs(math.mininteger), math.abs(-math.huge))
print(math.type(math.abs(-5)), math.type(math.abs(-5.0)))
print(math.floor("3.5"), pcall(math.floor, "x"), pcall(math.floor, nil))
