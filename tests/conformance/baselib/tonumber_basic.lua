local inputs = {"10", "  10  ", "10.5", "-10", "+10", "0x1F", "-0x10", "1e3", "1E-2", ".5", "5.", "0x.8p1",
  "", " ", "abc", "10abc", "1 0", "0x", "1e", "inf", "nan", "NaN", "--1", "0x1p-2", "9223372036854775807",
  "9223372036854775808", "-9223372036854775808", "0x7fffffffffffffff", "0xffffffffffffffffff", "1e500", "\t\n12\n"}
for _, s in ipairs(inputs) do
  local n = tonumber(s)
  print(string.format("%q", s), n, math.type(n))
end
print(tonumber(10), tonumber(10.5), tonumber(nil), tonumber(true), tonumber({}))
print(tonumber("10", nil))
