-- string.format %a %A
local f = string.format
-- "0x" would be normalized away by the suite; keep the digits visible
local print0 = print
local function print(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print0((table.concat(t, "\t"):gsub("0x", "0_x")))
end
local vals = {0, 1, -1, 0.5, 255.5, 1/3, 1e-300, 2^63, 0.1}
for _, spec in ipairs{"%a", "%A", "%.0a", "%.3a", "%#a", "%20a", "%-20a|", "%+a", "% A", "%020a"} do
  local out = {}
  for _, v in ipairs(vals) do out[#out + 1] = f(spec, v) end
  print(spec, table.concat(out, " "))
end
print(f("%a", 1), f("%a", "2"), f("%A", 3))
print(f("%a", 1/0), f("%A", -1/0))
print(tonumber(f("%a", 0.1)) == 0.1, tonumber(f("%a", 1/3)) == 1/3)
