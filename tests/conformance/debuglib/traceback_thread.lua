-- traceback of another coroutine
local function inner() coroutine.yield(1) end
local function outer() inner() end
local co = coroutine.create(outer)
print(debug.traceback(co))
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "with msg"))
print(debug.traceback(co, "level 1", 1))
print(debug.traceback(co, "level 2", 2))
print(debug.traceback(co, "level 9", 9))
print(debug.traceback(co, nil, 0))
coroutine.resume(co)
print(coroutine.status(co))
print(debug.traceback(co, "dead"))
local co2 = coroutine.create(function() local x = nil; return x.y end)
print(coroutine.resume(co2))
print(debug.traceback(co2, "after error"))
print(debug.traceback(co2, {}) ~= nil)
