-- string.sub with boundary indices
local s = "abcdef"
local cases = {
  {1}, {0}, {-1}, {-6}, {-7}, {6}, {7}, {100},
  {2, 4}, {4, 2}, {0, 0}, {0, 1}, {-3, -2}, {-2, -3}, {-100, 3}, {3, 100}, {2, -1}, {2, 0},
  {math.mininteger}, {math.maxinteger}, {math.mininteger, math.maxinteger}, {1, math.mininteger},
  {math.maxinteger, math.maxinteger}, {math.mininteger, math.mininteger}, {-1, math.maxinteger},
  {3.0}, {"2", "3"}, {" 2 ", "0x4"},
}
for _, c in ipairs(cases) do
  print(tostring(c[1]), tostring(c[2]), "[" .. s:sub(c[1], c[2]) .. "]")
end
print("[" .. (""):sub(1) .. "]", "[" .. (""):sub(0, -1) .. "]")
print(string.sub(12345, 2, 3), string.sub(1.25, -2))
print(pcall(string.sub))
print(pcall(string.sub, "abc"))
print(pcall(string.sub, "abc", 1.5))
print(pcall(string.sub, "abc", 1, 2.5))
print(pcall(string.sub, "abc", "x"))
print(pcall(string.sub, "abc", 1, {}))
print(pcall(string.sub, "abc", 2^63))
print(pcall(function() return ("abc"):sub() end))
