-- every C99 conversion of os.date on a fixed UTC time
local t = 1234567890 -- 2009-02-13 23:31:30 UTC, a Friday
for _, c in ipairs({"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I", "j",
    "m", "M", "n", "p", "r", "R", "S", "t", "T", "u", "U", "V", "w", "W", "x", "X", "y", "Y", "%"}) do
  print(c, "[" .. os.date("!%" .. c, t) .. "]")
end
