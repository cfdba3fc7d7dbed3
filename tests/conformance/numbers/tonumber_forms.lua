-- tonumber without base: decimal, hex, exponents, spaces, edge cases
local inputs = {"10", " 10 ", "\t\n10\v\f\r", "10 x", "0x10", "0X1F", "-0x10", "0x", "0x.", "0x.8", "0x8.",
  "0x1p4", "0x1P-1", "0x1p", "0xp1", "0x1.8p+1", "0xg", "1e", "1e+", "1e5", "1E-2", ".5", "5.", ".", "-.5",
  "+5", "++5", "- 5", "inf", "nan", "1,5", "1_000", "0b101", "00010", "1e400", "-1e400", "0x1e", "1e0x1",
  "", " ", "9223372036854775807", "9223372036854775808", "0x8000000000000000", "1.5e308", "4e-330", "0x1p-1080",
  "\0", "1\0"}
for _, s in ipairs(inputs) do
  local n = tonumber(s)
  print(string.format("%-24q", s), n, math.type(n))
end
print(tonumber(5), tonumber(5.5), tonumber(-0.0), tonumber(true), tonumber({}), tonumber(print))
