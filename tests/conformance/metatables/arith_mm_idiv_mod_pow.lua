local mt = {
  __idiv = function(a, b) return "idiv" end,
  __mod = function(a, b) return "mod" end,
  __pow = function(a, b) return "pow" end,
  __div = function(a, b) return "div" end,
}
local t = setmetatable({}, mt)
print(t // 1, 1 // t, t % 2, 2 % t, t ^ 2, 2 ^ t, t / 2, 2 / t)
-- integer division by zero is checked before metamethods? only for numbers
print(pcall(function() return 1 // 0 end))
print(t // 0, t % 0)
-- metamethods returning multiple values: only the first is kept
mt.__add = function() return 1, 2, 3 end
print(t + t, select('#', t + t))
