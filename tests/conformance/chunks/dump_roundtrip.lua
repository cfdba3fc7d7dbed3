-- dump, load and call; dumps of loaded dumps are identical
local function f(a, b, ...)
  local t = {a, b, ...}
  local s = 0
  for i = 1, #t do s = s + t[i] end
  return s, select('#', ...), "str", 1.5, math.mininteger, true
end
local d = string.dump(f)
local g = load(d, "=dumped", "b")
print(g(1, 2, 3, 4))
print(string.dump(g) == d)
print(#d == #string.dump(f))
local sum = 0
for i = 1, #d do sum = (sum * 31 + d:byte(i)) % 1000000007 end
print(#d, sum)
local ds = string.dump(f, true)
local s2 = 0
for i = 1, #ds do s2 = (s2 * 31 + ds:byte(i)) % 1000000007 end
print(#ds, s2, #ds < #d)
print(load(ds)(5, 6))
