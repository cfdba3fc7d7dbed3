-- every math function with a missing or bad argument
-- (not math.atan: lua5.3 names it math.atan or math.atan2 depending on its hash seed)
local names = {"abs", "ceil", "floor", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos",
  "deg", "rad", "fmod", "modf", "tointeger", "type", "ult", "max", "min", "random", "randomseed"}
for _, n in ipairs(names) do
  local ok, e = pcall(math[n])
  print(n, "none", ok, ok and type(e) or e)
end
for _, n in ipairs(names) do
  local ok, e = pcall(math[n], {})
  print(n, "table", ok, ok and type(e) or e)
end
