-- numeric conversions given strings (converted as by tonumber) and odd values
local f = string.format
local inputs = {"10", " 10 ", "0x10", "1e2", "2.0", "-0", "0x7fffffffffffffff", "9223372036854775808", "1e100", ".5", "5.", "0x1p4"}
for _, s in ipairs(inputs) do
  local r = {}
  for _, spec in ipairs{"%d", "%x", "%5.1f", "%g", "%c"} do
    local ok, v = pcall(f, spec, s)
    r[#r + 1] = ok and ("[" .. v:gsub("%c", "?") .. "]") or v
  end
  print(string.format("%-22s", s), table.concat(r, " "))
end
print(pcall(f, "%d", "10", "extra", "args"))
print(pcall(f, "%f", "abc"))
print(pcall(f, "%e", {}))
print(pcall(f, "%g", nil))
print(pcall(f, "%a", true))
print(pcall(f, "%x", -0.0), pcall(f, "%d", -0.0))
print(pcall(f, "%.0f", 0.5), pcall(f, "%.0f", 1.5), pcall(f, "%.0f", -2.5))
print(pcall(f, "%5.3s|", 12.5))
