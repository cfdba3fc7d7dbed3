local t = setmetatable({}, {__tostring = function(self) return "custom object" end})
print(t, tostring(t))
print(string.format("%s|%5s", t, setmetatable({}, {__tostring = function() return "ab" end})))
-- __tostring must return a string
local bad = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(tostring, bad))
local bad2 = setmetatable({}, {__tostring = function() return nil end})
print(pcall(tostring, bad2))
-- __name is used by tostring when there is no __tostring
local named = setmetatable({}, {__name = "MyType"})
print((tostring(named):gsub("0x%x+", "ADDR")))
local named2 = setmetatable({}, {__name = 123})
print((tostring(named2):gsub("0x%x+", "ADDR")))
-- __tostring receives the value
local p = setmetatable({x = 1, y = 2}, {__tostring = function(s) return "(" .. s.x .. "," .. s.y .. ")" end})
print(p, "" .. tostring(p))
-- print uses tostring (the global one in 5.3)
local saved = tostring
tostring = function(v) return "patched" end
print(1, "a", nil)
tostring = saved
print(1, "a", nil)
-- error in __tostring propagates
local e = setmetatable({}, {__tostring = function() error("in tostring") end})
print(pcall(print, e))
print(pcall(tostring, e))
-- concatenation does not use __tostring
print(pcall(function() return "x" .. t end))
