local mt = {__concat = function(a, b)
  local function s(x) if type(x) == "table" then return x.v or "plain" end return tostring(x) end
  return "<" .. s(a) .. "|" .. s(b) .. ">"
end}
local A = setmetatable({v = "A"}, mt)
local B = setmetatable({v = "B"}, mt)
print(A .. B, A .. "s", "s" .. A, 1 .. A, A .. 2.5)
-- right associativity: "x" .. "y" .. A is "x" .. ("y" .. A)
print("x" .. "y" .. A)
print(A .. "x" .. "y")
print("a" .. A .. "b" .. B .. "c")
-- only one operand needs the metamethod; it is taken from the first operand that has it
local other = setmetatable({v = "O"}, {__concat = function() return "other wins" end})
print(other .. A, A .. other)
-- result may be any value
local weird = setmetatable({}, {__concat = function() return 42 end})
print(weird .. "x", math.type(weird .. "x"))
print(pcall(function() return {} .. A end))
print(pcall(function() return A .. nil end))
print(pcall(function() return true .. A end))
