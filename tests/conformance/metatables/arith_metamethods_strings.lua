-- arithmetic with strings: 5.3 converts numeric strings itself (no string metamethods)
print("10" + 5, "3" * "4", "2" ^ 3, -"5", "7" // "2", "7" % "4")
print(getmetatable("").__add, getmetatable("").__index == string)
-- a string operand with a table that has __add: the metamethod is called
local mt = {__add = function(a, b) return "meta:" .. type(a) .. "+" .. type(b) end,
            __sub = function(a, b) return "sub " .. type(a) .. "," .. tostring(b) end}
local t = setmetatable({}, mt)
print("10" + t, t + "10", "abc" + t, t - "x")
-- non numeric string with a number: error mentions string
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return 1 + "abc" end))
-- adding a metatable to strings (through getmetatable) affects all strings
local smt = getmetatable("")
smt.__add = function(a, b) return "string add" end
print(pcall(function() return "abc" + 1 end))
print("10" + 1)
smt.__add = nil
smt.__unm = function(s) return "neg " .. s end
print(-"abc", -"2")
smt.__unm = nil
