-- after an error, a wrapped coroutine is dead
local co
local w = coroutine.wrap(function() co = coroutine.running() error("fail") end)
print(pcall(w))
print(coroutine.status(co))
print(pcall(w))
-- error objects pass through wrap unchanged when not strings
local w2 = coroutine.wrap(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end)
local ok, e = pcall(w2)
print(ok, tostring(e), type(e))
print(type(coroutine.close))
