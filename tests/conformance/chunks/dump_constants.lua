-- all kinds of constants survive a dump
local function consts()
  return nil, true, false, 0, -1, 1 << 62, math.mininteger, math.maxinteger,
    0.0, -0.0, 1.5, 1e308, -1e-308, 2^53, math.huge, -math.huge,
    "", "short", string.rep("long string ", 10), "with\0zero", "\255\254"
end
local g = load(string.dump(consts))
local a, b = table.pack(consts()), table.pack(g())
print(a.n, b.n)
for i = 1, a.n do
  local x, y = a[i], b[i]
  print(i, math.type(x) or type(x), math.type(y) or type(y), x == y, tostring(x) == tostring(y), 1/((x == 0 and x) or 1) == 1/((y == 0 and y) or 1))
end
local nan = load(string.dump(function() return 0/0 end))()
print(nan ~= nan)
