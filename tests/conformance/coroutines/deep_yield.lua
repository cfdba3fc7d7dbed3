-- yield from deep inside nested Lua calls
local function deep(n) if n == 0 then return coroutine.yield("bottom") end return deep(n - 1) + 1 end
local co = coroutine.create(function() return deep(100) end)
print(coroutine.resume(co))
print(coroutine.resume(co, 0))
-- many coroutines alive at once
local cos = {}
for i = 1, 100 do cos[i] = coroutine.create(function(x) local y = coroutine.yield(x * 2) return x + y end) end
local sum = 0
for i = 1, 100 do local _, v = coroutine.resume(cos[i], i) sum = sum + v end
for i = 1, 100 do local _, v = coroutine.resume(cos[i], 1) sum = sum + v end
print(sum)
-- a coroutine that yields a million times
local counter = coroutine.wrap(function() local i = 0 while true do i = i + 1 coroutine.yield(i) end end)
local last
for _ = 1, 100000 do last = counter() end
print(last)
