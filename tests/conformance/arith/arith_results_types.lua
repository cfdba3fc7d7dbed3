-- result subtype of every arithmetic operator for int/int, int/float, float/float
local ops = {
  {"+", function(a, b) return a + b end}, {"-", function(a, b) return a - b end},
  {"*", function(a, b) return a * b end}, {"/", function(a, b) return a / b end},
  {"//", function(a, b) return a // b end}, {"%", function(a, b) return a % b end},
  {"^", function(a, b) return a ^ b end},
}
for _, op in ipairs(ops) do
  local r1, r2, r3, r4 = op[2](7, 2), op[2](7, 2.0), op[2](7.0, 2), op[2](7.5, 2.5)
  print(op[1], r1, math.type(r1), r2, math.type(r2), r3, math.type(r3), r4, math.type(r4))
end
