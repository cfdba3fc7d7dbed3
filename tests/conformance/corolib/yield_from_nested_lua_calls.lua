-- yield deep inside Lua calls, resumed values flow back
local function level3(x) return coroutine.yield(x * 3) + 1 end
local function level2(x) local r = level3(x + 1) return r * 2 end
local function level1(x) return level2(x) + level2(x + 10) end
local co = coroutine.create(level1)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 100))
print(coroutine.resume(co, 1000))
print(coroutine.status(co))
