-- %.14g loses digits; %.17g round-trips; tostring(tonumber(s)) for canonical forms
local vals = {0.1, 1/3, math.pi, 2^53 + 0.0, 1e23, 5e-324, 1.7976931348623157e308, 123456.789, -2.5e-8, 2^-1022}
for _, v in ipairs(vals) do
  local s14, s17 = tostring(v), string.format("%.17g", v)
  print(s14, tonumber(s14) == v, s17, tonumber(s17) == v)
end
for _, s in ipairs{"1", "1.0", "-0.0", "1e+15", "1e+16", "0.1", "100000000000000", "9.2233720368548e+18", "inf"} do
  local n = tonumber(s)
  print(s, n, n and tostring(n) == s)
end
