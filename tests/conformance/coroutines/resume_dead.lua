local co = coroutine.create(function() return 1 end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
local errco = coroutine.create(function() error("boom") end)
print(coroutine.resume(errco))
print(coroutine.status(errco))
print(coroutine.resume(errco))
-- resuming a running coroutine
local self
self = coroutine.create(function() return coroutine.resume(self) end)
print(coroutine.resume(self))
-- resuming a normal coroutine
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
print(pcall(coroutine.resume, nil))
print(pcall(coroutine.resume, print))
print(pcall(coroutine.create, nil))
print(pcall(coroutine.create, {}))
