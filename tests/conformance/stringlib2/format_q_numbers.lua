-- %q of integers and floats (the literal form must read back to the same value)
local f = string.format
local p0 = print
local function print(...)  -- hex literals would be normalized away: keep them visible
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  p0((table.concat(t, "\t"):gsub("0x", "0_x")))
end
local vals = {0, 1, -1, 42, math.maxinteger, math.mininteger, math.mininteger + 1,
  0.0, -0.0, 1.0, -1.5, 0.1, 1/3, 1e100, -1e-100, 2^53, 2^63, 5e-324, 1e308}
for _, v in ipairs(vals) do
  local q = f("%q", v)
  local back = load("return " .. q)()
  print(q, math.type(back), back == v, math.type(v))
end
-- lua5.3 writes infinities and nan with C's %a (no literal that reads back)
print(f("%q", 1/0), f("%q", -1/0), f("%q", 0/0), f("%q", -(0/0)))
print(f("%q", 255), f("%q", -255), f("%q", 16.0))
print(f("%q", "1"), f("%q", "1.5"))
