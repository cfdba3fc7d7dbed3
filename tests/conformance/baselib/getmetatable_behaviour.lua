print(getmetatable({}), getmetatable(1), getmetatable(true), getmetatable(print), getmetatable(nil))
print(getmetatable("x").__index == string)
local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt)
mt.__metatable = {fake = true}
print(getmetatable(t).fake)
mt.__metatable = nil
print(getmetatable(t) == mt)
print(getmetatable(coroutine.create(print)))
print(type(getmetatable(io.stdout)), getmetatable(io.stdout).__name)
