-- coroutines that are never finished are collected; weak references see it
local weak = setmetatable({}, {__mode = "k"})
local function make()
  for i = 1, 10 do
    local co = coroutine.create(function() coroutine.yield(i) end)
    coroutine.resume(co)
    weak[co] = true
  end
end
make()
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("left", n)
local keep = coroutine.create(function() coroutine.yield() end)
weak[keep] = true
coroutine.resume(keep)
collectgarbage()
n = 0
for _ in pairs(weak) do n = n + 1 end
print("left", n, coroutine.status(keep))
