-- __lt used for mixed table/number comparisons
local mt = {__lt = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  return x < y
end}
local five = setmetatable({v = 5}, mt)
print(five < 6, 4 < five, five > 1, 10 > five)
print(five <= 5, 5 <= five)   -- falls back to not (b < a)
print(pcall(function() return five < "x" end))
-- two tables with different __lt: the first operand's is used
local other = setmetatable({v = 1}, {__lt = function() return "other" end})
print(five < other, other < five)
-- comparing a table without __lt to a number
print(pcall(function() return {} < 1 end))
print(pcall(function() return 1 < {} end))
