local values = {0, 1, -1, 42, 1.5, -2.25, 1e10, 1e-10, 123456789012, math.maxinteger, math.mininteger, 1/3, 2^53, 0.1}
for _, v in ipairs(values) do
  local s = tostring(v)
  local back = tonumber(s)
  print(s, back == v, math.type(back) == math.type(v))
end
-- %.17g round trip is exact for floats
for _, v in ipairs{1/3, 0.1, 2/7, 1e-300} do
  print(tonumber(string.format("%.17g", v)) == v)
end
