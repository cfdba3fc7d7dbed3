-- %.14g rounding as lua5.3 prints floats
local vals = {0.1 + 0.7, 1.005, 2.675, 1e21, 123456789012345678, 0.30000000000000004, 99999999999999.99,
  999999999999999.9, 0.000099999999999999, 1.23456789012345e-7, 4503599627370495.5, 1 / 7, 22 / 7, 1e-7, 12.5, 0.5e-320}
for _, v in ipairs(vals) do print(v, string.format("%.3f", v), string.format("%.0f", v)) end
print(string.format("%.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5, -1.5))
print(string.format("%.1f %.1f %.1f %.2f", 0.05, 0.15, 0.25, 1.005))
