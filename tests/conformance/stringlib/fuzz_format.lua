-- Differential fuzz of string.format directives (flags, widths, precisions, conversions) and values.
local seed = tonumber(arg and arg[1]) or 1
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
local flags = {"", "-", "+", " ", "#", "0", "-0", "+ ", "#0", "--", "-+ #0", "-+ #0-"}
local widths = {"", "1", "5", "12", "99", "100"}
local precs = {"", ".", ".0", ".3", ".10", ".99", ".100"}
local convs = {"d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "g", "G", "a", "A", "s", "q", "%", "y", "F", "l"}
local vals = {0, 1, -1, 42, 3.5, -0.0, 1/0, -1/0, 1e300, 2^53, math.mininteger, math.maxinteger, "abc", "", "12", "1.5", "a\0b", true, nil, 255, 65.0, 1e-10}
for i = 1, 800 do
  local f = "%" .. flags[rnd(#flags)] .. widths[rnd(#widths)] .. precs[rnd(#precs)] .. convs[rnd(#convs)]
  local v = vals[rnd(#vals)]
  local ok, r = pcall(string.format, f, v)
  if ok then r = string.format("%q", r) end
  print(i, f, tostring(v), ok, r)
end
