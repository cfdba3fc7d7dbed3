-- load modes with binary and text chunks
local bin = string.dump(function() return "bin" end)
local txt = "return 'txt'"
for _, mode in ipairs({"b", "t", "bt", "tb", "x", ""}) do
  local f1, e1 = load(bin, "=b", mode)
  local f2, e2 = load(txt, "=t", mode)
  print(mode, f1 and f1() or e1, f2 and f2() or e2)
end
print(load(bin, "=b", nil)())
print(pcall(load, bin, "=b", 1))
print(pcall(load, bin, "=b", {}))
-- reader functions deliver binary chunks too
local i = 0
local f = load(function() i = i + 1 return bin:sub(i, i) end, "=reader", "b")
print(f and f())
i = 0
print(load(function() i = i + 1 return bin:sub(i, i) end, "=reader", "t"))
