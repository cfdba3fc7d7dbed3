-- string.format %e %E
local f = string.format
local vals = {0, 1, -1, 123.456, 1e-10, 1e300, 2^63, 0.1, 5e-324, 1/3}
for _, spec in ipairs{"%e", "%E", "%.0e", "%#.0e", "%.3e", "%12.2e", "%-12.2e|", "%+e", "% e", "%012.3E", "%.20e"} do
  local out = {}
  for _, v in ipairs(vals) do out[#out + 1] = f(spec, v) end
  print(spec, table.concat(out, " "))
end
print(f("%e", 42), f("%E", "1e5"))
print(f("%e", 1/0), f("%E", -1/0), f("%10e|", 1/0), f("%-10E|", -1/0))
