-- string.format %d %i %u with flags, width, precision
local f = string.format
for _, spec in ipairs{"%d", "%i", "%u", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|",
                      "%+.0d", "%.0d", "%#d", "%+05d", "%- 6d|", "%99d", "%.99d"} do
  print(spec, "[" .. f(spec, 42) .. "]", "[" .. f(spec, -42) .. "]", "[" .. f(spec, 0) .. "]")
end
print(f("%d", math.maxinteger), f("%d", math.mininteger))
print(f("%i", math.mininteger), f("%u", -1))
print(f("%d %d %d", 1, 2, 3))
print(f("%d", "12"), f("%d", " 0x10 "), f("%d", 3.0), f("%d", -0.0))
print(f("%d", 2^53), f("%d", -2^63))
