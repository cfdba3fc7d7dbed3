-- tracebacks of coroutines in different states
local co = coroutine.create(function(a)
  local function deep(n) if n == 0 then coroutine.yield("bottom") else deep(n - 1) end end
  deep(a)
  error("after")
end)
print(debug.traceback(co, "fresh"))
coroutine.resume(co, 3)
print(debug.traceback(co, "suspended"))
print(coroutine.resume(co))
print(debug.traceback(co, "dead"))
local cw = coroutine.wrap(function() print((debug.traceback("inside wrap"))) end)
cw()
