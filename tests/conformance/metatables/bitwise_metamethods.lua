local mt = {}
local function val(x) return type(x) == "table" and x.v or x end
for _, ev in ipairs{"band", "bor", "bxor", "shl", "shr", "bnot"} do
  mt["__" .. ev] = function(a, b) return ev .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
local a = setmetatable({v = "A"}, mt)
print(a & 1, 1 | a, a ~ a, a << 2, 3 >> a, ~a)
-- bitwise metamethods are tried for non-integral floats and strings too
print(1.5 & a, "x" | a)
-- errors: which message for floats without metamethods
print(pcall(function() return 1.5 | 1 end))
print(pcall(function() return "1.5" | 1 end))
print(pcall(function() return {} | 1 end))
print(pcall(function() return 1 | setmetatable({}, {}) end))
