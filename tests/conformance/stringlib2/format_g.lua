-- string.format %g %G
local f = string.format
local vals = {0, 1, -1, 100000, 1000000, 1e-4, 1e-5, 123456789, 0.1, 1/3, 2^53, 1e100, 5e-324}
for _, spec in ipairs{"%g", "%G", "%.0g", "%.1g", "%#g", "%#.3g", "%.14g", "%.17g", "%10.4g", "%-10.2G|", "%+g", "% g", "%010g"} do
  local out = {}
  for _, v in ipairs(vals) do out[#out + 1] = f(spec, v) end
  print(spec, table.concat(out, " "))
end
print(f("%g", 10), f("%g", "1e20"), f("%G", 1e-20))
print(f("%g", 1/0), f("%G", -1/0), f("%.3g", 1/0))
