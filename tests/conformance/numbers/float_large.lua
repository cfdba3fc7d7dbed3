-- large floats as text: tostring, print, concatenation, %.14g
local vals = {1e14, 1e15, 1e16, 1e17, 123456789012345.0, 1234567890123456.0, 2^53, 2^53 + 1, 2^63, -2^63, 2^64,
  1e100, -1e100, 1e300, 1e308, 1.7976931348623157e308, 100000000000000, 1e15 + 0.5, 99999999999999.9}
for _, v in ipairs(vals) do
  print(v, tostring(v), "" .. v, string.format("%.14g", v), math.type(v))
end
