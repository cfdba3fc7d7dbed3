-- type
print(type(nil), type(true), type(0), type(0.5), type(""), type({}), type(print), type(type))
print(type(coroutine.create(print)), type(io.stdout), type(function() end))
print(pcall(type))
print(type(nil, 1))
print(pcall(function() return type() end))
local function f(...) return type(...) end
print(pcall(f))
print(pcall(f, nil))
print(type(type(1)))
