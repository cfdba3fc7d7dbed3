-- math.randomseed makes sequences repeatable
local function seq(seed, n, ...)
  math.randomseed(seed)
  local t = {}
  for i = 1, n do t[i] = math.random(...) end
  return t
end
local function same(a, b)
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return #a == #b
end
print(same(seq(1, 10, 1000), seq(1, 10, 1000)))
print(same(seq(42, 10), seq(42, 10)))
print(same(seq(3.0, 5, 1, 9), seq(3, 5, 1, 9)))
print(same(seq(-7, 5, 100), seq(-7, 5, 100)))
print(select("#", math.randomseed(5)))
print(pcall(math.randomseed))
print(pcall(math.randomseed, "x"))
print(pcall(math.randomseed, {}))
print(pcall(math.randomseed, 1.5))
