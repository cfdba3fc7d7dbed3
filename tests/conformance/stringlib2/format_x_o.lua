-- string.format %x %X %o
local f = string.format
-- "0x" would be normalized away by the suite; keep the digits visible
local print0 = print
local function print(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print0((table.concat(t, "\t"):gsub("0x", "0_x")))
end
for _, spec in ipairs{"%x", "%X", "%o", "%#x", "%#X", "%#o", "%8x", "%-8X|", "%08x", "%.4x", "%#.4x",
                      "%#08x", "%#10.6o", "%-#8o|"} do
  print(spec, "[" .. f(spec, 255) .. "]", "[" .. f(spec, 0) .. "]", "[" .. f(spec, 8) .. "]")
end
print(f("%x", -1), f("%X", math.mininteger), f("%o", -1))
print(f("%x", math.maxinteger), f("%#X", 3735928559))
print(f("%x", 16.0), f("%X", "0xff"))
