-- getmetatable and __metatable
local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt, getmetatable({}), getmetatable("x").__index == string)
mt.__metatable = "locked"
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
print(pcall(setmetatable, t, nil))
mt.__metatable = false
print(getmetatable(t))
print(pcall(setmetatable, t, {}))
local m2 = {__metatable = {fake = true}}
local u = setmetatable({}, m2)
print(getmetatable(u).fake, getmetatable(u) == m2)
print(pcall(getmetatable))
print(getmetatable(nil), getmetatable(1), getmetatable(print), getmetatable(true))
print(rawequal(getmetatable(t), nil))
