-- the same numbers through tostring, %s, %g, %.14g, concatenation, print, io.write
local vals = {1, 1.0, -0.0, 0.1, 1/3, 1e15, 1e16, 2^53, 2^63, 1e100, math.mininteger, 100000000000000, 1e300 * 1e10}
for _, v in ipairs(vals) do
  io.write(tostring(v), " | ", string.format("%s", v), " | ", string.format("%g", v), " | ",
           string.format("%.14g", v), " | ", v .. "", " | ", v, " | ")
  print(v)
end
io.write(1, " ", 2.0, " ", -0.0, " ", 1e16, "\n")
print(table.concat({1, 2.0, 1e16, -0.0}, ","))
