-- default values via __index, and method lookup through a class chain
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.a = defaults.a + 1
defaults.a = defaults.a + 1
print(defaults.a, defaults.b, rawget(defaults, "b"))
local Base = {}
Base.__index = Base
function Base:hello() return "hello from " .. self.name end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived:bye() return "bye from " .. self.name end
local obj = setmetatable({name = "obj"}, Derived)
print(obj:hello(), obj:bye())
print(pcall(function() return obj:missing() end))
print(rawget(obj, "hello"), rawget(Derived, "hello"), rawget(Base, "hello") ~= nil)
