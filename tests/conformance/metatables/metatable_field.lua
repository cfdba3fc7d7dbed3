local protected = setmetatable({}, {__metatable = "locked", __index = {x = 1}})
print(getmetatable(protected), protected.x)
print(pcall(setmetatable, protected, {}))
print(pcall(setmetatable, protected, nil))
local prot2 = setmetatable({}, {__metatable = false})
print(getmetatable(prot2))
print(pcall(setmetatable, prot2, {}))
-- the string metatable
print(type(getmetatable("")), getmetatable("").__index == string)
print(getmetatable("abc") == getmetatable(""))
-- setmetatable returns its first argument and accepts nil to remove
local t = {}
local mt = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
setmetatable(t, nil)
print(getmetatable(t))
-- argument errors
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
print(pcall(setmetatable, "str", {}))
print(pcall(setmetatable))
print(pcall(getmetatable))
