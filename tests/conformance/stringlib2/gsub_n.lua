-- string.gsub with a maximum number of replacements
local s = "a a a a a"
for _, n in ipairs{0, 1, 2, 5, 6, 100, -1, math.maxinteger, math.mininteger} do
  print(n, string.gsub(s, "a", "b", n))
end
print(string.gsub(s, "a", "b", 2.0))
print(string.gsub(s, "a", "b", "3"))
print(pcall(string.gsub, s, "a", "b", 2.5))
print(pcall(string.gsub, s, "a", "b", "x"))
print(pcall(string.gsub, s, "a", "b", {}))
print(string.gsub(s, "a", "b", nil))
print(string.gsub("abc", "", "-", 2))
