-- the string metatable and method calls on literals
local mt = getmetatable("")
print(type(mt), mt == getmetatable("other"), mt.__index == string)
print(rawequal(getmetatable("a"), getmetatable(string.rep("b", 100))))
print(("abc"):upper(), ("%d"):format(5), ("x"):rep(3), #("abc"):rep(2))
local s = "hello"
print(s:len(), s:sub(2, 3), s:byte(), s:find("l"), s.len == string.len)
print(("a,b"):gsub(",", ";"))
print(getmetatable(1), getmetatable(true), getmetatable(nil))
print(pcall(function() return (1):upper() end))
print(pcall(function() return ("x"):nosuch() end))
print(pcall(function() return ("x").nosuch end))
print(pcall(function() return #("x").len end))
-- extending the string table extends all strings
function string.shout(x) return x:upper() .. "!" end
print(("hey"):shout())
string.shout = nil
print(pcall(function() return ("hey"):shout() end))
-- the __index can be replaced
local old = mt.__index
mt.__index = function(str, k) return function() return "custom " .. k .. " on " .. str end end
print(("abc"):whatever())
mt.__index = old
print(("abc"):upper())
-- indexing a string with a number gives nil (string table has no such key)
print(("abc")[1], ("abc").x)
print(pcall(setmetatable, "x", {}))
print(#"abc" == ("abc"):len(), "abc" < "abd", "Z" < "a", "" < "a", "a" < "aa", "a\0b" > "a")
