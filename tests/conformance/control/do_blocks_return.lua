-- return must be the last statement of a block
local function f(x)
  do return x * 2 end
end
print(f(4))
local function g(x)
  if x then return "early" end
  return "late"
end
print(g(true), g(false))
print(load("return 1 print(2)"))
print(load("do return end print(1)") ~= nil)
print(load("return; ")())
local function noret() end
print(select('#', noret()))
