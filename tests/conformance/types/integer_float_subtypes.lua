local vals = {1, 1.0, -0.0, 0, 2^31, 2^53, 1e308, 3 // 1, 3.0 // 1, 7 / 7, 2^2, 10 % 3, 10.0 % 3, "10" + 0, "10.0" + 0, 0x10, 0x1p4}
for i, v in ipairs(vals) do
  print(i, v, math.type(v))
end
print(math.type("1"), math.type(nil), math.type({}))
print(pcall(math.type))
print(1 == 1.0, math.type(1) == math.type(1.0))
print(tostring(1), tostring(1.0), tostring(-1.0), tostring(1e100))
print(1e15, 1e16, 2^63, -2^63, 123456.789e3)
print(3.14159265358979, 100 / 3, -100 / 3)
