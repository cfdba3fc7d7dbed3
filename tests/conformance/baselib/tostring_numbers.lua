local nums = {0, -0, 1, -1, 123456789, 1.0, -1.0, 0.5, 1e10, 1e15, 1e16, 1e-5, 123.456, 2^31, 2^32, 2^53, 2^63,
  math.maxinteger, math.mininteger, 1/3, -1/3, 100 / 10, 3.14159265358979, 1e300 * 1e300, -1e300 * 1e300}
for _, n in ipairs(nums) do print(tostring(n), math.type(n)) end
print(tostring(12):len(), tostring(1.5e300))
