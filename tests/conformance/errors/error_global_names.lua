-- variable names reported for globals, with and without a custom _ENV
print(pcall(function() return undefined_global.x end))
print(pcall(function() undefined_function() end))
print(pcall(function() local _ENV = {} return y.z end))
print(pcall(function() local _ENV = {} w() end))
print(pcall(function() local e = {} local _ENV = e return q + 1 end))
local function nested() return function() return ghost.field end end
print(pcall(nested()))
-- string.x style fields of a global table
print(pcall(function() return string.nothing.x end))
print(pcall(function() return math.nothing() end))
