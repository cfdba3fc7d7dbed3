local mt = {}
local function V(v) return setmetatable({v = v}, mt) end
local function val(x) if type(x) == "table" then return x.v or "plain" end return x end
for _, ev in ipairs{"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv"} do
  mt["__" .. ev] = function(a, b) return ev .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
local a, b = V(1), V(2)
print(a + b, a - b, a * b, a / b)
print(a % b, a ^ b, -a, a // b)
-- mixed operands, either side
print(a + 1, 1 + a, "s" * a, a / "2", 2 ^ a, a // 3.5)
-- unary minus gets the operand twice
print(-V(7))
-- left operand's metamethod has priority
local other = setmetatable({v = "o"}, {__add = function() return "other" end})
print(other + a, a + other)
-- missing metamethod
print(pcall(function() return V(1) & 1 end))
print(pcall(function() return {} + a end))
