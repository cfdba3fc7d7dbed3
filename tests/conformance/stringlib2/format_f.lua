-- string.format %f %F
local f = string.format
local vals = {0, -0.0, 1, -1.5, 3.14159265, 0.005, 0.015, 2.5, 1e15, 123456789.125, 1e-7}
for _, spec in ipairs{"%f", "%.0f", "%#.0f", "%.2f", "%10.3f", "%-10.1f|", "%+f", "% .1f", "%010.2f", "%.14f"} do
  local out = {}
  for _, v in ipairs(vals) do out[#out + 1] = f(spec, v) end
  print(spec, table.concat(out, " "))
end
print(f("%f", 7), f("%.1f", "2.25"), f("%5.1f", math.maxinteger))
print(f("%f", 1/0), f("%f", -1/0), f("%5.1f|", 1/0), f("%-6.1f|", -1/0), f("%06.1f|", 1/0))
print(pcall(f, "%F", 1))
print(pcall(f, "%10.2F", 1))
print(#f("%.99f", 1.5))
print(#f("%99.99f", 1e308))
print(f("%.3f", 1e300):sub(1, 20), #f("%.3f", 1e300))
